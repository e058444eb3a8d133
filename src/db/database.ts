/** Opens the database (SQLite or PostgreSQL) behind one Kysely interface and migrates it. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
} from "kysely";
import pg from "pg";
import { type DatabaseTarget, parseDatabaseUrl, redactUrl } from "./database-url.js";
import * as m0001 from "./migrations/2026-11-23-0001-initial.js";
import * as m0002 from "./migrations/2026-11-23-0002-search.js";
import * as m0003 from "./migrations/2026-11-23-0003-channels.js";
import * as m0004 from "./migrations/2026-11-23-0004-list-indexes.js";
import * as m0005 from "./migrations/2026-11-23-0005-search-id-buckets.js";
import * as m0006 from "./migrations/2026-11-23-0006-voice-filter-lookup.js";
import * as m0007 from "./migrations/2026-12-04-0007-login-failure-address.js";
import * as m0008 from "./migrations/2026-12-04-0008-voice-words-failed.js";
import * as m0009 from "./migrations/2026-12-04-0009-analytics-indexes.js";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";
export type Db = Kysely<Database>;

export interface KoeDatabase {
  db: Db;
  dialect: Dialect;
  /** the raw SQLite handle, for bulk loads that need prepared statements (SQLite only) */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL returns timestamps as Date and bigints as strings; koe works with ISO strings and numbers
// on both databases so that every layer above sees one behaviour.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp
pg.types.setTypeParser(1082, (v) => v); // date stays YYYY-MM-DD
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*))
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

// The raw SQLite handle of each Kysely instance opened here, for bulk paths that are handed only `db`
// (an HTTP route); they must hold the connection (db.connection()) while they use it.
const sqliteHandles = new WeakMap<Db, SQLite.Database>();

export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<KoeDatabase> {
  return openTarget(parseDatabaseUrl(url), opts);
}

export async function openTarget(
  target: DatabaseTarget,
  opts: { poolSize?: number } = {},
): Promise<KoeDatabase> {
  if (target.dialect === "sqlite") {
    if (target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true });
    let sqlite: SQLite.Database;
    try {
      sqlite = new SQLite(target.path);
    } catch (err) {
      throw new Error(`SQLite データベースを開けません（${target.path}）: ${(err as Error).message}`);
    }
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("cache_size = -65536");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    sqliteHandles.set(db, sqlite);
    return { db, dialect: "sqlite", sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle connection closed by the server (restart, failover, a dropped test database) emits 'error' on the
  // pool; pg already discards that client, so this must not crash the process.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL に接続できません（${redactUrl(target.url)}）: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

const MIGRATIONS: Record<string, Migration> = {
  "2026-11-23-0001-initial": m0001,
  "2026-11-23-0002-search": m0002,
  "2026-11-23-0003-channels": m0003,
  "2026-11-23-0004-list-indexes": m0004,
  "2026-11-23-0005-search-id-buckets": m0005,
  "2026-11-23-0006-voice-filter-lookup": m0006,
  "2026-12-04-0007-login-failure-address": m0007,
  "2026-12-04-0008-voice-words-failed": m0008,
  "2026-12-04-0009-analytics-indexes": m0009,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`データベースの移行に失敗しました${failed ? `（${failed.migrationName}）` : ""}: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
