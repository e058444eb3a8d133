/**
 * A small pool of reader worker threads (read-worker.ts), each with its own read-only connection to one SQLite
 * file. A read goes to the worker with the fewest reads in hand; a worker that dies fails its reads and is
 * replaced on the next one. Idle workers do not keep the process alive; close() ends them.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DatabaseTarget } from "../../db/database-url.js";
import { AppError } from "../../errors.js";
import type { ErrorCode } from "../../shared/api-contract.js";
import type { ReadAnswer, ReadRequest } from "./analytics-reads.js";

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending & { cost: number }>;
  /** the sum of its pending reads' costs */
  load: number;
}

/**
 * What a read weighs when choosing a worker: the rising words take seconds, a count tens of milliseconds, so the
 * dashboard's counts go to a worker not busy with the words.
 */
const COST: Partial<Record<ReadRequest["read"], number>> = { words: 50 };

/** Compiled (dist/*.js) next to this module, or the TypeScript source through tsx's hook (tests, dev, bench). */
function startWorker(target: DatabaseTarget): Worker {
  const jsUrl = new URL("./read-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(jsUrl))) return new Worker(jsUrl, { workerData: target });
  // Node 20 does not apply ESM loader hooks (`--import tsx`) inside workers: register tsx's CommonJS hook there.
  const tsPath = fileURLToPath(new URL("./read-worker.ts", import.meta.url));
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/cjs/api")).href;
  const bootstrap = `Promise.all([import("node:module"), import(${JSON.stringify(tsxApi)})]).then(([m, tsx]) => {
  tsx.register();
  m.createRequire(${JSON.stringify(tsPath)})(${JSON.stringify(tsPath)});
});`;
  return new Worker(bootstrap, { eval: true, workerData: target });
}

export class ReadPool {
  private readonly slots: (Slot | undefined)[];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly target: DatabaseTarget,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, () => undefined);
  }

  run(read: ReadRequest["read"], actor: ReadRequest["actor"], query: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("analytics reader pool is closed"));
    const slot = this.pick();
    const id = this.nextId++;
    const cost = COST[read] ?? 1;
    slot.load += cost;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, cost });
      slot.worker.ref();
      slot.worker.postMessage({ id, read, actor, query } satisfies ReadRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.slots.flatMap((s) => (s ? [s.worker] : []));
    this.slots.fill(undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** An idle started worker, else a slot not started yet, else the least loaded. */
  private pick(): Slot {
    let best: Slot | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (s && s.load === 0) return s;
      if (!s) return this.start(i);
      if (!best || s.load < best.load) best = s;
    }
    return best as Slot;
  }

  private start(i: number): Slot {
    const worker = startWorker(this.target);
    const slot: Slot = { worker, pending: new Map(), load: 0 };
    this.slots[i] = slot;
    worker.on("message", (a: ReadAnswer) => {
      const p = slot.pending.get(a.id);
      if (!p) return;
      slot.pending.delete(a.id);
      slot.load -= p.cost;
      if ("error" in a) {
        const e = a.error;
        p.reject(e.code ? new AppError(e.code as ErrorCode, e.message, e.fields) : new Error(e.message));
      } else p.resolve(a.result);
      if (slot.pending.size === 0) worker.unref();
    });
    const fail = (err: Error) => {
      if (this.slots[i] === slot) this.slots[i] = undefined;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      slot.load = 0;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`analytics reader worker exited with code ${code}`)));
    worker.unref();
    return slot;
  }
}
