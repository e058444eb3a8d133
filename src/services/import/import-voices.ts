/**
 * Bulk import of validated voice rows: all rows or none in one transaction, receipt numbers reserved per fiscal
 * year in one counter update, deadlines from the domain rules, multi-row inserts (prepared statements on the raw
 * SQLite handle when given one), the search index filled in the same transaction; rows whose 外部ID was imported
 * before are skipped and counted.
 */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { computeDeadlines, type DeadlineRules } from "../../domain/deadlines.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import { jstDate } from "../../domain/jst.js";
import { formatReceiptNumber } from "../../domain/receipt-number.js";
import { forbidden } from "../../errors.js";
import type { ImportCustomer, ImportRow } from "../../io/voice-import-rows.js";
import { indexVoices, sqliteBulkIndexer } from "../../search/search-index.js";
import type { Role } from "../../shared/api-contract.js";
import { nowIso } from "../clock.js";
import { getSettings } from "../settings.js";
import { taxonomyIndex } from "../taxonomy.js";

/** The importing user; null when the CLI imports (it has database access: a system import). */
export type ImportActor = { id: number; role: Role } | null;

export const IMPORT_ROLES: readonly Role[] = ["admin", "cs"];

export interface ImportWriteResult {
  imported: number;
  skipped: number;
  /** ids of the voices written, in the order of their receipt numbers */
  voiceIds: number[];
}

export type ImportProgress = (written: number, total: number) => void;

export interface ImportOptions {
  onProgress?: ImportProgress;
  /**
   * Runs inside the import's transaction after every row is written (e.g. the search index). On the raw SQLite
   * path `trx` is the Kysely instance on the same connection, so it joins the open transaction.
   */
  afterInsert?: (trx: Db, voices: { id: number; content: string }[]) => Promise<void>;
}

// Rows per multi-row insert: voices have 31 columns; 500 rows stay below SQLite's and PostgreSQL's
// bound-parameter limits (32,766 and 65,535).
const VOICE_BATCH = 500;
const CUSTOMER_BATCH = 1000;
const EVENT_BATCH = 2000;
const LOOKUP_BATCH = 500;
const PROGRESS_EVERY = 1000;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The 外部IDs among `ids` that voices already carry. */
export async function existingExternalIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom("voices")
      .select("external_id")
      .where("external_id", "in", part)
      .execute();
    for (const r of rows) if (r.external_id !== null) found.add(r.external_id);
  }
  return found;
}

function isKoeDatabase(target: Db | KoeDatabase): target is KoeDatabase {
  return "db" in target && "dialect" in target;
}

interface Planned {
  r: ImportRow;
  fy: number;
}

/** Rows to write, numbered per fiscal year in order of receipt, as if registered one by one. */
function plan(
  rows: readonly ImportRow[],
  startMonth: number,
): { planned: Planned[]; perYear: Map<number, number> } {
  const planned = rows
    .map((r) => ({ r, fy: fiscalYearOf(r.receivedAt, startMonth) }))
    .sort(
      (a, b) =>
        a.fy - b.fy || (a.r.receivedAt < b.r.receivedAt ? -1 : a.r.receivedAt > b.r.receivedAt ? 1 : 0),
    );
  const perYear = new Map<number, number>();
  for (const p of planned) perYear.set(p.fy, (perYear.get(p.fy) ?? 0) + 1);
  return { planned, perYear };
}

function customerValues(c: ImportCustomer) {
  return {
    name: c.name,
    kana: null,
    member_number: c.memberNumber,
    phone: c.phone,
    email: c.email,
    prefecture: c.prefecture,
    address: null,
    age_band: c.ageBand,
    gender: c.gender,
    contact_consent: 0,
  };
}

