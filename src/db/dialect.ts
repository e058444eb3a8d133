/**
 * What differs between SQLite and PostgreSQL: one adapter per database (`dialect-sqlite.ts`, `dialect-postgres.ts`)
 * behind the `DbDialect` interface — yes/no capabilities, and the few functions whose SQL must differ, both versions
 * side by side. Callers ask the adapter (`dialectFor(db)`); this file alone tells the databases apart by name.
 */
import type SQLite from "better-sqlite3";
import {
  type Expression,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type SelectQueryBuilder,
} from "kysely";
import type { Db, Dialect, KoeDatabase } from "./database.js";
import { type DatabaseTarget, redactUrl } from "./database-url.js";
import { openPostgres, postgresDialect } from "./dialect-postgres.js";
import { openSqlite, sqliteDialect } from "./dialect-sqlite.js";

export type { FullTextPhrase, FullTextTerm } from "./full-text-term.js";

import type { FullTextTerm } from "./full-text-term.js";

/** What the index stores for one voice (search-text.ts's buildSearchDocument): its bigrams (then word keys) and characters. */
export interface IndexDocument {
  id: number;
  g: string;
  u: string;
  /** the voice's word keys (word-keys.ts), space-separated; absent until the analyzer has read the voice */
  keys?: string;
}

/** Voice ids known to bound a set of hits (inclusive). */
export interface IdRange {
  lo: number;
  hi: number;
}

/** A query of voice ids (`select v.id …`), used as a subquery. */
// biome-ignore lint/suspicious/noExplicitAny: any query over any tables, as long as it selects `id`
export type IdQuery = SelectQueryBuilder<any, any, { id: number }>;

/** The search index (migration 0002): FTS5 `voice_search(g, u)` on SQLite, a tsvector `doc` on PostgreSQL. */
export interface FullTextSql {
  /**
   * Whether each hit costs a table row. PostgreSQL: yes — its GIN index finds the hits but every hit is read from
   * the heap (~2–5 µs, even only to count them), and ts_rank (~17 µs) is computed only for the rows a query keeps.
   * SQLite: no — FTS5 counts and ranks (bm25) from the index alone, cheaply, but scores every hit of a MATCH
   * before any other condition cuts them down.
   */
  readonly rowPerHit: boolean;
  /**
   * Whether documents also name their stretch of ids (PostgreSQL: `#a…`/`#b…`/`#c…` lexemes, migration 0005), so
   * that the newest hits are found within a stretch sized from the highest indexed id (`maxIndexedId`).
   */
  readonly idBuckets: boolean;
  /** Condition on `v.id` usable in any query over `voices as v`: the voice matches every term. */
  condition(terms: FullTextTerm[]): RawBuilder<boolean>;
  /**
   * A derived table `(id, rank)` of the voices matching the terms; lower rank is better on both (bm25 on SQLite,
   * the negated ts_rank on PostgreSQL). `within` limits the hits to an id range: FTS5 then reads only that stretch
   * of each doclist (bm25's statistics stay the whole index's, so ranks do not change); PostgreSQL ignores it.
   */
  hits(terms: FullTextTerm[], within?: IdRange): RawBuilder<{ id: number; rank: number }>;
  /** Number of voices matching the terms (no other filter); with `upTo`, counting stops after upTo + 1. */
  countHits(db: Db, terms: FullTextTerm[], upTo?: number): Promise<number>;
  /** Ids of the best-ranked voices matching the terms (no other filter), best first. */
  topHits(db: Db, terms: FullTextTerm[], limit: number, offset: number): Promise<number[]>;
  /**
   * Ids of the newest (or oldest) voices matching the terms (no other filter), walking the received_at index.
   * `walk`: the hits are known to be many (PostgreSQL's estimate for phrases is far too low), so walk the voices
   * newest first and probe the hits rather than collect and sort every hit.
   */
  newestHits(
    db: Db,
    terms: FullTextTerm[],
    o: { limit: number; offset: number; ascending: boolean; walk?: boolean },
  ): Promise<number[]>;
  /**
   * Ids of the voices matching the terms among `among`, best rank first (then the newest). With `limit`, at most
   * that many, not necessarily the best when there are more (a caller asks for cap + 1 to learn there are more).
   * `within` bounds the voices of `among` (see `hits`).
   */
  rankedHitsAmong(
    db: Db,
    terms: FullTextTerm[],
    among: IdQuery,
    o?: { limit?: number; within?: IdRange },
  ): Promise<number[]>;
  /**
   * Newest voices containing all the bigrams, at most `limit`, newest first (see dialect-postgres.ts for how far
   * PostgreSQL's answer may stray when `share` is far too low). `share`: the bigrams' share among recent voices;
   * `maxId`: the highest indexed id, if known (both used where `idBuckets`).
   */
  recentBigramHits(
    db: Db,
    bigrams: string[],
    limit: number,
    opts?: { share?: number; maxId?: number },
  ): Promise<number[]>;
  /** The highest voice id in the search index (0 when empty). */
  maxIndexedId(db: Db): Promise<number>;
  /** Writes (or rewrites) the documents of some voices; call with the transaction that writes the voices. */
  writeDocuments(trx: Db, docs: readonly IndexDocument[]): Promise<void>;
  /** After the whole index was rebuilt: FTS5 merges its segments, PostgreSQL refreshes the planner's statistics. */
  tidyAfterRebuild(db: Db): Promise<void>;
}

