/**
 * SQLite's side of the dialect adapter (dialect.ts): better-sqlite3 behind Kysely, the FTS5 search index, JST dates
 * of ISO 8601 text, prepared statements on the raw handle for bulk loads.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, type Driver, Kysely, type RawBuilder, SqliteDialect, sql } from "kysely";
import type { Db, KoeDatabase } from "./database.js";
import type {
  BulkInserter,
  BulkRow,
  BulkTable,
  DbDialect,
  FullTextSql,
  IdQuery,
  IdRange,
  IndexDocument,
  TableShape,
} from "./dialect.js";
import {
  type FullTextPhrase,
  type FullTextTerm,
  hasAlternatives,
  hasLoose,
  withoutLoose,
} from "./full-text-term.js";
import type { Database } from "./schema.js";

// The raw SQLite handle of each Kysely instance opened here, for bulk paths that are handed only `db`
// (an HTTP route); they must hold the connection (db.connection()) while they use it.
const sqliteHandles = new WeakMap<Db, SQLite.Database>();

export async function openSqlite(path: string, opts: { readonly?: boolean } = {}): Promise<KoeDatabase> {
  if (path !== ":memory:" && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: opts.readonly === true, fileMustExist: opts.readonly === true });
  } catch (err) {
    throw new Error(`SQLite データベースを開けません（${path}）: ${(err as Error).message}`);
  }
  // A read-only connection (an analytics reader in a worker thread) joins the writer's WAL file as it is.
  if (!opts.readonly) {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -65536");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  sqliteHandles.set(db, sqlite);
  return { db, dialect: "sqlite", sqlite, close: () => db.destroy() };
}

/**
 * Transactions begin IMMEDIATE: use cases read before they write inside the caller's transaction, and a deferred
 * transaction whose snapshot another process (e.g. `koe import` beside `koe serve`) has overtaken fails at its first
 * write with SQLITE_BUSY instead of waiting. Taking the write lock at `begin` makes it wait (busy_timeout) instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

// Word keys follow the bigrams in `g`: their full-width prefix keeps them apart from any bigram (word-keys.ts).
const ftsText = (d: IndexDocument) => (d.keys ? `${d.g} ${d.keys}` : d.g);

// Bigrams and characters hold only letters/digits/marks (see searchBigrams), so they never contain quotes.
const ftsPhrase = (tokens: string[]) => `"${tokens.join(" ")}"`;

const ftsOne = (p: FullTextPhrase) => (p.char ? `u : ${ftsPhrase([p.char])}` : `g : ${ftsPhrase(p.bigrams)}`);
// Word keys hold only letters/digits after their full-width prefix (word-keys.ts), so they never contain quotes.
const ftsKeySet = (groups: string[][]) =>
  `(${groups.map((g) => `g : (${g.map((k) => ftsPhrase([k])).join(" OR ")})`).join(" AND ")})`;

/** One term: its phrase, OR-ed with its synonyms' phrases and word-key sets. */
function ftsTerm(t: FullTextTerm): string {
  if (!hasAlternatives(t)) return ftsOne(t);
  const alts = [
    ftsOne(t),
    ...(t.phrases ?? []).map(ftsOne),
    ...[...(t.keySets ?? []), ...(t.looseKeySets ?? [])].map(ftsKeySet),
  ];
  return `(${alts.map((a) => `(${a})`).join(" OR ")})`;
}

/** FTS5 query: AND of the terms (`g : "b1 b2 …"` phrases, `u : "c"` characters, their alternatives). */
function ftsMatch(terms: FullTextTerm[]): string {
  return terms.map(ftsTerm).join(" AND ");
}

/**
 * bm25 (bigrams weigh more than single characters), and where terms also match by synonyms or words, 1,000 more for a
 * voice that does not hold every term's own phrase: exact phrases first (bm25 is negative and small).
 */
