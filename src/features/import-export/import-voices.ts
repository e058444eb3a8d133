/**
 * Bulk import of validated voice rows, in the caller's transaction (inImportTransaction: all rows or none): receipt
 * numbers reserved per fiscal year in one counter update, the rows built as registration builds them (new-voice.ts),
 * multi-row inserts (prepared statements on the raw SQLite handle when given one), the search index filled in the
 * same transaction; rows whose 外部ID was imported before are skipped and counted. The survey import's closed loop
 * writes its voices through the same path (survey-voice.ts).
 */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import { formatReceiptNumber } from "../../domain/receipt-number.js";
import { canImport } from "../../domain/roles.js";
import { forbidden } from "../../errors.js";
import type { ImportRow } from "../../io/voice-import-rows.js";
import { indexVoices } from "../../search/search-index.js";
import { nowIso } from "../../services/clock.js";
import type { Role } from "../../shared/api-contract.js";
import { getSettings } from "../users-and-settings/settings.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { type CustomerFields, customerRow } from "../voices/customers.js";
import { type NewVoice, type NewVoiceRows, newVoiceRows } from "../voices/new-voice.js";

/** The importing user; null when the CLI imports (it has database access: a system import). */
export type ImportActor = { id: number; role: Role } | null;

/** A checked new voice with its customer: a file's row (ImportRow), or a survey answer's voice. */
export type BulkVoice = NewVoice & { customer: CustomerFields | null };

export interface ImportWriteResult<R extends BulkVoice = ImportRow> {
  imported: number;
  skipped: number;
  /** ids of the voices written, in the order of their receipt numbers */
  voiceIds: number[];
  /** each written row's voice id */
  idOf: Map<R, number>;
}

export type ImportProgress = (written: number, total: number) => void;