/** Rows into one table in the fastest way the database allows (see `DbDialect.bulkInserter`). */
export interface BulkInserter {
  add(row: BulkRow): Promise<void>;
  /** writes what is still buffered (nothing on SQLite, which writes every row at once) */
  flush(): Promise<void>;
  /** rows written (SQLite) or handed to a multi-row insert (PostgreSQL) so far */
  readonly count: number;
}
export type BulkRow = Record<string, string | number | null>;
export type BulkTable = "voices" | "voice_events" | "customers";

/** A table as backup and restore see it (`DbDialect.describeTables`). */
export interface TableShape {
  name: string;
  /** columns in their order in the table */
  columns: string[];
  /** primary key columns in key order (empty when the table has none) */
  primaryKey: string[];
  /** foreign keys: the column, the table it references, and whether the column may be null */
  references: { column: string; table: string; nullable: boolean }[];
}

export interface DbDialect {
  readonly name: Dialect;
  readonly fullText: FullTextSql;
  /**
   * The Japanese calendar date (YYYY-MM-DD, UTC+9: Japan has no daylight saving) of a timestamp column,
   * comparable with a deadline date column (`acknowledge_by`, `resolve_by`) and read back as YYYY-MM-DD on both.
   * SQLite keeps timestamps as ISO 8601 text, PostgreSQL as timestamptz (and deadlines as `date`).
   */
  jstDate(column: Expression<unknown>): RawBuilder<string | null>;
  /** The Japanese calendar month (YYYY-MM) of a timestamp column. */
  jstMonth(column: Expression<unknown>): RawBuilder<string | null>;
  /**
   * The fiscal year (named by the year it starts in, as domain/fiscal-period.ts's fiscalYearOf) of a timestamp
   * column's Japanese date, for years starting in `startMonth` (1–12).
   */
  jstFiscalYear(column: Expression<unknown>, startMonth: number): RawBuilder<number | null>;
  /**
   * Makes transactions that take the lock `key` run one after another: the lock is held until this transaction
   * ends. PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing to take — it writes one transaction
   * at a time, and its one connection is held by the transaction anyway.
   */
  lockUntilCommit(trx: Db, key: string): Promise<void>;
  /**
   * Whether one statement can carry several writes in data-modifying WITH clauses (PostgreSQL): writes that wait on
   * each other's results then cost one round trip instead of one each. SQLite has no such clauses and no round
   * trips to save (it runs in the process).
   */
  readonly writesInWith: boolean;
  /**
   * Where a worker thread can open its own read-only connection to the same database, so long reads (analytics)
   * run off the server's event loop: a SQLite file (WAL lets readers run beside the one writer and see every
   * committed write) or a PostgreSQL server (its driver does not block while the server works, but the rows'
   * parsing and the reads' JavaScript do). Undefined for SQLite in memory (nothing else can see it).
   */
  readerTarget(db: Db): DatabaseTarget | undefined;
  /**
   * The raw driver handle behind a database for bulk paths of prepared statements (SQLite: better-sqlite3's
   * handle of a database opened by openTarget; the caller must hold Kysely's connection, `db.connection()`, or
   * be the only user while it uses it). Undefined on PostgreSQL, where multi-row inserts through Kysely are the
   * fast path.
   */
  rawHandle(target: Db | KoeDatabase): SQLite.Database | undefined;
  /**
   * An inserter of many rows into one table: SQLite runs one prepared statement per row on the raw handle (the
   * fastest path, inside the caller's transaction on that handle); PostgreSQL sends multi-row inserts of
   * `batch` rows, calling `beforeFlush` first (to flush the tables these rows reference).
   */
  bulkInserter(
    kdb: KoeDatabase,
    table: BulkTable,
    o?: { batch?: number; beforeFlush?: () => Promise<void> },
  ): BulkInserter;
  /**
   * After rows were inserted with explicit ids: ids generated later continue after the largest (PostgreSQL sets
   * the tables' sequences; SQLite's rowids follow the largest id by themselves).
   */
  continueIdsAfter(db: Db, tables: readonly string[]): Promise<void>;
  /**
   * The ordinary tables of the database with their columns, keys and references. SQLite's virtual tables (the FTS5
   * index) and their shadow tables are left out: they are rebuilt, not copied.
   */
  describeTables(db: Db): Promise<TableShape[]>;
  /**
   * Starts, on a connection held by the caller, a read-only transaction that sees one snapshot of the database
   * while other connections and processes go on writing (SQLite in WAL mode: a deferred transaction; PostgreSQL:
   * repeatable read). The caller ends it with `commit`.
   */
  beginReadSnapshot(conn: Db): Promise<void>;
}

