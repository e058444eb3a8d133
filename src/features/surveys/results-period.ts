/** A results query's period (fy2023, 2023年度上期, from/to …) in the organization's fiscal year; Japanese 400s. */
import type { Db } from "../../db/database.js";
import { type Period, parsePeriodQuery } from "../../domain/analysis-period.js";
import { invalidInput } from "../../errors.js";
import { getSettings } from "../users-and-settings/settings.js";

export async function resultsPeriod(
  db: Db,
  q: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  now: Date = new Date(),
): Promise<Period> {
  const settings = await getSettings(db);
  const parsed = parsePeriodQuery(q, { startMonth: settings.fiscalYearStartMonth, now });
  if (!parsed.ok) throw invalidInput(parsed.fields as Record<string, string>);
  return parsed.period;
}
