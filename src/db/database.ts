/** Opens the database (SQLite or PostgreSQL) behind one Kysely interface and migrates it. */
import type SQLite from "better-sqlite3";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { type DatabaseTarget, parseDatabaseUrl } from "./database-url.js";
import { openDialectTarget } from "./dialect.js";
import * as m0001 from "./migrations/2026-11-23-0001-initial.js";
import * as m0002 from "./migrations/2026-11-23-0002-search.js";
import * as m0003 from "./migrations/2026-11-23-0003-channels.js";
import * as m0004 from "./migrations/2026-11-23-0004-list-indexes.js";
import * as m0005 from "./migrations/2026-11-23-0005-search-id-buckets.js";
import * as m0006 from "./migrations/2026-11-23-0006-voice-filter-lookup.js";
import * as m0007 from "./migrations/2026-12-04-0007-login-failure-address.js";
import * as m0008 from "./migrations/2026-12-04-0008-voice-words-failed.js";
import * as m0009 from "./migrations/2026-12-04-0009-analytics-indexes.js";
import * as m0010 from "./migrations/2026-12-04-0010-improvements.js";
import * as m0011 from "./migrations/2026-12-04-0011-committee.js";
import * as m0012 from "./migrations/2026-12-04-0012-notifications.js";
import * as m0013 from "./migrations/2026-12-04-0013-circulation.js";
import * as m0014 from "./migrations/2026-12-04-0014-surveys.js";
import * as m0015 from "./migrations/2026-12-04-0015-label-aliases.js";
import * as m0017 from "./migrations/2026-12-04-0017-kpi.js";
import * as m0018 from "./migrations/2026-12-04-0018-principle-reviews.js";
import * as m0019 from "./migrations/2026-12-04-0019-customer-attributes-index.js";
import * as m0020 from "./migrations/2026-12-04-0020-rate-limits.js";
import * as m0021 from "./migrations/2026-12-04-0021-reports.js";
import * as m0022 from "./migrations/2026-12-04-0022-audit-chain-external-id.js";
import * as m0023 from "./migrations/2026-12-04-0023-search-words.js";
import * as m0024 from "./migrations/2026-12-04-0024-classifier-learning.js";
import * as m0025 from "./migrations/2026-12-04-0025-circulation-improvements.js";
import * as m0026 from "./migrations/2026-12-04-0026-survey-month-counts.js";
import * as m0028 from "./migrations/2026-12-04-0028-personal-data-requests.js";
import * as m0029 from "./migrations/2026-12-04-0029-audit-item-improvements.js";
import * as m0030 from "./migrations/2026-12-04-0030-review-queue-reasons.js";
import * as m0031 from "./migrations/2026-12-04-0031-sessions-two-factor.js";
import * as m0034 from "./migrations/2026-12-05-0034-classifier-retrain-jobs.js";
import * as m0037 from "./migrations/2026-12-05-0037-config-generation.js";
import * as m0038 from "./migrations/2026-12-05-0038-audit-chain-sealing.js";
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

export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<KoeDatabase> {
  return openTarget(parseDatabaseUrl(url), opts);
}

/** Connects to SQLite or PostgreSQL (dialect-sqlite.ts, dialect-postgres.ts); migrates nothing. */
export async function openTarget(
  target: DatabaseTarget,
  opts: { poolSize?: number; readonly?: boolean } = {},
): Promise<KoeDatabase> {
  return openDialectTarget(target, opts);
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
  "2026-12-04-0010-improvements": m0010,
  "2026-12-04-0011-committee": m0011,
  "2026-12-04-0012-notifications": m0012,
  "2026-12-04-0013-circulation": m0013,
  "2026-12-04-0014-surveys": m0014,
  "2026-12-04-0015-label-aliases": m0015,
  "2026-12-04-0017-kpi": m0017,
  "2026-12-04-0018-principle-reviews": m0018,
  "2026-12-04-0019-customer-attributes-index": m0019,
  "2026-12-04-0020-rate-limits": m0020,
  "2026-12-04-0021-reports": m0021,
  "2026-12-04-0022-audit-chain-external-id": m0022,
  "2026-12-04-0023-search-words": m0023,
  "2026-12-04-0024-classifier-learning": m0024,
  "2026-12-04-0025-circulation-improvements": m0025,
  "2026-12-04-0026-survey-month-counts": m0026,
  "2026-12-04-0028-personal-data-requests": m0028,
  "2026-12-04-0029-audit-item-improvements": m0029,
  "2026-12-04-0030-review-queue-reasons": m0030,
  "2026-12-04-0031-sessions-two-factor": m0031,
  "2026-12-05-0034-classifier-retrain-jobs": m0034,
  "2026-12-05-0037-config-generation": m0037,
  "2026-12-05-0038-audit-chain-sealing": m0038,
};

/** The migrations' names in the order they apply; the last one names the schema version a backup records. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return migrateTo(db);
}

/**
 * Migrates to `name` (to the latest without it), as `migrateToLatest`: applies the pending migrations up to it, or —
 * when the database is ahead — undoes the later ones, newest first.
 */
export async function migrateTo(db: Db, name?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = name ? await migrator.migrateTo(name) : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`データベースの移行に失敗しました${failed ? `（${failed.migrationName}）` : ""}: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
