/**
 * A reader worker thread: its own read-only connection to the server's SQLite file, or its own small pool to the
 * same PostgreSQL database (workerData), answering the
 * dashboard's reads (analytics-reads.ts) one at a time, so their SQL and JavaScript never hold the server's event
 * loop. Errors travel back as plain data; an AppError keeps its code, message and fields.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openTarget } from "../../db/database.js";
import type { DatabaseTarget } from "../../db/database-url.js";
import { AppError } from "../../errors.js";
import { ANALYTICS_READS, type ReadAnswer, type ReadRequest } from "./analytics-reads.js";

const port = parentPort;
if (!port) throw new Error("read-worker.ts runs as a worker thread");

// A small pool on PostgreSQL: a worker runs one read at a time, a second connection serves its parallel queries.
const opened = openTarget(workerData as DatabaseTarget, { readonly: true, poolSize: 2 });

port.on("message", async (req: ReadRequest) => {
  let answer: ReadAnswer;
  try {
    const { db } = await opened;
    const read = ANALYTICS_READS[req.read] as (db: unknown, actor: unknown, q: unknown) => Promise<unknown>;
    answer = { id: req.id, result: await read(db, req.actor, req.query) };
  } catch (err) {
    answer =
      err instanceof AppError
        ? {
            id: req.id,
            error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
          }
        : { id: req.id, error: { message: err instanceof Error ? (err.stack ?? err.message) : String(err) } };
  }
  port.postMessage(answer);
});
