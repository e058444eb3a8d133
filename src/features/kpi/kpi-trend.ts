/**
 * A KPI's trend over the last KPI_TREND_YEARS reporting periods, oldest first, for the register's sparkline. The
 * two latest points are the value and last year's value already computed; the earlier ones are computed the same
 * way, from the same records (a year with nothing recorded is null, and the line breaks there).
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { KPI_TREND_YEARS, type KpiTrendPoint, type KpiValue } from "./contract.js";
import { kpiPeriodValue } from "./kpi-value.js";
import { periodEntryKey, periodName, previousYearOf } from "./reporting-period.js";

export async function kpiTrend(
  db: Db,
  current: KpiValue,
  period: Period,
  today: string,
): Promise<KpiTrendPoint[]> {
  const periods: Period[] = [period];
  while (periods.length < KPI_TREND_YEARS) periods.unshift(previousYearOf(periods[0] as Period));
  const point = (p: Period, value: number | null): KpiTrendPoint => ({
    key: periodEntryKey(p),
    label: periodName(p),
    value,
  });
  const earlier = periods.slice(0, -2);
  const values = await Promise.all(earlier.map((p) => kpiPeriodValue(db, current.kpiId, p, today)));
  return [
    ...earlier.map((p, i) => point(p, values[i] ?? null)),
    point(periods[periods.length - 2] as Period, current.previous),
    point(period, current.value),
  ];
}