/** Builds voice rows and their "created" events; deadlines are cached by JST date and type. */
function rowBuilder(ctx: {
  rules: DeadlineRules;
  typeCodeOf: Map<number, string>;
  firstSeq: Map<number, number>;
  actorId: number | null;
  at: string;
}) {
  const nextSeq = new Map(ctx.firstSeq);
  const deadlineCache = new Map<string, ReturnType<typeof computeDeadlines>>();
  const deadlinesOf = (receivedAt: string, typeCode: string) => {
    const key = `${jstDate(receivedAt)}|${typeCode}`;
    let d = deadlineCache.get(key);
    if (!d) {
      d = computeDeadlines(receivedAt, ctx.rules[typeCode]);
      deadlineCache.set(key, d);
    }
    return d;
  };
  return {
    voice({ r, fy }: Planned, customerId: number | null) {
      const seq = nextSeq.get(fy) ?? 1;
      nextSeq.set(fy, seq + 1);
      const d = deadlinesOf(r.receivedAt, ctx.typeCodeOf.get(r.typeId) ?? "other");
      return {
        receipt_number: formatReceiptNumber(fy, seq),
        fiscal_year: fy,
        received_at: r.receivedAt,
        channel_id: r.channelId,
        type_id: r.typeId,
        category_id: r.categoryId,
        product_line_id: r.productLineId,
        department_id: r.departmentId,
        content: r.content,
        remedy_sought: r.remedySought,
        customer_id: customerId,
        status: "received",
        priority: "normal",
        assignee_id: null,
        acknowledge_by: d.acknowledgeBy,
        resolve_by: d.resolveBy,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        closed_at: null,
        void_reason: null,
        response_count: 0,
        insurer_name: null,
        insurer_reported_at: null,
        insurer_answer: null,
        external_id: r.externalId,
        created_by: ctx.actorId,
        created_at: ctx.at,
        updated_at: ctx.at,
        version: 1,
      };
    },
    event(voiceId: number, receiptNumber: string, externalId: string | null) {
      return {
        voice_id: voiceId,
        kind: "created",
        actor_id: ctx.actorId,
        at: ctx.at,
        data: JSON.stringify({ receiptNumber, source: "import", ...(externalId ? { externalId } : {}) }),
      };
    },
  };
}

export async function importVoices(
  target: Db | KoeDatabase,
  actor: ImportActor,
  rows: readonly ImportRow[],
  opts: ImportOptions = {},
): Promise<ImportWriteResult> {
  if (actor && !IMPORT_ROLES.includes(actor.role))
    throw forbidden("声の取り込みは CS部門と管理者のみが行えます");
  const db = isKoeDatabase(target) ? target.db : target;
  const [settings, tax] = await Promise.all([getSettings(db), taxonomyIndex(db)]);
  const common = {
    rules: settings.deadlineRules,
    typeCodeOf: new Map(tax.taxonomy.type.map((t) => [t.id, t.code])),
    actorId: actor?.id ?? null,
    at: nowIso(),
    startMonth: settings.fiscalYearStartMonth,
  };
  const raw = dialectFor(db).rawHandle(target);
  if (raw) {
    // Holding Kysely's one SQLite connection keeps every other query (other requests) out until commit.
    return db.connection().execute((conn) => importOnSqlite(raw, conn, rows, common, opts));
  }

  return db.transaction().execute(async (trx) => {
    // Two imports at once must not both pass the 外部ID check: serialize imports (released at commit).
    await dialectFor(trx).lockUntilCommit(trx, "koe_import");
    const external = rows.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
    const seen = external.length ? await existingExternalIds(trx, external) : new Set<string>();
    const fresh = rows.filter((r) => r.externalId === null || !seen.has(r.externalId));
    const skipped = rows.length - fresh.length;
    if (fresh.length === 0) return { imported: 0, skipped, voiceIds: [] };

    const { planned, perYear } = plan(fresh, common.startMonth);
    const firstSeq = new Map<number, number>();
    for (const [fy, n] of perYear) {
      const r = await trx
        .insertInto("receipt_counters")
        .values({ fiscal_year: fy, last_number: n })
        .onConflict((oc) =>
          oc
            .column("fiscal_year")
            .doUpdateSet({ last_number: sql<number>`receipt_counters.last_number + ${n}` }),
        )
        .returning("last_number")
        .executeTakeFirstOrThrow();
      firstSeq.set(fy, Number(r.last_number) - n + 1);
    }
    const build = rowBuilder({ ...common, firstSeq });

    // Customers first: a multi-row insert gives its ids back in VALUES order.
    const withCustomer = planned.filter((p) => p.r.customer !== null);
    const customerOf = new Map<ImportRow, number>();
    for (const part of chunks(withCustomer, CUSTOMER_BATCH)) {
      const ids = await trx
        .insertInto("customers")
        .values(part.map((p) => customerValues(p.r.customer as ImportCustomer)))
        .returning("id")
        .execute();
      part.forEach((p, i) => {
        const id = ids[i]?.id;
        if (id !== undefined) customerOf.set(p.r, id);
      });
    }

    const written: { id: number; content: string }[] = [];
    for (const part of chunks(planned, VOICE_BATCH)) {
      const values = part.map((p) => build.voice(p, customerOf.get(p.r) ?? null));
      const inserted = await trx
        .insertInto("voices")
        .values(values)
        .returning(["id", "receipt_number"])
        .execute();
      // Matched by receipt number (unique), not by position: an event can never point at the wrong voice.
      const idOf = new Map(inserted.map((x) => [x.receipt_number, x.id]));
      const events = values.map((v) => {
        const id = idOf.get(v.receipt_number) as number;
        written.push({ id, content: v.content });
        return build.event(id, v.receipt_number, v.external_id);
      });
      for (const ev of chunks(events, EVENT_BATCH)) await trx.insertInto("voice_events").values(ev).execute();
      opts.onProgress?.(written.length, planned.length);
    }
    // The full-text index is filled in the same transaction, so an imported voice is found by search at once.
    await indexVoices(trx, written);
    await opts.afterInsert?.(trx, written);
    return { imported: written.length, skipped, voiceIds: written.map((w) => w.id) };
  });
}

