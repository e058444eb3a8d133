/**
 * Runs a claimed retraining job in this process: progress and a heartbeat into the job's row while training in a
 * worker thread, then the model saved and the job finished in one transaction — only while the job is still this
 * process's (a process whose lease ran out and was superseded must not save a model nobody waits for).
 */
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { RetrainJob } from "./contract.js";
import {
  RetrainNotPossible,
  type RetrainOptions,
  type RetrainProgress,
  saveCandidate,
  trainCandidate,
} from "./retrain.js";
import {
  claimRetrainJob,
  extendLease,
  finishRetrainJob,
  HEARTBEAT_MS,
  INTERRUPTED_BY_SHUTDOWN,
  PROCESS_OWNER,
  recordProgress,
  retrainJob,
} from "./retrain-jobs.js";

/** Progress is written at most this often (a stage change is written at once). */
const PROGRESS_EVERY_MS = 500;

/** The training settings a job uses beyond the defaults (tests pass a small corpus and a quick trainer). */
export type RetrainJobOptions = Omit<RetrainOptions, "createdBy" | "source" | "onProgress" | "signal">;

export interface StartedJob {
  id: number;
  /** the job as it was claimed, read before it runs (a job too small to train may fail within milliseconds) */
  claimed: RetrainJob;
  /** settles when the job has ended (never rejects) */
  done: Promise<void>;
}

class JobLost extends Error {}
class ServerStopping extends Error {}

/** Claims the slot (409 when a job runs) and runs the job in the background. */
export async function startRetrainJob(
  db: Db,
  opts: { source: RetrainJob["source"]; startedBy: number | null; signal?: AbortSignal } & RetrainJobOptions,
): Promise<StartedJob> {
  const id = await claimRetrainJob(db, { source: opts.source, startedBy: opts.startedBy });
  const claimed = await retrainJob(db, id);
  return { id, claimed, done: runRetrainJob(db, id, opts) };
}

/** Runs a job already claimed by this process to its end. */
export async function runRetrainJob(
  db: Db,
  id: number,
  opts: { source: RetrainJob["source"]; startedBy: number | null; signal?: AbortSignal } & RetrainJobOptions,
): Promise<void> {
  const owner = PROCESS_OWNER;
  const stop = new AbortController();
  const onStop = () => stop.abort(new ServerStopping());
  if (opts.signal?.aborted) onStop();
  opts.signal?.addEventListener("abort", onStop, { once: true });
  const lost = () => stop.abort(new JobLost());
  const heartbeat = setInterval(() => {
    extendLease(db, id, owner).then(
      (ok) => ok || lost(),
      () => undefined,
    );
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  // One write after the other: on a pool of connections, a later value must not land before an earlier one.
  let writes: Promise<unknown> = Promise.resolve();
  const progress = throttledProgress((p) => {
    writes = writes
      .then(() => recordProgress(db, id, owner, p))
      .then(
        (ok) => ok || lost(),
        () => undefined,
      );
  });
  const { signal: _signal, startedBy, source, ...training } = opts;
  try {
    const candidate = await trainCandidate(db, {
      ...training,
      createdBy: startedBy,
      source,
      signal: stop.signal,
      onProgress: progress.report,
    });
    stop.signal.throwIfAborted();
    progress.cancel();
    await writes;
    await recordProgress(db, id, owner, { stage: "saving", done: 0, total: 0 });
    await db.transaction().execute(async (trx) => {
      // Moving the lease in this transaction holds the job's row until commit: nothing supersedes it meanwhile.
      if (!(await extendLease(trx, id, owner))) throw new JobLost();
      const result = await saveCandidate(trx, candidate, { createdBy: startedBy, source });
      await finishRetrainJob(trx, id, owner, { state: "succeeded", result });
    });
  } catch (err) {
    await writes;
    const reason = stop.signal.aborted ? stop.signal.reason : err;
    if (reason instanceof JobLost) return;
    const end =
      reason instanceof ServerStopping
        ? { state: "interrupted" as const, error: INTERRUPTED_BY_SHUTDOWN }
        : { state: "failed" as const, error: failureMessage(reason) };
    await finishRetrainJob(db, id, owner, end).catch(() => undefined);
  } finally {
    progress.cancel();
    clearInterval(heartbeat);
    opts.signal?.removeEventListener("abort", onStop);
  }
}

/** A stage change is written at once; within a stage at most every PROGRESS_EVERY_MS, the latest value last. */
function throttledProgress(write: (p: RetrainProgress) => void) {
  let lastStage = "";
  let lastWrite = 0;
  let pending: RetrainProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    lastWrite = Date.now();
    lastStage = pending.stage;
    write(pending);
    pending = null;
  };
  return {
    report(p: RetrainProgress) {
      pending = p;
      const wait = lastWrite + PROGRESS_EVERY_MS - Date.now();
      // the last pass is written at once, so the finished bar shows every pass done
      if (p.stage !== lastStage || wait <= 0 || (p.total > 0 && p.done === p.total)) {
        if (timer) clearTimeout(timer);
        flush();
      } else timer ??= setTimeout(flush, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}

function failureMessage(err: unknown): string {
  if (err instanceof RetrainNotPossible || err instanceof AppError) return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  return `学習に失敗しました（${detail}）。もう一度お試しください。続くときは管理者にお知らせください`;
}
