/**
 * A KPI's history: its value, year-over-year sentence, breakdown, evidence and narrative for each of the reporting periods
 * up to a year — readable whether the KPI is in force or retired (retiring keeps every entry).
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { jstToday } from "../../domain/jst.js";
import { notFound } from "../../errors.js";
import type { KpiHistory } from "./contract.js";
import { presentKpi } from "./kpi-register.js";
import { kpiValue } from "./kpi-value.js";
import { previousYearOf, reportingPeriod } from "./reporting-period.js";

export async function kpiHistory(db: Db, kpiId: number, year: number, years: number): Promise<KpiHistory> {
  const row = await db.selectFrom("kpis").selectAll().where("id", "=", kpiId).executeTakeFirst();
  if (!row) throw notFound("指標");
  const periods: Period[] = [await reportingPeriod(db, year)];
  while (periods.length < years) periods.push(previousYearOf(periods[periods.length - 1] as Period));
  const today = jstToday();
  const items = [];
  // newest first: the year asked for, then the years before it
  for (const p of periods) {
    const v = await kpiValue(db, kpiId, p, { today });
    items.push({
      period: v.period,
      value: v.value,
      display: v.display,
      yoy: v.yoy,
      breakdown: v.breakdown,
      evidence: v.evidence,
      narrative: v.narrative,
    });
  }
  return { kpi: presentKpi(row), items };
}