/** The adapter of a database's dialect by its name. */
export function dialectNamed(name: Dialect): DbDialect {
  return name === "postgres" ? postgresDialect : sqliteDialect;
}

// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance or transaction, whatever its tables
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** The adapter for a Kysely instance or transaction. */
// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance or transaction, whatever its tables
export function dialectFor(db: Kysely<any>): DbDialect {
  return dialectNamed(dialectOf(db));
}

/** Connects to the database a DATABASE_URL names (database.ts's openTarget). */
export function openDialectTarget(
  target: DatabaseTarget,
  opts: { poolSize?: number; readonly?: boolean } = {},
): Promise<KoeDatabase> {
  return target.dialect === "postgres"
    ? openPostgres(target.url, opts)
    : openSqlite(target.path, { readonly: opts.readonly === true });
}

/** The database for people to read: engine and where it is, without a password. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.dialect === "postgres" ? `PostgreSQL ${redactUrl(target.url)}` : `SQLite ${target.path}`;
}

/** The files a database lives in, to delete it (`koe demo --reset`): none for PostgreSQL or SQLite in memory. */
export function databaseFilesOf(target: DatabaseTarget): string[] {
  if (target.dialect !== "sqlite" || target.path === ":memory:") return [];
  return ["", "-wal", "-shm"].map((suffix) => `${target.path}${suffix}`);
}

/** `dialectNamed(dialect).jstDate(column)`, for callers holding the dialect's name. */
export function jstDateOf(dialect: Dialect, column: Expression<unknown>): RawBuilder<string | null> {
  return dialectNamed(dialect).jstDate(column);
}

/** `dialectNamed(dialect).jstMonth(column)`, for callers holding the dialect's name. */
export function jstMonthOf(dialect: Dialect, column: Expression<unknown>): RawBuilder<string | null> {
  return dialectNamed(dialect).jstMonth(column);
}

/**
 * Whether an error is the database being too busy to serve the request now: PostgreSQL's pool gave no connection
 * within its wait (`connectionTimeoutMillis`: every connection busy, or the server not accepting new ones). SQLite
 * has no pool; its busy_timeout answers SQLITE_BUSY, which stays an error of its own.
 */
export function isDatabaseBusy(err: unknown): boolean {
  return err instanceof Error && err.message === "timeout exceeded when trying to connect";
}

/**
 * Whether an error is the database refusing a second row in a unique index on `column` (PostgreSQL: SQLSTATE 23505
 * with "Key (column)=…" in its detail; SQLite: SQLITE_CONSTRAINT_UNIQUE naming "table.column").
 */
export function isUniqueViolation(err: unknown, column: string): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; detail?: unknown; message?: unknown };
  if (e.code === "23505") return typeof e.detail === "string" && e.detail.includes(`(${column})`);
  if (e.code === "SQLITE_CONSTRAINT_UNIQUE")
    return typeof e.message === "string" && new RegExp(`\\.${column}(,|$)`).test(e.message);
  return false;
}
