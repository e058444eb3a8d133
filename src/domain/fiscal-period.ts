// Fiscal years (年度), halves (上期/下期) and quarters (四半期) with a configurable start month, named by the year
// they start in.
import { jstDate } from "./jst.js";

export type FiscalHalf = 1 | 2;
export type FiscalQuarter = 1 | 2 | 3 | 4;

function assertStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscal year start month must be an integer 1-12: ${startMonth}`);
  }
}

function assertFiscalYear(fy: number): void {
  if (!Number.isInteger(fy) || fy < 1000 || fy > 9999) throw new RangeError(`invalid fiscal year: ${fy}`);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** First day (YYYY-MM-DD) of the month that is `offset` months after year/month (month 1-12). */
function monthStart(year: number, month: number, offset = 0): string {
  const idx = year * 12 + (month - 1) + offset;
  return `${Math.floor(idx / 12)}-${pad2((idx % 12) + 1)}-01`;
}

function yearMonth(t: string | Date): [number, number] {
  const d = jstDate(t);
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
}

/** The fiscal year (e.g. 2025 for 2025-04-01..2026-03-31 with start month 4) containing t's JST date. */
export function fiscalYearOf(t: string | Date, startMonth: number): number {
  assertStartMonth(startMonth);
  const [y, m] = yearMonth(t);
  return m >= startMonth ? y : y - 1;
}

/** The fiscal year's dates as a half-open range [from, toExclusive). */
export function fiscalYearRange(fy: number, startMonth: number): { from: string; toExclusive: string } {
  assertStartMonth(startMonth);
  assertFiscalYear(fy);
  return { from: monthStart(fy, startMonth), toExclusive: monthStart(fy, startMonth, 12) };
}

/** The fiscal half containing t: the first six months are 上期 (1), the last six 下期 (2). */
export function fiscalHalfOf(t: string | Date, startMonth: number): { fiscalYear: number; half: FiscalHalf } {
  const fiscalYear = fiscalYearOf(t, startMonth);
  const [, m] = yearMonth(t);
  const monthsIn = (m - startMonth + 12) % 12;
  return { fiscalYear, half: monthsIn < 6 ? 1 : 2 };
}

export function fiscalHalfRange(
  fy: number,
  half: FiscalHalf,
  startMonth: number,
): { from: string; toExclusive: string } {
  assertStartMonth(startMonth);
  assertFiscalYear(fy);
  if (half !== 1 && half !== 2) throw new RangeError(`half must be 1 or 2: ${String(half)}`);
  const offset = half === 1 ? 0 : 6;
  return { from: monthStart(fy, startMonth, offset), toExclusive: monthStart(fy, startMonth, offset + 6) };
}

/** The fiscal quarter containing t: the fiscal year's months 1–3 are 第1四半期, 4–6 第2, and so on. */
export function fiscalQuarterOf(
  t: string | Date,
  startMonth: number,
): { fiscalYear: number; quarter: FiscalQuarter } {
  const fiscalYear = fiscalYearOf(t, startMonth);
  const [, m] = yearMonth(t);
  const monthsIn = (m - startMonth + 12) % 12;
  return { fiscalYear, quarter: (Math.floor(monthsIn / 3) + 1) as FiscalQuarter };
}

export function fiscalQuarterRange(
  fy: number,
  quarter: FiscalQuarter,
  startMonth: number,
): { from: string; toExclusive: string } {
  assertStartMonth(startMonth);
  assertFiscalYear(fy);
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`quarter must be 1-4: ${String(quarter)}`);
  const offset = (quarter - 1) * 3;
  return { from: monthStart(fy, startMonth, offset), toExclusive: monthStart(fy, startMonth, offset + 3) };
}

/** The twelve months of the fiscal year in order, as YYYY-MM. */
export function fiscalYearMonths(fy: number, startMonth: number): string[] {
  assertStartMonth(startMonth);
  assertFiscalYear(fy);
  return Array.from({ length: 12 }, (_, i) => monthStart(fy, startMonth, i).slice(0, 7));
}

export function fiscalYearLabel(fy: number): string {
  return `${fy}年度`;
}

export function fiscalHalfLabel(fy: number, half: FiscalHalf): string {
  return `${fy}年度${half === 1 ? "上期" : "下期"}`;
}

export function fiscalQuarterLabel(fy: number, quarter: FiscalQuarter): string {
  return `${fy}年度第${quarter}四半期`;
}
