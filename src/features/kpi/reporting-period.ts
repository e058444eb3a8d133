/**
 * The KPI reporting period: a calendar year (seed 000 reports 2023年1月〜12月) or the organization's fiscal year,
 * by a setting, with how a rate's change is written (ポイント, or ％ as seed 000 prints it).
 */
import type { Db } from "../../db/database.js";
import { comparePeriod, fiscalYearPeriod, type Period } from "../../domain/analysis-period.js";
import { getSettings } from "../users-and-settings/settings.js";
import type { KpiReporting } from "./contract.js";

const KEY = "kpiReporting";
export const DEFAULT_KPI_REPORTING: KpiReporting = { basis: "calendar", rateChange: "point" };

export async function getKpiReporting(db: Db): Promise<KpiReporting> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  if (!row) return DEFAULT_KPI_REPORTING;
  const v = JSON.parse(row.value) as Partial<KpiReporting>;
  return {
    basis: v.basis === "fiscal" ? "fiscal" : "calendar",
    rateChange: v.rateChange === "percent" ? "percent" : "point",
  };
}

export async function setKpiReporting(db: Db, r: KpiReporting): Promise<void> {
  const value = JSON.stringify(r);
  // One statement: two saves at once must not both find no row and both insert.
  await db
    .insertInto("settings")
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** A calendar year is a fiscal year starting in January; it is named 2023年 and keyed "2023". */
const isCalendarYear = (p: Period) => p.kind === "fiscal_year" && p.startMonth === 1;

/** The key a period's hand-entered values and narratives are stored under ("2023", "fy2023", "fy2023h1"). */
export function periodEntryKey(p: Period): string {
  return isCalendarYear(p) && p.kind === "fiscal_year" ? String(p.fiscalYear) : p.key;
}

export function periodName(p: Period): string {
  return isCalendarYear(p) && p.kind === "fiscal_year" ? `${p.fiscalYear}年` : p.label;
}

/** The reporting year's period under the setting. */
export async function reportingPeriod(db: Db, year: number): Promise<Period> {
  const reporting = await getKpiReporting(db);
  if (reporting.basis === "calendar") return fiscalYearPeriod(year, 1);
  return fiscalYearPeriod(year, (await getSettings(db)).fiscalYearStartMonth);
}

/** The period a value is compared with: the same span a year earlier. */
export const previousYearOf = (p: Period): Period => comparePeriod(p);
