// The dashboard's address: the period (period= or from/to) and the voice list's filters, all in the query
// string so a view can be shared. Reads and writes it, and maps it to the period selector's choices.
import {
  fiscalHalfPeriod,
  fiscalYearPeriod,
  monthPeriod,
  type Period,
  parsePeriodQuery,
} from "../../../../src/domain/analysis-period.js";
import { fiscalYearOf } from "../../../../src/domain/fiscal-period.js";
import { jstToday } from "../../../../src/domain/jst.js";

/** What the address may hold: the period, then the list's filters the dashboard offers. */
export const PERIOD_KEYS = ["period", "from", "to"] as const;
export const FILTER_KEYS = ["department", "channel", "type", "category"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type PeriodChoice = "this_fy" | "last_fy" | "h1" | "h2" | "month" | "custom" | "other";

export const PERIOD_CHOICES: { value: Exclude<PeriodChoice, "other">; label: string }[] = [
  { value: "this_fy", label: "今年度" },
  { value: "last_fy", label: "前年度" },
  { value: "h1", label: "上期" },
  { value: "h2", label: "下期" },
  { value: "month", label: "月" },
  { value: "custom", label: "期間指定" },
];

/** The period and filters of the address, as the analytics API takes them (empty values left out). */
export function baseQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of [...PERIOD_KEYS, ...FILTER_KEYS]) {
    const v = params.get(k)?.trim();
    if (v) out.set(k, v);
  }
  return out;
}

/** A copy of `q` with more values set (undefined/empty removes the key). */
export function withParams(q: URLSearchParams, more: Record<string, string | undefined>): URLSearchParams {
  const out = new URLSearchParams(q);
  for (const [k, v] of Object.entries(more)) {
    if (v === undefined || v === "") out.delete(k);
    else out.set(k, v);
  }
  return out;
}

export interface PeriodState {
  /** the period the address names, or null when it cannot be read (the API's 400 then says why) */
  period: Period | null;
  choice: PeriodChoice;
  /** the fiscal year the selector's 年度 shows */
  fiscalYear: number;
  /** 今年度 */
  currentFiscalYear: number;
}

export function periodState(
  params: URLSearchParams,
  startMonth: number,
  now: Date = new Date(),
): PeriodState {
  const currentFiscalYear = fiscalYearOf(now, startMonth);
  const parsed = parsePeriodQuery(
    {
      period: params.get("period") ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    },
    { startMonth, now },
  );
  if (!parsed.ok) return { period: null, choice: "other", fiscalYear: currentFiscalYear, currentFiscalYear };
  const p = parsed.period;
  const fiscalYear = p.kind === "custom" ? fiscalYearOf(p.from, startMonth) : p.fiscalYear;
  let choice: PeriodChoice;
  switch (p.kind) {
    case "fiscal_year":
      choice =
        p.fiscalYear === currentFiscalYear
          ? "this_fy"
          : p.fiscalYear === currentFiscalYear - 1
            ? "last_fy"
            : "other";
      break;
    case "half":
      choice = p.half === 1 ? "h1" : "h2";
      break;
    case "month":
      choice = "month";
      break;
    case "custom":
      choice = "custom";
      break;
    default:
      choice = "other";
  }
  return { period: p, choice, fiscalYear, currentFiscalYear };
}

/** The period values of a choice, keeping the fiscal year (or the days) that is shown now. */
export function periodParamsFor(
  choice: Exclude<PeriodChoice, "other">,
  state: PeriodState,
  startMonth: number,
  now: Date = new Date(),
): Record<"period" | "from" | "to", string | undefined> {
  const none = { period: undefined, from: undefined, to: undefined };
  const fy = state.fiscalYear;
  switch (choice) {
    case "this_fy":
      return { ...none, period: fiscalYearPeriod(state.currentFiscalYear, startMonth).key };
    case "last_fy":
      return { ...none, period: fiscalYearPeriod(state.currentFiscalYear - 1, startMonth).key };
    case "h1":
    case "h2":
      return { ...none, period: fiscalHalfPeriod(fy, choice === "h1" ? 1 : 2, startMonth).key };
    case "month": {
      // This month when the fiscal year shown is this one, else the year's first month.
      const today = jstToday(now);
      const month =
        fy === state.currentFiscalYear
          ? today.slice(0, 7)
          : fiscalYearPeriod(fy, startMonth).from.slice(0, 7);
      return { ...none, period: monthPeriod(month, startMonth).key };
    }
    case "custom": {
      const p = state.period ?? fiscalYearPeriod(fy, startMonth);
      return { ...none, from: p.from, to: p.to };
    }
  }
}

/** Another fiscal year in the 年度 select: the same half when a half is shown, else the whole year. */
export function fiscalYearParams(
  fy: number,
  state: PeriodState,
  startMonth: number,
): Record<"period" | "from" | "to", string | undefined> {
  const p = state.period;
  const key =
    p?.kind === "half" ? fiscalHalfPeriod(fy, p.half, startMonth).key : fiscalYearPeriod(fy, startMonth).key;
  return { period: key, from: undefined, to: undefined };
}

/** The fiscal year whose months the trend chart shows: the one the period falls in (its first day's). */
export function trendFiscalYear(state: PeriodState): number {
  return state.fiscalYear;
}