export interface ImportOptions {
  onProgress?: ImportProgress;
  /**
   * The raw SQLite handle under `trx`'s connection (inImportTransaction passes it): rows are then written with one
   * prepared statement per table, the fastest path (see load-demo.ts).
   */
  sqlite?: SQLite.Database;
  /** where the voices came from, in their "created" event (default: import) */
  source?: string;
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

/**
 * Runs an import's writes in one transaction, all or nothing, for the caller that owns it (importVoiceFile).
 * SQLite: "begin immediate" on the raw handle takes the write lock from the start, so no other process writes between
 * the 外部ID check and the counters, and holding Kysely's one connection keeps every other query (other requests)
 * out until commit; `write` gets the handle for prepared statements. PostgreSQL: a Kysely transaction (importVoices
 * takes the import lock in it).
 */
export async function inImportTransaction<T>(
  target: Db | KoeDatabase,
  write: (trx: Db, sqlite?: SQLite.Database) => Promise<T>,
): Promise<T> {
  const db = isKoeDatabase(target) ? target.db : target;
  const raw = dialectFor(db).rawHandle(target);
  if (!raw) return db.transaction().execute((trx) => write(trx));
  return db.connection().execute(async (conn) => {
    raw.exec("begin immediate");
    try {
      const out = await write(conn, raw);
      raw.exec("commit");
      return out;
    } catch (err) {
      if (raw.inTransaction) raw.exec("rollback");
      throw err;
    }
  });
}

interface Planned<R extends BulkVoice> {
  r: R;
  fy: number;
}

/** Rows to write, numbered per fiscal year in order of receipt, as if registered one by one. */
function plan<R extends BulkVoice>(
  rows: readonly R[],
  startMonth: number,
): { planned: Planned<R>[]; perYear: Map<number, number> } {
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

/** The rows of planned voices, numbered on from each fiscal year's first reserved number. */
function numberedRows(rows: NewVoiceRows, firstSeq: Map<number, number>, source: string) {
  const nextSeq = new Map(firstSeq);
  return {
    voice<R extends BulkVoice>({ r, fy }: Planned<R>, customerId: number | null) {
      const seq = nextSeq.get(fy) ?? 1;
      nextSeq.set(fy, seq + 1);
      return rows.voice(r, { receiptNumber: formatReceiptNumber(fy, seq), fiscalYear: fy }, customerId);
    },
    created: (voiceId: number, receiptNumber: string, externalId: string | null | undefined) =>
      rows.created(voiceId, receiptNumber, { source, externalId }),
  };
}

/**
 * Writes validated rows in the caller's transaction (see inImportTransaction). Imports are serialized: the 外部ID
 * check and the receipt counters must see every earlier import.
 */
export async function importVoices<R extends BulkVoice = ImportRow>(
  trx: Db,
  actor: ImportActor,
  rows: readonly R[],
  opts: ImportOptions = {},
): Promise<ImportWriteResult<R>> {
  if (actor && !canImport(actor)) throw forbidden("声の取り込みは CS部門と管理者のみが行えます");
  // Two imports at once must not both pass the 外部ID check: serialize imports (released at commit).
  await dialectFor(trx).lockUntilCommit(trx, "koe_import");
  const [settings, tax] = await Promise.all([getSettings(trx), taxonomyIndex(trx)]);
  const common = {
    rows: newVoiceRows({ rules: settings.deadlineRules, tax, createdBy: actor?.id ?? null, at: nowIso() }),
    startMonth: settings.fiscalYearStartMonth,
    source: opts.source ?? "import",
  };
  if (opts.sqlite) {
    const { written, ...result } = importOnSqlite(opts.sqlite, rows, common, opts);
    // Bigrams and word keys in the import's transaction (the analyzer is async, so not in the prepared-statement loop).
    await indexVoices(trx, written);
    return result;
  }

  const external = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const seen = external.length ? await existingExternalIds(trx, external) : new Set<string>();
  const fresh = rows.filter((r) => !r.externalId || !seen.has(r.externalId));
  const skipped = rows.length - fresh.length;
  if (fresh.length === 0) return { imported: 0, skipped, voiceIds: [], idOf: new Map() };

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
  const build = numberedRows(common.rows, firstSeq, common.source);

  // Customers first: a multi-row insert gives its ids back in VALUES order.
  const withCustomer = planned.filter((p) => p.r.customer !== null);
  const customerOf = new Map<R, number>();
  for (const part of chunks(withCustomer, CUSTOMER_BATCH)) {
    const ids = await trx
      .insertInto("customers")
      .values(part.map((p) => customerRow(p.r.customer as CustomerFields)))
      .returning("id")
      .execute();
    part.forEach((p, i) => {
      const id = ids[i]?.id;
      if (id !== undefined) customerOf.set(p.r, id);
    });
  }

  const written: { id: number; content: string }[] = [];
  const idOf = new Map<R, number>();
  for (const part of chunks(planned, VOICE_BATCH)) {
    const values = part.map((p) => build.voice(p, customerOf.get(p.r) ?? null));
    const inserted = await trx
      .insertInto("voices")
      .values(values)
      .returning(["id", "receipt_number"])
      .execute();
    // Matched by receipt number (unique), not by position: an event can never point at the wrong voice.
    const idOfNumber = new Map(inserted.map((x) => [x.receipt_number, x.id]));
    const events = values.map((v, i) => {
      const id = idOfNumber.get(v.receipt_number) as number;
      written.push({ id, content: v.content });
      idOf.set((part[i] as Planned<R>).r, id);
      return build.created(id, v.receipt_number, v.external_id);
    });
    for (const ev of chunks(events, EVENT_BATCH)) await trx.insertInto("voice_events").values(ev).execute();
    opts.onProgress?.(written.length, planned.length);
  }
  // The full-text index is filled in the same transaction, so an imported voice is found by search at once.
  await indexVoices(trx, written);
  return { imported: written.length, skipped, voiceIds: written.map((w) => w.id), idOf };
}

/**
 * SQLite: one prepared statement per table, inside the transaction the caller began on this handle, is the fastest
 * path (see load-demo.ts).
 */
function importOnSqlite<R extends BulkVoice>(
  raw: SQLite.Database,
  rows: readonly R[],
  common: { rows: NewVoiceRows; startMonth: number; source: string },
  opts: ImportOptions,
): ImportWriteResult<R> & { written: { id: number; content: string }[] } {
  const exists = raw.prepare("select 1 from voices where external_id = ? limit 1").pluck();
  const fresh = rows.filter((r) => !r.externalId || exists.get(r.externalId) === undefined);
  const skipped = rows.length - fresh.length;
  const written: { id: number; content: string }[] = [];
  const idOf = new Map<R, number>();
  if (fresh.length === 0) return { imported: 0, skipped, voiceIds: [], idOf, written };
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
  const build = numberedRows(common.rows, firstSeq, common.source);

  // Statements made from the first row's columns: the column lists are the row builders' (new-voice.ts).
  const statements = new Map<string, SQLite.Statement>();
  const insert = (table: string, row: Record<string, unknown>) => {
    let st = statements.get(table);
    if (!st) {
      const cols = Object.keys(row);
      st = raw.prepare(
        `insert into ${table} (${cols.join(", ")}) values (${cols.map((c) => `@${c}`).join(", ")})`,
      );
      statements.set(table, st);
    }
    return Number(st.run(row).lastInsertRowid);
  };
  for (const p of planned) {
    const customerId = p.r.customer ? insert("customers", customerRow(p.r.customer)) : null;
    const v = build.voice(p, customerId);
    const id = insert("voices", v);
    insert("voice_events", build.created(id, v.receipt_number, v.external_id));
    written.push({ id, content: v.content });
    idOf.set(p.r, id);
    if (written.length % PROGRESS_EVERY === 0) opts.onProgress?.(written.length, planned.length);
  }
  opts.onProgress?.(written.length, planned.length);
  return { imported: written.length, skipped, voiceIds: written.map((w) => w.id), idOf, written };
}
