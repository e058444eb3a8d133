/**
 * A store for @fastify/rate-limit that counts in the database (table rate_limit_counters), so the limits hold
 * across every app process on one database: two processes behind a load balancer allow the limit once, not twice.
 * Fixed windows, like the plugin's own in-memory store: one upsert per request, atomic on both engines.
 *
 * A flood is answered from memory: once the database says an address is over its limit, this process remembers it
 * until the window ends and refuses the address's next requests without asking the database again. That is exact,
 * not an estimate: in a fixed window the count only grows, so an address over the limit stays over it until the
 * window the database started ends. (2,000 posts from one address used to cost 2,000 upserts and their commits.)
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";

interface Counted {
  current: number;
  ttl: number;
}
type Callback = (err: Error | null, res?: Counted) => void;

/** Rows of windows that ended this long ago are deleted now and then. */
const KEEP_MS = 24 * 60 * 60 * 1000;

async function increment(db: Db, key: string, timeWindow: number): Promise<Counted> {
  const now = Date.now();
  const expired = sql<boolean>`rate_limit_counters.window_started_at + ${timeWindow} <= ${now}`;
  const row = await db
    .insertInto("rate_limit_counters")
    .values({ key, window_started_at: now, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limit_counters.hits + 1 end`,
        window_started_at: sql<number>`case when ${expired} then ${now} else rate_limit_counters.window_started_at end`,
      }),
    )
    .returning(["hits", "window_started_at"])
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("rate_limit_counters")
      .where("window_started_at", "<", now - KEEP_MS)
      .execute();
  }
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.window_started_at) + timeWindow - now) };
}

async function read(db: Db, key: string, timeWindow: number): Promise<Counted> {
  const now = Date.now();
  const row = await db
    .selectFrom("rate_limit_counters")
    .select(["hits", "window_started_at"])
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row || Number(row.window_started_at) + timeWindow <= now) return { current: 0, ttl: 0 };
  return { current: Number(row.hits), ttl: Number(row.window_started_at) + timeWindow - now };
}

/** Addresses known to be over their limit, per route and address: until when, and the count so far. */
export class ExceededWindows {
  readonly #entries = new Map<string, { until: number; current: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The count and wait for a known-exceeded key (this request counted), or undefined when the database must say. */
  refuse(key: string, now: number): Counted | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    e.current++;
    return { current: e.current, ttl: e.until - now };
  }

  /** Remembers what the database answered when it is over `max`. */
  note(key: string, counted: Counted, max: number | undefined, now: number): void {
    if (max === undefined || counted.current <= max || counted.ttl <= 0) return;
    if (this.#entries.size >= this.capacity) this.#prune(now);
    this.#entries.set(key, { until: now + counted.ttl, current: counted.current });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Drops ended windows; when addresses are many (a spread attack), the oldest half too: the database still counts. */
  #prune(now: number): void {
    for (const [k, e] of this.#entries) if (e.until <= now) this.#entries.delete(k);
    if (this.#entries.size < this.capacity) return;
    let drop = Math.ceil(this.#entries.size / 2);
    for (const k of this.#entries.keys()) {
      if (drop-- <= 0) break;
      this.#entries.delete(k);
    }
  }
}

/** The store class the plugin instantiates (`store:` option), bound to `db`; each route counts under its own name. */
export function databaseRateLimitStore(db: Db, prefix = "", exceeded = new ExceededWindows()) {
  return class DatabaseRateLimitStore {
    /** the route the counts belong to; the plugin makes one child store per limited route */
    scope = prefix;

    incr(key: string, cb: Callback, timeWindow: number, max?: number): void {
      const scoped = `${this.scope}|${key}`;
      const now = Date.now();
      const known = exceeded.refuse(scoped, now);
      if (known) {
        cb(null, known);
        return;
      }
      increment(db, scoped, timeWindow).then(
        (r) => {
          exceeded.note(scoped, r, max, now);
          cb(null, r);
        },
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      read(db, `${this.scope}|${key}`, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }

    child(routeOptions: object) {
      // the plugin passes the route's merged options with `routeInfo` (its method and url)
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(",") : (info?.method ?? "");
      const store = new DatabaseRateLimitStore();
      store.scope = `${prefix}${method} ${info?.url ?? ""}`.trim();
      return store;
    }
  };
}
