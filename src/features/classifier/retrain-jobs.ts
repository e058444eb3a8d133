/**
 * The retraining jobs in the database (`classifier_retrain_jobs`), so every app process sees the same one: claiming
 * the one running slot, the lease its process keeps moving forward, progress, the end, and the latest job as the
 * page shows it. A job whose lease ran out (its process died or hung) no longer holds the slot.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { formatDateTimeJa } from "../../shared/japanese-date.js";
import type { RetrainJob, RetrainResult } from "./contract.js";
import type { RetrainProgress } from "./retrain.js";

/** A job whose process has not said it is alive for this long is taken as dead. */
export const LEASE_MS = 2 * 60_000;
/** How often the training process says it is alive: well inside the lease, so a slow write does not lose it. */
export const HEARTBEAT_MS = 15_000;
/** This process's name on the jobs it trains: only it moves their lease or finishes them. */
export const PROCESS_OWNER = randomUUID();

export const INTERRUPTED_BY_LEASE =
  "学習していたサーバーの応答が途絶えたため中断しました。もう一度「再学習」を押してください";
export const INTERRUPTED_BY_SHUTDOWN =
  "学習していたサーバーが停止したため中断しました。もう一度「再学習」を押してください";

type Source = RetrainJob["source"];
const at = (ms: number) => new Date(ms).toISOString();

/**
 * Claims the running slot for a new job (the caller's transaction, or alone); a running job whose lease ran out is
 * marked interrupted first. Answers 409 in Japanese when another job is still running.
 */
