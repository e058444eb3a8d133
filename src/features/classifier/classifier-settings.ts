/**
 * The classifier's organisation settings (complaint bias, flag threshold, weekly retraining), stored as JSON values
 * in the settings table under their own keys; defaults come from the curve on the real held-out voices.
 */
import type { Db } from "../../db/database.js";
import {
  COMPLAINT_BIAS_RANGE,
  DEFAULT_COMPLAINT_BIAS,
  DEFAULT_FLAG_THRESHOLD,
  FLAG_THRESHOLD_RANGE,
} from "../../domain/complaint-flag.js";
import type { ClassifierSettings, ClassifierSettingsInput } from "./contract.js";

export const DEFAULT_CLASSIFIER_SETTINGS: ClassifierSettings = {
  complaintBias: DEFAULT_COMPLAINT_BIAS,
  flagThreshold: DEFAULT_FLAG_THRESHOLD,
  weeklyRetrain: false,
};

const KEYS = {
  complaintBias: "classifier.complaintBias",
  flagThreshold: "classifier.flagThreshold",
  weeklyRetrain: "classifier.weeklyRetrain",
} as const;

const within = (x: unknown, r: { min: number; max: number }) =>
  typeof x === "number" && Number.isFinite(x) && x >= r.min && x <= r.max;

export async function getClassifierSettings(db: Db): Promise<ClassifierSettings> {
  const rows = await db
    .selectFrom("settings")
    .select(["key", "value"])
    .where("key", "in", Object.values(KEYS))
    .execute();
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const bias = map.get(KEYS.complaintBias);
  const threshold = map.get(KEYS.flagThreshold);
  const weekly = map.get(KEYS.weeklyRetrain);
  // A stored value out of range (written by hand) falls back to the default rather than breaking suggestions.
  return {
    complaintBias: within(bias, COMPLAINT_BIAS_RANGE) ? (bias as number) : DEFAULT_COMPLAINT_BIAS,
    flagThreshold: within(threshold, FLAG_THRESHOLD_RANGE) ? (threshold as number) : DEFAULT_FLAG_THRESHOLD,
    weeklyRetrain: weekly === true,
  };
}

/** Stores the given settings (validated by the route's zod schema), in the caller's transaction. */
export async function updateClassifierSettings(
  db: Db,
  input: ClassifierSettingsInput,
): Promise<ClassifierSettings> {
  for (const [name, key] of Object.entries(KEYS) as [keyof ClassifierSettings, string][]) {
    const value = input[name];
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto("settings")
      .values({ key, value: json })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
      .execute();
  }
  return getClassifierSettings(db);
}
