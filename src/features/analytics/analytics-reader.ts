/**
 * The one seam the analytics routes read through (counts, handling figures, work queues, rising words). On a SQLite
 * file or PostgreSQL the reads run in a small pool of worker threads with connections of their own (read-pool.ts):
 * better-sqlite3 is synchronous, so a 100 ms count or a multi-second word analysis in the server's thread would
 * hold every other request, a register included; on PostgreSQL the rows' parsing and the words' counting would.
 * On SQLite in memory (nothing else can open it) they run in process. Either way the same functions answer (analytics-reads.ts). One reader per app,
 * ended with it.
 */
import { availableParallelism } from "node:os";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import type { Actor } from "../../domain/voice-workflow.js";
import {
  ANALYTICS_READS,
  type AnalyticsReadName,
  type ReadQuery,
  type ReadResult,
} from "./analytics-reads.js";
import { ReadPool } from "./read-pool.js";

export interface AnalyticsReader {
  read<K extends AnalyticsReadName>(name: K, actor: Actor, query: ReadQuery<K>): Promise<ReadResult<K>>;
}

/** Two workers on a small machine, at most four: the server's own thread needs a core too. */
const POOL_SIZE = Math.max(2, Math.min(4, availableParallelism() - 1));

/**
 * The work queues are a few index counts (about a millisecond at 1,000,000 voices): a worker's round trip would
 * cost more than the read, and it holds the event loop for no longer than a register does.
 */
const IN_PROCESS_READS: ReadonlySet<AnalyticsReadName> = new Set(["queues"]);

function readInProcess<K extends AnalyticsReadName>(
  db: Db,
  name: K,
  actor: Actor,
  query: ReadQuery<K>,
): Promise<ReadResult<K>> {
  return (ANALYTICS_READS[name] as (db: Db, a: Actor, q: unknown) => Promise<ReadResult<K>>)(
    db,
    actor,
    query,
  );
}

const readers = new WeakMap<FastifyInstance, AnalyticsReader>();

export function analyticsReaderOf(app: FastifyInstance, db: Db): AnalyticsReader {
  const known = readers.get(app);
  if (known) return known;
  const target = dialectFor(db).readerTarget(db);
  let reader: AnalyticsReader;
  if (target) {
    const pool = new ReadPool(target, POOL_SIZE);
    app.addHook("onClose", async () => pool.close());
    reader = {
      read: (name, actor, query) =>
        IN_PROCESS_READS.has(name)
          ? readInProcess(db, name, actor, query)
          : (pool.run(name, actor, query) as Promise<ReadResult<typeof name>>),
    };
  } else {
    reader = { read: (name, actor, query) => readInProcess(db, name, actor, query) };
  }
  readers.set(app, reader);
  return reader;
}