export async function claimRetrainJob(
  db: Db,
  job: { source: Source; startedBy: number | null; owner?: string; now?: number },
): Promise<number> {
  const now = job.now ?? Date.now();
  await db
    .updateTable("classifier_retrain_jobs")
    .set({ state: "interrupted", running_slot: null, finished_at: at(now), error: INTERRUPTED_BY_LEASE })
    .where("running_slot", "=", 1)
    .where("lease_until", "<", at(now))
    .execute();
  // The unique slot decides between processes claiming at the same moment: one insert wins, the others do nothing.
  const row = await db
    .insertInto("classifier_retrain_jobs")
    .values({
      source: job.source,
      state: "running",
      stage: "loading",
      running_slot: 1,
      owner: job.owner ?? PROCESS_OWNER,
      started_by: job.startedBy,
      started_at: at(now),
      heartbeat_at: at(now),
      lease_until: at(now + LEASE_MS),
    })
    .onConflict((oc) => oc.column("running_slot").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (row) return row.id;
  const running = await db
    .selectFrom("classifier_retrain_jobs")
    .select("started_at")
    .where("running_slot", "=", 1)
    .executeTakeFirst();
  const since = running ? `（${formatDateTimeJa(String(running.started_at))} に開始）` : "";
  throw new AppError(
    "conflict",
    `分類モデルを学習し直している最中です${since}。終わってからもう一度お試しください`,
  );
}

/**
 * Refuses (409 in Japanese) a change to the models in use while a job runs whose lease has not run out: the job
 * compares its candidate with the model in use and then activates it or not, so the model in use must not change
 * under it. A job whose process died (lease ran out) does not block. The job saves its model and ends in one
 * transaction, so a caller checking in its own transaction sees the job either running or ended with its model.
 * `what`: the change refused, as 「以前のモデルに戻す」.
 */
export async function refuseWhileRetraining(db: Db, what: string, now = Date.now()): Promise<void> {
  const running = await db
    .selectFrom("classifier_retrain_jobs")
    .select("started_at")
    .where("running_slot", "=", 1)
    .where("lease_until", ">=", at(now))
    .executeTakeFirst();
  if (!running) return;
  throw new AppError(
    "conflict",
    `分類モデルを学習し直している最中です（${formatDateTimeJa(String(running.started_at))} に開始）。${what}のは学習が終わってからにしてください`,
  );
}

const mine = (id: number, owner: string) => (db: Db) =>
  db
    .updateTable("classifier_retrain_jobs")
    .where("id", "=", id)
    .where("owner", "=", owner)
    .where("state", "=", "running");

/** Moves the lease forward; false when the job is no longer this process's running job (it was superseded). */
export async function extendLease(db: Db, id: number, owner: string, now = Date.now()): Promise<boolean> {
  const r = await mine(
    id,
    owner,
  )(db)
    .set({ heartbeat_at: at(now), lease_until: at(now + LEASE_MS) })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records where the job is (and moves the lease: progress is a sign of life). */
export async function recordProgress(
  db: Db,
  id: number,
  owner: string,
  p: RetrainProgress,
  now = Date.now(),
): Promise<boolean> {
  const r = await mine(
    id,
    owner,
  )(db)
    .set({
      stage: p.stage,
      // evaluating and saving report no counts: the training's stay on the bar
      ...(p.total > 0 ? { progress_done: p.done, progress_total: p.total } : {}),
      heartbeat_at: at(now),
      lease_until: at(now + LEASE_MS),
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends the job and frees the slot; false when it was no longer this process's running job. */
export async function finishRetrainJob(
  db: Db,
  id: number,
  owner: string,
  end: { state: "succeeded"; result: RetrainResult } | { state: "failed" | "interrupted"; error: string },
): Promise<boolean> {
  const now = Date.now();
  const r = await mine(
    id,
    owner,
  )(db)
    .set({
      state: end.state,
      stage: end.state === "succeeded" ? "done" : undefined,
      running_slot: null,
      finished_at: at(now),
      heartbeat_at: at(now),
      result: end.state === "succeeded" ? JSON.stringify(end.result) : null,
      error: "error" in end ? end.error : null,
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Reading the voices, training, comparing, saving: the share of the bar each stage ends at. */
const STAGE_END = { loading: 5, training: 90, evaluating: 96, saving: 99, done: 100 } as const;

function percentOf(stage: RetrainJob["stage"], done: number, total: number): number {
  if (stage === "training" && total > 0)
    return Math.floor(STAGE_END.loading + ((STAGE_END.training - STAGE_END.loading) * done) / total);
  if (stage === "training") return STAGE_END.loading;
  if (stage === "loading") return 0;
  if (stage === "evaluating") return STAGE_END.training;
  if (stage === "saving") return STAGE_END.evaluating;
  return 100;
}

const jobRows = (db: Db) =>
  db
    .selectFrom("classifier_retrain_jobs as j")
    .leftJoin("users as u", "u.id", "j.started_by")
    .selectAll("j")
    .select("u.name as started_by_name");

/** The newest job as the 「分類モデル」 page shows it (null before the first). */
export async function latestRetrainJob(db: Db, now = Date.now()): Promise<RetrainJob | null> {
  const r = await jobRows(db).orderBy("j.id", "desc").limit(1).executeTakeFirst();
  return r ? presentJob(r, now) : null;
}

/** One job as the page shows it. */
export async function retrainJob(db: Db, id: number, now = Date.now()): Promise<RetrainJob> {
  return presentJob(await jobRows(db).where("j.id", "=", id).executeTakeFirstOrThrow(), now);
}

/** A running job whose lease ran out shows as interrupted (the next start marks it so in the database). */
function presentJob(
  r: Awaited<ReturnType<ReturnType<typeof jobRows>["executeTakeFirstOrThrow"]>>,
  now: number,
): RetrainJob {
  const lapsed = r.state === "running" && String(r.lease_until) < at(now);
  const state = lapsed ? "interrupted" : r.state;
  return {
    id: r.id,
    source: r.source,
    state,
    stage: r.stage,
    percent: state === "succeeded" ? 100 : percentOf(r.stage, r.progress_done, r.progress_total),
    progress: r.progress_total > 0 ? { done: r.progress_done, total: r.progress_total } : null,
    startedAt: String(r.started_at),
    startedBy: r.started_by === null ? null : { id: r.started_by, name: r.started_by_name ?? "" },
    heartbeatAt: String(r.heartbeat_at),
    finishedAt: r.finished_at === null ? null : String(r.finished_at),
    result: r.result === null ? null : (JSON.parse(r.result) as RetrainResult),
    error: lapsed ? INTERRUPTED_BY_LEASE : r.error,
  };
}