function rankOf(terms: FullTextTerm[]): RawBuilder<number> {
  const bm25 = sql<number>`bm25(voice_search, 1.0, 0.2)`;
  if (!terms.some(hasAlternatives)) return bm25;
  const exact = terms.map(ftsOne).join(" AND ");
  const tier = (match: string) =>
    sql`rowid in (select rowid from voice_search where voice_search match ${match})`;
  // Loose matches (all words but one) after every voice matching all the words.
  const loose = hasLoose(terms)
    ? sql` when ${tier(ftsMatch(withoutLoose(terms)))} then 1000 else 2000`
    : sql` else 1000`;
  return sql<number>`(${bm25} + case when ${tier(exact)} then 0${loose} end)`;
}

function condition(terms: FullTextTerm[]): RawBuilder<boolean> {
  return sql<boolean>`v.id in (select rowid from voice_search where voice_search match ${ftsMatch(terms)} limit -1)`;
}

function hits(terms: FullTextTerm[], within?: IdRange): RawBuilder<{ id: number; rank: number }> {
  const range = within ? sql` and rowid >= ${within.lo} and rowid <= ${within.hi}` : sql``;
  // Bigram matches weigh more than single characters.
  return sql`(select rowid as id, ${rankOf(terms)} as rank from voice_search where voice_search match ${ftsMatch(terms)}${range} limit -1)`;
}

/**
 * Prepared-statement writer of search documents on the raw handle, for bulk loads inside a transaction opened on
 * that handle (the rowids must not be indexed yet).
 */
export function sqliteDocumentInserter(raw: SQLite.Database): (doc: IndexDocument) => void {
  const insert = raw.prepare("insert into voice_search (rowid, g, u) values (?, ?, ?)");
  return (d) => {
    insert.run(d.id, ftsText(d), d.u);
  };
}

