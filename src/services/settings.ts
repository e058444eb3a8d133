/** Organization settings stored as JSON values: fiscal year start month and deadline days per voice type. */

import type { Db } from "../db/database.js";
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from "../domain/deadlines.js";
import { invalidInput } from "../errors.js";

export interface Settings {
  fiscalYearStartMonth: number;
  deadlineRules: DeadlineRules;
}

export const DEFAULT_SETTINGS: Settings = { fiscalYearStartMonth: 4, deadlineRules: DEFAULT_DEADLINE_RULES };

export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const month = map.get("fiscalYearStartMonth");
  const rules = map.get("deadlineRules");
  return {
    fiscalYearStartMonth: typeof month === "number" ? month : DEFAULT_SETTINGS.fiscalYearStartMonth,
    deadlineRules: { ...DEFAULT_DEADLINE_RULES, ...((rules as DeadlineRules | undefined) ?? {}) },
  };
}

export async function updateSettings(db: Db, patch: Partial<Settings>): Promise<Settings> {
  const fields: Record<string, string> = {};
  if (patch.fiscalYearStartMonth !== undefined) {
    const m = patch.fiscalYearStartMonth;
    if (!Number.isInteger(m) || m < 1 || m > 12)
      fields.fiscalYearStartMonth = "年度の開始月は1〜12で指定してください";
  }
  for (const [type, rule] of Object.entries(patch.deadlineRules ?? {})) {
    for (const [k, v] of Object.entries(rule)) {
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 60)) {
        fields[`deadlineRules.${type}.${k}`] = "期限の日数は0〜60の整数か、空欄（期限なし）にしてください";
      }
    }
  }
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const json = JSON.stringify(value);
      await trx
        .insertInto("settings")
        .values({ key, value: json })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
        .execute();
    }
  });
  return getSettings(db);
}
