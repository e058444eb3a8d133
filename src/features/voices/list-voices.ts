/** Lists voices by filter with paging and a total; filters name labels by code, dates as people write them. */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Db, Dialect } from "../../db/database.js";
import { dialectFor, dialectNamed } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { addCalendarDays, jstDateTimeToIso, jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { invalidInput } from "../../errors.js";
import { type KeywordSearchOptions, SEARCH_CAP, searchVoiceIds } from "../../search/keyword-search.js";
import { parseSearchQuery, type SearchTerm } from "../../search/search-text.js";
import { buildSnippet } from "../../search/snippet.js";
import { storedKeyEntries } from "../../search/word-key-index.js";
import { expandSearchTerms, matchedKeys, withLooseWords } from "../../search/word-query.js";
import {
  type TaxonomyKind,
  VOICE_SORTS,
  VOICE_STATUSES,
  type VoiceListQuery,
  type VoiceStatus,
  type VoiceSummary,
} from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import type { WordKeyEntry } from "../../text/word-keys.js";
import { KIND_LABELS_JA, type TaxonomyIndex, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { VoiceList } from "./contract.js";
import type { VoicesTable } from "./tables.js";
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
  if (f.search) q = q.where(dialectNamed(f.dialect ?? "sqlite").fullText.condition(f.search));
  return q;
}

export type ListOptions = KeywordSearchOptions;

export async function listVoices(
  db: Db,
  actor: Actor,
  query: VoiceListQuery,
  opts: ListOptions = {},
): Promise<VoiceList> {
  const tax = await taxonomyIndex(db);
  const { fullText, name: dialect } = dialectFor(db);
  const { search: typed, ...filter } = parseVoiceFilter(query, tax, actor, dialect);
  // Typed words also match by their words and synonyms (issue 16); quoted phrases stay exact.
  const search = typed
    ? await withLooseWords(db, await expandSearchTerms(db, typed), opts.searchCap ?? SEARCH_CAP)
    : undefined;
  const page = Math.max(1, Math.floor(Number(query.page ?? 1)) || 1);
  const limit = Math.min(
    MAX_LIMIT,
    Math.max(1, Math.floor(Number(query.limit ?? DEFAULT_LIMIT)) || DEFAULT_LIMIT),
  );
  const now = new Date();
  const today = jstToday(now);

  const sort = query.sort ?? (search ? "relevance" : "received_desc");
  const onlySearch = Object.entries(filter).every(([k, x]) => k === "dialect" || x === undefined);
  if (search) {
    // Ranked, or newest first over words alone: src/search decides how each database answers.
    const found = await searchVoiceIds(
      db,
      {
        terms: search,
        sort,
        page,
        limit,
        ...(onlySearch
          ? {}
          : {
              filters: {
                passing: () => applyVoiceFilter(db.selectFrom("voices as v"), filter, today).select("v.id"),
                newest: () =>
                  applyVoiceFilter(db.selectFrom("voices as v"), { ...filter, search }, today)
                    .select("v.id")
                    .orderBy("v.received_at", "desc")
                    .orderBy("v.id", "desc"),
              },
            }),
      },
      opts,
    );
    if (found) {
      const items = await searchItems(db, found.ids, search, tax, now);
      return { items, total: found.total, ...(found.totalCapped ? { totalCapped: true } : {}), page, limit };
    }
  }

  // The list's own order; search terms only narrow it (joined to their hits).
  const from = search
    ? db.selectFrom("voices as v").innerJoin(fullText.hits(search).as("s"), "s.id", "v.id")
    : db.selectFrom("voices as v");
  const base = applyVoiceFilter(from as unknown as VoiceQuery<object>, filter, today);
  // Counting needs no rank: the IN (index lookup) form lets the planner start from the most selective side.
  const countBase = search
    ? applyVoiceFilter(db.selectFrom("voices as v"), { ...filter, search }, today)
    : base;
  const countRow =
    search && onlySearch
      ? { n: await fullText.countHits(db, search) }
      : await countBase.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

  let rowsQ = base.leftJoin("users as a", "a.id", "v.assignee_id").select(VOICE_ROW_COLUMNS);
  switch (sort) {
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
      // received_desc, and relevance without words (words by relevance were answered above)
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
  // The surfaces a word match found are highlighted too (the keys they came from are stored per voice).
  const keys = matchedKeys(search);
  const entries = keys.size ? await storedKeyEntries(db, ids) : new Map<number, WordKeyEntry[]>();
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const words = (entries.get(id) ?? []).filter(([key]) => keys.has(key));
    return [{ ...presentSummary(r, tax, now), snippet: buildSnippet(r.content, search, undefined, words) }];
  });
}