const fullText: FullTextSql = {
  rowPerHit: false,
  idBuckets: false,
  condition,
  hits,

  async countHits(db, terms, upTo) {
    const q =
      upTo === undefined
        ? sql<{
            n: number;
          }>`select count(*) as n from voice_search where voice_search match ${ftsMatch(terms)}`
        : sql<{ n: number }>`select count(*) as n from (select 1 from voice_search
          where voice_search match ${ftsMatch(terms)} limit ${upTo + 1}) x`;
    const r = await q.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  async topHits(db, terms, limit, offset) {
    const q = sql<{
      id: number;
    }>`select rowid as id from voice_search where voice_search match ${ftsMatch(terms)}
          order by ${rankOf(terms)}, rowid desc limit ${limit} offset ${offset}`;
    return (await q.execute(db)).rows.map((r) => Number(r.id));
  },

  async newestHits(db, terms, { limit, offset, ascending }) {
    const dir = ascending ? sql`asc` : sql`desc`;
    // SQLite would otherwise sort every hit; walking the index and stopping at the page is ~10x faster.
    const q = sql<{ id: number }>`select v.id from voices v indexed by voices_received_at
          where ${condition(terms)}
          order by v.received_at ${dir}, v.id ${dir} limit ${limit} offset ${offset}`;
    return (await q.execute(db)).rows.map((r) => Number(r.id));
  },

  async rankedHitsAmong(db, terms, among: IdQuery, o = {}) {
    const q = db
      .selectFrom(hits(terms, o.within).as("s"))
      .select("s.id")
      .where("s.id", "in", among)
      .orderBy("s.rank")
      .orderBy("s.id", "desc");
    const rows = await (o.limit === undefined ? q : q.limit(o.limit)).execute();
    return rows.map((r) => Number(r.id));
  },

  // FTS5 walks the rowids backwards and stops at `limit`.
  async recentBigramHits(db, bigrams, limit) {
    const match = bigrams.map((g) => `g : ${ftsPhrase([g])}`).join(" AND ");
    const r = await sql<{ id: number }>`select rowid as id from voice_search
    where voice_search match ${match} order by rowid desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  },

  async maxIndexedId(db) {
    const top = await sql<{ m: number | null }>`select max(rowid) as m from voice_search`.execute(db);
    return Number(top.rows[0]?.m ?? 0);
  },

  async writeDocuments(trx, docs) {
    for (const d of docs) {
      await sql`delete from voice_search where rowid = ${d.id}`.execute(trx);
      await sql`insert into voice_search (rowid, g, u) values (${d.id}, ${ftsText(d)}, ${d.u})`.execute(trx);
    }
  },

  async tidyAfterRebuild(db) {
    await sql`insert into voice_search(voice_search) values ('optimize')`.execute(db);
  },
};

function isKoeDatabase(target: Db | KoeDatabase): target is KoeDatabase {
  return "db" in target && "dialect" in target;
}

/** Within the load's transaction on the raw handle, one prepared statement per row is the fastest path. */
class SqliteBulkInserter implements BulkInserter {
  private stmt: SQLite.Statement | null = null;
  count = 0;
  constructor(
    private readonly raw: SQLite.Database,
    private readonly table: BulkTable,
  ) {}
  async add(row: BulkRow) {
    if (!this.stmt) {
      const cols = Object.keys(row);
      this.stmt = this.raw.prepare(
        `insert into ${this.table} (${cols.join(", ")}) values (${cols.map((c) => `@${c}`).join(", ")})`,
      );
    }
    this.stmt.run(row);
    this.count++;
  }
  async flush() {}
}

function startOfFiscalYearShift(startMonth: number): string {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError(`fiscal year start month must be an integer 1-12: ${startMonth}`);
  return `-${startMonth - 1} months`;
}

export const sqliteDialect: DbDialect = {
  name: "sqlite",
  fullText,
  // SQLite keeps timestamps as ISO 8601 text in UTC.
  jstDate: (column) => sql<string | null>`date(${column}, '+9 hours')`,
  jstMonth: (column) => sql<string | null>`strftime('%Y-%m', ${column}, '+9 hours')`,
  // Moving the date back by the months before the start month leaves the fiscal year's name as the calendar
  // year (a day past a shorter month's end rolls into the next month, never into the next year).
  jstFiscalYear: (column, startMonth) =>
    sql<
      number | null
    >`cast(strftime('%Y', ${column}, '+9 hours', ${startOfFiscalYearShift(startMonth)}) as integer)`,
  async lockUntilCommit() {},
  writesInWith: false,
  readerTarget(db) {
    const raw = sqliteHandles.get(db);
    return raw && !raw.memory && !raw.readonly ? { dialect: "sqlite", path: raw.name } : undefined;
  },
  rawHandle(target) {
    return isKoeDatabase(target) ? target.sqlite : sqliteHandles.get(target);
  },
  bulkInserter(kdb, table) {
    if (!kdb.sqlite) throw new Error("SQLite の一括書き込みには openTarget で開いたデータベースが必要です");
    return new SqliteBulkInserter(kdb.sqlite, table);
  },
  async continueIdsAfter() {},
  async describeTables(db) {
    const all = await sql<{ name: string; sql: string | null }>`
      select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      db,
    );
    // FTS5 keeps its data in shadow tables named after the virtual table (voice_search_data, …).
    const virtual = all.rows
      .filter((t) => /^\s*create\s+virtual\s+table/i.test(t.sql ?? ""))
      .map((t) => t.name);
    const ordinary = all.rows.filter(
      (t) => !virtual.includes(t.name) && !virtual.some((v) => t.name.startsWith(`${v}_`)),
    );
    const out: TableShape[] = [];
    for (const { name } of ordinary) {
      const cols = await sql<{ name: string; notnull: number; pk: number }>`
        select name, "notnull", pk from pragma_table_info(${name}) order by cid`.execute(db);
      const fks = await sql<{ table: string; from: string }>`
        select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
      const notNull = new Set(cols.rows.filter((c) => c.notnull).map((c) => c.name));
      out.push({
        name,
        columns: cols.rows.map((c) => c.name),
        primaryKey: cols.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: fks.rows.map((f) => ({ column: f.from, table: f.table, nullable: !notNull.has(f.from) })),
      });
    }
    return out;
  },
  async beginReadSnapshot(conn) {
    // Deferred: takes no write lock; in WAL mode the first read fixes the snapshot the transaction sees.
    await sql`begin deferred`.execute(conn);
  },
};
