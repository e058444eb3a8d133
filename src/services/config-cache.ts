/**
 * The taxonomy and the settings every request reads, kept in memory per database and process. They change a few
 * times a year, yet were read on every list page, voice and registration: on PostgreSQL under the load bench, one
 * to five of a request's statements (docs/performance.md).
 *
 * Valid while the database's configuration generation (migration 0037: triggers move it on every change, by any
 * process) is the one the copy was read under. A request with a session learns the generation from the session's
 * own query (observe); when none did in the last VALIDITY_MS (the public form, API tokens, the CLI), a read asks
 * the database for it first, one small statement instead of the loads. A process that changes the configuration
 * forgets its copies at once (forgetConfig), so its own next read, in the same transaction too, is fresh. Inside a
 * transaction a loaded value is used but never kept, nor the generation it read: it may hold changes that are
 * rolled back.
 */
import type { Db } from "../db/database.js";

/** How long a generation seen by a session query is trusted by reads without one of their own. */
const VALIDITY_MS = 250;

interface Entry {
  generation: number;
  value: unknown;
}

export class ConfigCache {
  private generation: number | null = null;
  private seenAt = 0;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The generation as the database has it now (read by the session's query, or by `read`). */
  observe(generation: number): void {
    if (generation !== this.generation) {
      this.generation = generation;
      this.entries.clear();
    }
    this.seenAt = this.clock();
  }

  /** This process changed the configuration: every copy is out of date, and so is the generation. */
  forget(): void {
    this.generation = null;
    this.entries.clear();
  }

  /** The value under `key`, from memory while the generation holds, or from `load` (kept outside transactions). */
  async read<T>(db: Db, key: string, load: (db: Db) => Promise<T>): Promise<T> {
    if (this.generation === null || this.clock() - this.seenAt > VALIDITY_MS) {
      // A transaction may see its own uncommitted change: what it reads stays out of the cache's state.
      if (db.isTransaction) return load(db);
      const row = await db
        .selectFrom("config_generation")
        .select("generation")
        .where("id", "=", 1)
        .executeTakeFirst();
      // Without the row (a database migrated to before 0037, read by a backup's restore) nothing is kept.
      if (!row) return load(db);
      this.observe(Number(row.generation));
    }
    const generation = this.generation as number;
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation) return entry.value as T;
    const value = await load(db);
    if (!db.isTransaction && this.generation === generation) this.entries.set(key, { generation, value });
    return value;
  }
}

// One cache per opened database: Kysely's adapter is made once per instance and shared by its transactions.
const caches = new WeakMap<object, ConfigCache>();

export function configCacheOf(db: Db): ConfigCache {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) {
    cache = new ConfigCache();
    caches.set(key, cache);
  }
  return cache;
}

/** Call after writing the taxonomy or the settings (in or out of a transaction). */
export function forgetConfig(db: Db): void {
  configCacheOf(db).forget();
}
