/**
 * The scheduled retraining (setting 「毎週学習し直す」): at most once per week across every process, claimed by a
 * unique settings key for the week together with the one retraining slot, then run as the same job as the button
 * (its progress and result show on the 「分類モデル」 page).
 */
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { getClassifierSettings } from "./classifier-settings.js";
import { type RetrainJobOptions, runRetrainJob } from "./retrain-job.js";
import { claimRetrainJob } from "./retrain-jobs.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

class WeekTaken extends Error {}

/**
 * Runs the week's retraining if it is due and no other process claimed it; returns whether it ran. While another
 * retraining runs (a click on 「再学習」), neither the week nor the slot is taken, so a later run of the scheduler
 * tries again.
 */
export async function runWeeklyRetrain(db: Db, now: Date, opts: RetrainJobOptions = {}): Promise<boolean> {
  if (!(await getClassifierSettings(db)).weeklyRetrain) return false;
  const week = Math.floor(now.getTime() / WEEK_MS);
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("settings")
        .values({ key: `classifier.weeklyRetrain.week.${week}`, value: JSON.stringify(now.toISOString()) })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) throw new WeekTaken();
      return claimRetrainJob(trx, { source: "weekly", startedBy: null });
    });
  } catch (err) {
    if (err instanceof WeekTaken || (err instanceof AppError && err.code === "conflict")) return false;
    throw err;
  }
  await runRetrainJob(db, id, { source: "weekly", startedBy: null, ...opts });
  return true;
}
