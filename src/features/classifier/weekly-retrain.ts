/**
 * The scheduled retraining (setting 「毎週学習し直す」): at most once per week across every process, claimed by a
 * unique settings key for the week, then the same gated retraining as the button.
 */
import type { Db } from "../../db/database.js";
import { getClassifierSettings } from "./classifier-settings.js";
import { type RetrainOptions, retrain } from "./retrain.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Runs the week's retraining if it is due and no other process claimed it; returns whether it ran. */
export async function runWeeklyRetrain(
  db: Db,
  now: Date,
  opts: Partial<RetrainOptions> = {},
): Promise<boolean> {
  if (!(await getClassifierSettings(db)).weeklyRetrain) return false;
  const week = Math.floor(now.getTime() / WEEK_MS);
  const claimed = await db
    .insertInto("settings")
    .values({ key: `classifier.weeklyRetrain.week.${week}`, value: JSON.stringify(now.toISOString()) })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await retrain(db, { createdBy: null, source: "weekly", ...opts });
  return true;
}