/**
 * SQLite: one prepared statement per table inside one transaction is the fastest path (see load-demo.ts).
 * `conn` is the Kysely connection the caller holds; the raw handle is the same connection underneath.
 */
async function importOnSqlite(
  raw: SQLite.Database,
  conn: Db,
  rows: readonly ImportRow[],
  common: {
    rules: DeadlineRules;
    typeCodeOf: Map<number, string>;
    actorId: number | null;
    at: string;
    startMonth: number;
  },
  opts: ImportOptions,
): Promise<ImportWriteResult> {
  // "immediate" takes the write lock now, so the 外部ID check and the counters cannot race another writer.
  raw.exec("begin immediate");
  try {
    const exists = raw.prepare("select 1 from voices where external_id = ? limit 1").pluck();
    const fresh = rows.filter((r) => r.externalId === null || exists.get(r.externalId) === undefined);
    const skipped = rows.length - fresh.length;
    const written: { id: number; content: string }[] = [];
    if (fresh.length > 0) {
      const { planned, perYear } = plan(fresh, common.startMonth);
      const counter = raw
        .prepare(
          `insert into receipt_counters (fiscal_year, last_number) values (?, ?)
           on conflict (fiscal_year) do update set last_number = receipt_counters.last_number + excluded.last_number
           returning last_number`,
        )
        .pluck();
      const firstSeq = new Map<number, number>();
      for (const [fy, n] of perYear) firstSeq.set(fy, Number(counter.get(fy, n)) - n + 1);
      const build = rowBuilder({ ...common, firstSeq });

      const insertCustomer = raw.prepare(
        `insert into customers (name, kana, member_number, phone, email, prefecture, address, age_band, gender, contact_consent)
         values (@name, @kana, @member_number, @phone, @email, @prefecture, @address, @age_band, @gender, @contact_consent)`,
      );
      let insertVoice: SQLite.Statement | null = null;
      const index = sqliteBulkIndexer(raw);
      const insertEvent = raw.prepare(
        "insert into voice_events (voice_id, kind, actor_id, at, data) values (@voice_id, @kind, @actor_id, @at, @data)",
      );
      for (const p of planned) {
        const customerId = p.r.customer
          ? Number(insertCustomer.run(customerValues(p.r.customer)).lastInsertRowid)
          : null;
        const v = build.voice(p, customerId);
        if (!insertVoice) {
          const cols = Object.keys(v);
          insertVoice = raw.prepare(
            `insert into voices (${cols.join(", ")}) values (${cols.map((c) => `@${c}`).join(", ")})`,
          );
        }
        const id = Number(insertVoice.run(v).lastInsertRowid);
        insertEvent.run(build.event(id, v.receipt_number, v.external_id));
        index(id, v.content);
        written.push({ id, content: v.content });
        if (written.length % PROGRESS_EVERY === 0) opts.onProgress?.(written.length, planned.length);
      }
      opts.onProgress?.(written.length, planned.length);
      await opts.afterInsert?.(conn, written);
    }
    raw.exec("commit");
    return { imported: written.length, skipped, voiceIds: written.map((w) => w.id) };
  } catch (err) {
    if (raw.inTransaction) raw.exec("rollback");
    throw err;
  }
}
