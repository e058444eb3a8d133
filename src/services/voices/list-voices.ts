/** Lists voices by filter with paging and a total; filters name labels by code, dates as people write them. */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Db, Dialect } from "../../db/database.js";
import type { Database, VoicesTable } from "../../db/schema.js";
import { addCalendarDays, jstDateTimeToIso, jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { invalidInput } from "../../errors.js";
import {
  countSearchHits,
  countSearchHitsCapped,
  dialectOf,
  type IdRange,
  latestSearchHits,
  SEARCH_CAP,
  searchCondition,
  searchHits,
  topSearchHits,
  tsQuery,
} from "../../search/search-sql.js";
import { parseSearchQuery, type SearchTerm } from "../../search/search-text.js";
import { buildSnippet } from "../../search/snippet.js";
import {
  type TaxonomyKind,
  VOICE_SORTS,
  VOICE_STATUSES,
  type VoiceList,
  type VoiceListQuery,
  type VoiceStatus,
  type VoiceSummary,
} from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { KIND_LABELS_JA, type TaxonomyIndex, taxonomyIndex } from "../taxonomy.js";
import { presentSummary, VOICE_ROW_COLUMNS } from "./voice-presenter.js";

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

export interface VoiceFilter {
  fromIso?: string;
  toIsoExclusive?: string;
  typeIds?: number[];
  categoryIds?: number[];
  channelIds?: number[];
  departmentIds?: number[];
  statuses?: VoiceStatus[];
  assigneeIds?: number[];
  unassigned?: boolean;
  overdue?: boolean;
  /** full-text terms (AND); matched through the search index of `dialect` */
  search?: SearchTerm[];
  /** q was a receipt number (2025-000123): that voice, not a text search */
  receiptNumber?: string;
  dialect?: Dialect;
}

const split = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Turns the API's query strings into a typed filter; every bad value is reported by field. */
export function parseVoiceFilter(
  q: VoiceListQuery,
  tax: TaxonomyIndex,
  actor: Actor,
  dialect: Dialect,
): VoiceFilter {
  const fields: Record<string, string> = {};
  const f: VoiceFilter = { dialect };
  const day = (key: "from" | "to", v: string | undefined) => {
    if (!v) return undefined;
    const d = parseDateTimeJa(v);
    if (!d.ok) {
      fields[key] = d.message;
      return undefined;
    }
    return d.date;
  };
  const from = day("from", q.from);
  const to = day("to", q.to);
  if (from) f.fromIso = jstDateTimeToIso(from);
  if (to) f.toIsoExclusive = jstDateTimeToIso(addCalendarDays(to, 1));
  if (from && to && from > to) fields.to = "終了日は開始日以降の日付にしてください";

  const labels = (key: keyof VoiceListQuery, kind: TaxonomyKind | "department") => {
    const ids: number[] = [];
    for (const v of split(q[key] as string | undefined)) {
      const l = tax.find(kind, /^\d+$/.test(v) ? Number(v) : v);
      if (!l) fields[key] = `「${v}」は登録されていない${KIND_LABELS_JA[kind]}です`;
      else ids.push(l.id);
    }
    return ids.length ? ids : undefined;
  };
  f.typeIds = labels("type", "type");
  f.categoryIds = labels("category", "category");
  f.channelIds = labels("channel", "channel");
  f.departmentIds = labels("department", "department");

  const statuses = split(q.status);
  for (const s of statuses) {
    if (!VOICE_STATUSES.includes(s as VoiceStatus)) fields.status = `「${s}」は状態として指定できません`;
  }
  if (statuses.length) f.statuses = statuses as VoiceStatus[];

  const assignees: number[] = [];
  for (const a of split(q.assignee)) {
    if (a === "me") assignees.push(actor.id);
    else if (a === "none") f.unassigned = true;
    else if (/^\d+$/.test(a)) assignees.push(Number(a));
    else fields.assignee = "担当者はユーザーID、me、none のいずれかで指定してください";
  }
  if (assignees.length) f.assigneeIds = assignees;
  if (q.overdue !== undefined) {
    if (q.overdue !== "true" && q.overdue !== "false") fields.overdue = "overdue は true か false です";
    else if (q.overdue === "true") f.overdue = true;
  }
  const receipt = q.q?.normalize("NFKC").trim();
  if (receipt && /^\d{4}-\d{6}$/.test(receipt)) f.receiptNumber = receipt;
  else if (q.q) {
    const terms = parseSearchQuery(q.q);
    if (terms.length) f.search = terms;
  }
  if (q.sort !== undefined && !VOICE_SORTS.includes(q.sort)) fields.sort = "並び順の指定が正しくありません";
  if (Object.keys(fields).length) throw invalidInput(fields, "検索条件に誤りがあります");
  return f;
}

type VDb = Database & { v: VoicesTable };
type VoiceQuery<O> = SelectQueryBuilder<VDb, "v", O>;

/** Applies a filter to any query over `voices as v`. Overdue mirrors domain/deadlines.ts overdueState. */
export function applyVoiceFilter<O>(qb: VoiceQuery<O>, f: VoiceFilter, today: string): VoiceQuery<O> {
  let q = qb;
  if (f.fromIso) q = q.where("v.received_at", ">=", f.fromIso);
  if (f.toIsoExclusive) q = q.where("v.received_at", "<", f.toIsoExclusive);
  if (f.typeIds) q = q.where("v.type_id", "in", f.typeIds);
  if (f.categoryIds) q = q.where("v.category_id", "in", f.categoryIds);
  if (f.channelIds) q = q.where("v.channel_id", "in", f.channelIds);
  if (f.departmentIds) q = q.where("v.department_id", "in", f.departmentIds);
  if (f.statuses) q = q.where("v.status", "in", f.statuses);
  if (f.assigneeIds || f.unassigned) {
    const ids = f.assigneeIds;
    const unassigned = f.unassigned;
    q = q.where((eb: ExpressionBuilder<VDb, "v">) => {
      const ors = [];
      if (ids) ors.push(eb("v.assignee_id", "in", ids));
      if (unassigned) ors.push(eb("v.assignee_id", "is", null));
      return eb.or(ors);
    });
  }
  if (f.overdue) {
    q = q.where((eb: ExpressionBuilder<VDb, "v">) =>
      eb.and([
        eb("v.status", "in", ["received", "in_progress"]),
        eb.or([
          eb("v.resolve_by", "<", today),
          eb.and([eb("v.status", "=", "received"), eb("v.acknowledge_by", "<", today)]),
        ]),
      ]),
    );
  }
  if (f.receiptNumber) q = q.where("v.receipt_number", "=", f.receiptNumber);
  if (f.search) q = q.where(searchCondition(f.dialect ?? "sqlite", f.search));
  return q;
}

/** SQLite ranks and counts exactly up to this many search hits (bm25 over 10,000 hits: ~20 ms at 1M). */
const SQLITE_EXACT_HITS = 10_000;

export interface ListOptions {
  /** above this many search hits the newest are shown, with the total as a lower bound (default SEARCH_CAP) */
  searchCap?: number;
  /** SQLite ranks and counts exactly up to this many hits (default SQLITE_EXACT_HITS, never below searchCap) */
  exactUpTo?: number;
}

export async function listVoices(
  db: Db,
  actor: Actor,
  query: VoiceListQuery,
  opts: ListOptions = {},
): Promise<VoiceList> {
  const tax = await taxonomyIndex(db);
  const dialect = dialectOf(db);
  const cap = opts.searchCap ?? SEARCH_CAP;
  // SQLite's index ranks 10,000 hits in ~20 ms: up to that many it stays exact; PostgreSQL stops at the cap.
  const exact = dialect === "sqlite" ? Math.max(cap, opts.exactUpTo ?? SQLITE_EXACT_HITS) : cap;
  const { search, ...filter } = parseVoiceFilter(query, tax, actor, dialect);
  const page = Math.max(1, Math.floor(Number(query.page ?? 1)) || 1);
  const limit = Math.min(
    MAX_LIMIT,
    Math.max(1, Math.floor(Number(query.limit ?? DEFAULT_LIMIT)) || DEFAULT_LIMIT),
  );
  const now = new Date();
  const today = jstToday(now);

  const sort = query.sort ?? (search ? "relevance" : "received_desc");
  const onlySearch = Object.entries(filter).every(([k, x]) => k === "dialect" || x === undefined);
  if (
    search &&
    onlySearch &&
    (sort === "relevance" || (dialect === "postgres" && sort === "received_desc"))
  ) {
    // More hits than SEARCH_CAP: the newest, and 「2,000件以上」.
    const n = await countSearchHitsCapped(db, search, exact);
    if (n > exact) {
      // Newest first by walking the newest voices: with more than `cap` hits this beat collecting and sorting every
      // hit at 1,000,000 voices even for words in 0.3% of them (bench/search.ts: 遅い 47 vs 82 ms).
      const ids = await latestSearchHits(db, dialect, search, limit, (page - 1) * limit, false, {
        walk: true,
      });
      const items = await searchItems(db, ids, search, tax, now);
      return { items, total: exact, totalCapped: true, page, limit };
    }
  }
  if (search && sort === "relevance" && onlySearch) {
    // Nothing but words: the index alone counts and ranks; the page's rows are read by id.
    const [total, ids] = await Promise.all([
      countSearchHits(db, dialect, search),
      topSearchHits(db, dialect, search, limit, (page - 1) * limit),
    ]);
    return { items: await searchItems(db, ids, search, tax, now), total, page, limit };
  }
  if (search && (sort === "received_desc" || sort === "received_asc") && onlySearch) {
    const [total, ids] = await Promise.all([
      countSearchHits(db, dialect, search),
      latestSearchHits(db, dialect, search, limit, (page - 1) * limit, sort === "received_asc"),
    ]);
    return { items: await searchItems(db, ids, search, tax, now), total, page, limit };
  }

  // With search terms and filters the voices are joined to their hits (id, rank).
  const from = search
    ? db.selectFrom("voices as v").innerJoin(searchHits(dialect, search).as("s"), "s.id", "v.id")
    : db.selectFrom("voices as v");
  const base = applyVoiceFilter(from as unknown as VoiceQuery<object>, filter, today);
  if (search && sort === "relevance") {
    return rankedSearch(db, search, filter, today, { page, limit, tax, now, cap, exact });
  }
  // Counting needs no rank: the IN (index lookup) form lets the planner start from the most selective side.
  const countBase = search
    ? applyVoiceFilter(db.selectFrom("voices as v"), { ...filter, search }, today)
    : base;
  const countRow =
    search && onlySearch
      ? { n: await countSearchHits(db, dialect, search) }
      : await countBase.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

  let rowsQ = base.leftJoin("users as a", "a.id", "v.assignee_id").select(VOICE_ROW_COLUMNS);
  switch (sort) {
    case "relevance":
      rowsQ = search
        ? rowsQ.orderBy(sql`s.rank`).orderBy("v.received_at", "desc")
        : rowsQ.orderBy("v.received_at", "desc").orderBy("v.id", "desc");
      break;
    case "received_asc":
      rowsQ = rowsQ.orderBy("v.received_at", "asc").orderBy("v.id", "asc");
      break;
    case "deadline_asc":
      rowsQ = rowsQ
        .orderBy(sql`case when v.resolve_by is null then 1 else 0 end`)
        .orderBy("v.resolve_by", "asc")
        .orderBy("v.received_at", "asc");
      break;
    case "updated_desc":
      rowsQ = rowsQ.orderBy("v.updated_at", "desc").orderBy("v.id", "desc");
      break;
    default:
      rowsQ = rowsQ.orderBy("v.received_at", "desc").orderBy("v.id", "desc");
  }
  if (search) {
    // Sort narrow rows (id and sort keys) and read the page's voices afterwards.
    const ids = await (rowsQ.clearSelect().select("v.id") as unknown as typeof rowsQ)
      .limit(limit)
      .offset((page - 1) * limit)
      .execute();
    const items = await searchItems(
      db,
      ids.map((r) => r.id),
      search,
      tax,
      now,
    );
    return { items, total: Number(countRow.n), page, limit };
  }
  const rows = await rowsQ
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  const items = rows.map((r) => presentSummary(r, tax, now));
  return { items, total: Number(countRow.n), page, limit };
}

/**
 * Words + filters, by relevance. When too many voices pass both to rank, the newest are shown, newest first, with
 * the cap as a lower bound (「2,000件以上」), as for words alone.
 * - SQLite: the hits are filtered by the set of voices passing the filters (read from their covering indexes). A
 *   rank needs every hit's bm25, so it is computed only for narrow filters (at most `exact` voices: their id range
 *   also bounds the scan of the index, since voices are numbered as they arrive and a period is a stretch of ids),
 *   at most `exact` hits of the words, or at most `cap` voices passing both (found by walking the filters newest
 *   first, probing the hit set).
 * - PostgreSQL: one pass reads the hits passing the filters, ranked, and stops after cap + 1.
 */
async function rankedSearch(
  db: Db,
  search: SearchTerm[],
  filter: VoiceFilter,
  today: string,
  o: { page: number; limit: number; tax: TaxonomyIndex; now: Date; cap: number; exact: number },
): Promise<VoiceList> {
  const { page, limit, cap, exact } = o;
  const offset = (page - 1) * limit;
  const respond = async (ids: number[], total: number, totalCapped?: true): Promise<VoiceList> => ({
    items: await searchItems(db, ids, search, o.tax, o.now),
    total,
    ...(totalCapped ? { totalCapped } : {}),
    page,
    limit,
  });
  const dialect = dialectOf(db);
  const passing = () => applyVoiceFilter(db.selectFrom("voices as v"), filter, today).select("v.id");
  // Newest first, walking the filters and probing the hit set: for a set too large to rank.
  const newestQ = () =>
    applyVoiceFilter(db.selectFrom("voices as v"), { ...filter, search }, today)
      .select("v.id")
      .orderBy("v.received_at", "desc")
      .orderBy("v.id", "desc");
  const newestCapped = async () =>
    respond(
      (await newestQ().limit(limit).offset(offset).execute()).map((r) => r.id),
      cap,
      true,
    );
  let within: IdRange | undefined;
  if (dialect === "postgres") {
    // One pass over the hits passing the filters, stopping after cap + 1: each hit costs a heap visit, so a
    // second pass to count would double the cost. ts_rank (~17 µs a document) only for the hits that pass.
    const hits = await sql<{ id: number; rank: number }>`select s.voice_id as id, -ts_rank(s.doc, t.q) as rank
      from voice_search s, (select ${tsQuery(search)} as q) t
      where s.doc @@ t.q and s.voice_id in (${passing()}) limit ${cap + 1}`.execute(db);
    if (hits.rows.length > cap) return newestCapped();
    const ranked = hits.rows
      .map((r) => ({ id: Number(r.id), rank: Number(r.rank) }))
      .sort((a, b) => a.rank - b.rank || b.id - a.id);
    return respond(
      ranked.slice(offset, page * limit).map((r) => r.id),
      ranked.length,
    );
  } else {
    const narrow = await db
      .selectFrom(
        passing()
          .limit(exact + 1)
          .as("f"),
      )
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.min<number>("f.id").as("lo"),
        eb.fn.max<number>("f.id").as("hi"),
      ])
      .executeTakeFirstOrThrow();
    if (Number(narrow.n) === 0) return respond([], 0);
    if (Number(narrow.n) <= exact) within = { lo: Number(narrow.lo), hi: Number(narrow.hi) };
    else if ((await countSearchHitsCapped(db, search, exact)) > exact) {
      // Broad filters and many hits: walk the filters newest first, probing the hit set, up to cap + 1.
      const newest = (
        await newestQ()
          .limit(cap + 1)
          .execute()
      ).map((r) => r.id);
      if (newest.length > cap) {
        return page * limit <= newest.length
          ? respond(newest.slice(offset, page * limit), cap, true)
          : newestCapped();
      }
      if (newest.length === 0) return respond([], 0);
      within = { lo: Math.min(...newest), hi: Math.max(...newest) };
    }
  }
  const ranked = await db
    .selectFrom(searchHits(dialect, search, within).as("s"))
    .select("s.id")
    .where("s.id", "in", passing())
    .orderBy("s.rank")
    .orderBy("s.id", "desc")
    .execute();
  return respond(
    ranked.slice(offset, page * limit).map((r) => r.id),
    ranked.length,
  );
}

/** The voices of a page of search hits, in the hits' order, each with its snippet. */
async function searchItems(
  db: Db,
  ids: number[],
  search: SearchTerm[],
  tax: TaxonomyIndex,
  now: Date,
): Promise<VoiceSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("voices as v")
    .leftJoin("users as a", "a.id", "v.assignee_id")
    .select(VOICE_ROW_COLUMNS)
    .where("v.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...presentSummary(r, tax, now), snippet: buildSnippet(r.content, search) }] : [];
  });
}
