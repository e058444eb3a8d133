/** The period a new report covers, by kind: the fiscal year, the KPI reporting year, or a fiscal half. */
import type { Db } from "../../db/database.js";
import { fiscalHalfPeriod, fiscalYearPeriod, type Period } from "../../domain/analysis-period.js";
import type { FiscalHalf } from "../../domain/fiscal-period.js";
import { invalidInput } from "../../errors.js";
import { reportingPeriod } from "../kpi/reporting-period.js";
import { getSettings } from "../users-and-settings/settings.js";
import type { ReportKind } from "./report-document.js";

export async function reportPeriod(
  db: Db,
  kind: ReportKind,
  fiscalYear: number,
  half: number | undefined,
): Promise<Period> {
  const { fiscalYearStartMonth } = await getSettings(db);
  switch (kind) {
    case "annual-voice":
      return fiscalYearPeriod(fiscalYear, fiscalYearStartMonth);
    case "kpi":
      return reportingPeriod(db, fiscalYear);
    case "half-year-review":
      if (half !== 1 && half !== 2)
        throw invalidInput({ half: "半期の取組み報告には半期（1: 上期、2: 下期）を指定してください" });
      return fiscalHalfPeriod(fiscalYear, half as FiscalHalf, fiscalYearStartMonth);
  }
}

/** 2022年度（2022年6月1日〜2023年5月31日） */
export function periodWords(label: string, from: string, to: string): string {
  const day = (d: string) =>
    `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${label}（${day(from)}〜${day(to)}）`;
}
