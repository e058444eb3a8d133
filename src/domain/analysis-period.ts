// Periods for counting voices: fiscal year, half (上期/下期), quarter, month or custom dates, all in JST, with the
// comparison period (前年同期), read from query strings with Japanese errors naming the field. Pure and
// browser-safe: the server, the CLI and the dashboard share one definition of every boundary.
import { parseDateTimeJa } from "../shared/japanese-date.js";
import {
  type FiscalHalf,
  type FiscalQuarter,
  fiscalHalfLabel,
  fiscalHalfOf,
  fiscalHalfRange,
  fiscalQuarterLabel,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearRange,
} from "./fiscal-period.js";
import { addCalendarDays, assertIsoDate, daysInMonth, jstDate, jstDateTimeToIso, jstToday } from "./jst.js";

export type PeriodKind = "fiscal_year" | "half" | "quarter" | "month" | "custom";
export const PERIOD_KINDS: readonly PeriodKind[] = ["fiscal_year", "half", "quarter", "month", "custom"];

interface PeriodBase {
  /** the fiscal year's start month (1–12) the period was built with; comparisons keep it */
  startMonth: number;
  /**
   * The canonical `period=` value, read back by parsePeriodQuery: fy2022, fy2022h1, fy2022q3, 2025-04, or
   * 2025-04-01..2025-06-30 for custom dates.
   */
  key: string;
  /** 2022年度, 2022年度上期, 2022年度第1四半期, 2025年4月, 2025/4/1〜2025/6/30 */
  label: string;
  /** the dates written out: 2022/6/1〜2023/5/31 */
  rangeLabel: string;
  /** first day, YYYY-MM-DD in JST */
  from: string;
  /** last day, inclusive (what the voice list's `to` filter takes) */
  to: string;
  /** the day after the last day: the period is [from, toExclusive) */
  toExclusive: string;
}

/** A span of whole JST days. Fiscal kinds and months carry the fiscal year they belong to. */
export type Period =
  | (PeriodBase & { kind: "fiscal_year"; fiscalYear: number })
  | (PeriodBase & { kind: "half"; fiscalYear: number; half: FiscalHalf })
  | (PeriodBase & { kind: "quarter"; fiscalYear: number; quarter: FiscalQuarter })
  | (PeriodBase & { kind: "month"; fiscalYear: number; month: string })
  | (PeriodBase & { kind: "custom" });

const pad2 = (n: number) => String(n).padStart(2, "0");
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** 2025-04-01 → 2025/4/1 (the way the seeds and most Japanese reports write dates) */
function slashDate(date: string): string {
  return `${Number(date.slice(0, 4))}/${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

function base(startMonth: number, key: string, label: string, from: string, toExclusive: string): PeriodBase {
  const to = addCalendarDays(toExclusive, -1);
  return {
    startMonth,
    key,
    label,
    rangeLabel: `${slashDate(from)}〜${slashDate(to)}`,
    from,
    to,
    toExclusive,
  };
}

export function fiscalYearPeriod(fiscalYear: number, startMonth: number): Period {
  const r = fiscalYearRange(fiscalYear, startMonth);
  return {
    ...base(startMonth, `fy${fiscalYear}`, fiscalYearLabel(fiscalYear), r.from, r.toExclusive),
    kind: "fiscal_year",
    fiscalYear,
  };
}

export function fiscalHalfPeriod(fiscalYear: number, half: FiscalHalf, startMonth: number): Period {
  const r = fiscalHalfRange(fiscalYear, half, startMonth);
  return {
    ...base(startMonth, `fy${fiscalYear}h${half}`, fiscalHalfLabel(fiscalYear, half), r.from, r.toExclusive),
    kind: "half",
    fiscalYear,
    half,
  };
}

export function fiscalQuarterPeriod(fiscalYear: number, quarter: FiscalQuarter, startMonth: number): Period {
  const r = fiscalQuarterRange(fiscalYear, quarter, startMonth);
  const label = fiscalQuarterLabel(fiscalYear, quarter);
  return {
    ...base(startMonth, `fy${fiscalYear}q${quarter}`, label, r.from, r.toExclusive),
    kind: "quarter",
    fiscalYear,
    quarter,
  };
}

/** A calendar month, "YYYY-MM"; it also carries the fiscal year the month belongs to. */
export function monthPeriod(month: string, startMonth: number): Period {
  const m = MONTH_RE.exec(month);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  if (!m || mo < 1 || mo > 12) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const from = `${month}-01`;
  const toExclusive = mo === 12 ? `${y + 1}-01-01` : `${y}-${pad2(mo + 1)}-01`;
  return {
    ...base(startMonth, month, `${y}年${mo}月`, from, toExclusive),
    kind: "month",
    fiscalYear: fiscalYearOf(from, startMonth),
    month,
  };
}

/** Custom dates, both inclusive (YYYY-MM-DD). */
export function customPeriod(from: string, to: string, startMonth: number): Period {
  assertIsoDate(from);
  assertIsoDate(to);
  if (from > to) throw new RangeError(`from is after to: ${from} > ${to}`);
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError(`fiscal year start month must be an integer 1-12: ${startMonth}`);
  const b = base(startMonth, `${from}..${to}`, "", from, addCalendarDays(to, 1));
  return { ...b, label: b.rangeLabel, kind: "custom" };
}

/** The period of the given kind containing t (an instant, or a JST date). */
export function periodAt(kind: Exclude<PeriodKind, "custom">, t: string | Date, startMonth: number): Period {
  switch (kind) {
    case "fiscal_year":
      return fiscalYearPeriod(fiscalYearOf(t, startMonth), startMonth);
    case "half": {
      const h = fiscalHalfOf(t, startMonth);
      return fiscalHalfPeriod(h.fiscalYear, h.half, startMonth);
    }
    case "quarter": {
      const q = fiscalQuarterOf(t, startMonth);
      return fiscalQuarterPeriod(q.fiscalYear, q.quarter, startMonth);
    }
    case "month":
      return monthPeriod(jstDate(t).slice(0, 7), startMonth);
  }
}

/** 今年度: the fiscal year containing now (JST). */
export function currentFiscalYear(now: Date, startMonth: number): Period {
  return periodAt("fiscal_year", now, startMonth);
}

/** 今期: the fiscal half (上期/下期) containing now (JST). */
export function currentFiscalHalf(now: Date, startMonth: number): Period {
  return periodAt("half", now, startMonth);
}

/** The UTC instants for SQL: received_at >= fromIso and received_at < toIsoExclusive. */
export function periodInstants(p: Period): { fromIso: string; toIsoExclusive: string } {
  return { fromIso: jstDateTimeToIso(p.from), toIsoExclusive: jstDateTimeToIso(p.toExclusive) };
}

/** Number of days in the period. */
export function periodDays(p: Period): number {
  return Math.round((Date.parse(p.toExclusive) - Date.parse(p.from)) / 86_400_000);
}

/** The months the period touches, in order, as YYYY-MM (a custom period's first and last may be partial). */
export function periodMonths(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad2(m)}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

export interface PeriodProgress {
  /** upcoming: starts after today; in_progress: today is one of its days; complete: ended before today */
  state: "upcoming" | "in_progress" | "complete";
  totalDays: number;
  /** days from the first day up to and including today (0 when upcoming, totalDays when complete) */
  elapsedDays: number;
  /** the days run so far, [from, toExclusive); null when upcoming */
  elapsed: { from: string; to: string; toExclusive: string } | null;
}

/** How far the period has run at `now` (JST): a fiscal year not yet begun is upcoming, and simply empty. */
export function periodProgress(p: Period, now: Date): PeriodProgress {
  const today = jstToday(now);
  const totalDays = periodDays(p);
  if (today < p.from) return { state: "upcoming", totalDays, elapsedDays: 0, elapsed: null };
  if (today > p.to)
    return {
      state: "complete",
      totalDays,
      elapsedDays: totalDays,
      elapsed: { from: p.from, to: p.to, toExclusive: p.toExclusive },
    };
  const toExclusive = addCalendarDays(today, 1);
  const elapsedDays = Math.round((Date.parse(toExclusive) - Date.parse(p.from)) / 86_400_000);
  return { state: "in_progress", totalDays, elapsedDays, elapsed: { from: p.from, to: today, toExclusive } };
}

/** A day one year earlier; 29 Feb becomes 28 Feb. */
function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** A last day one year earlier: the end of a month stays the end of the month (28 Feb 2025 → 29 Feb 2024). */
function lastDayYearEarlier(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (Number(date.slice(8, 10)) === daysInMonth(y, m))
    return `${y - 1}-${pad2(m)}-${pad2(daysInMonth(y - 1, m))}`;
  return yearEarlier(date);
}

/**
 * 前年同期: the same span one year earlier, of the same kind (FY2022上期 → FY2021上期, 2025年4月 → 2024年4月).
 * Custom dates move back a year; 29 Feb becomes 28 Feb and a month's last day stays its last day, so a range
 * ending 2024-02-29 compares with one ending 2023-02-28, and one ending 2025-02-28 with one ending 2024-02-29.
 *
 * With `elapsedAt`, a period still in progress at that instant compares with only the days it has run so far,
 * a year earlier (FY2025 on 14 June → 2024/4/1〜2024/6/14, as a custom period); otherwise it is ignored.
 */
export function comparePeriod(p: Period, opts: { elapsedAt?: Date } = {}): Period {
  if (opts.elapsedAt) {
    const progress = periodProgress(p, opts.elapsedAt);
    if (progress.state === "in_progress" && progress.elapsed && progress.elapsed.to < p.to)
      return customPeriod(yearEarlier(p.from), yearEarlier(progress.elapsed.to), p.startMonth);
  }
  switch (p.kind) {
    case "fiscal_year":
      return fiscalYearPeriod(p.fiscalYear - 1, p.startMonth);
    case "half":
      return fiscalHalfPeriod(p.fiscalYear - 1, p.half, p.startMonth);
    case "quarter":
      return fiscalQuarterPeriod(p.fiscalYear - 1, p.quarter, p.startMonth);
    case "month":
      return monthPeriod(`${Number(p.month.slice(0, 4)) - 1}${p.month.slice(4)}`, p.startMonth);
    case "custom":
      return customPeriod(yearEarlier(p.from), lastDayYearEarlier(p.to), p.startMonth);
  }
}

/**
 * The period just before, of the same kind (前期・前月): FY2022上期 → FY2021下期, 第1四半期 → the previous
 * year's 第4, 2025年4月 → 2025年3月; custom dates → as many days ending the day before.
 */
export function precedingPeriod(p: Period): Period {
  switch (p.kind) {
    case "fiscal_year":
      return fiscalYearPeriod(p.fiscalYear - 1, p.startMonth);
    case "half":
      return p.half === 2
        ? fiscalHalfPeriod(p.fiscalYear, 1, p.startMonth)
        : fiscalHalfPeriod(p.fiscalYear - 1, 2, p.startMonth);
    case "quarter":
      return p.quarter > 1
        ? fiscalQuarterPeriod(p.fiscalYear, (p.quarter - 1) as FiscalQuarter, p.startMonth)
        : fiscalQuarterPeriod(p.fiscalYear - 1, 4, p.startMonth);
    case "month":
      return monthPeriod(addCalendarDays(p.from, -1).slice(0, 7), p.startMonth);
    case "custom": {
      const to = addCalendarDays(p.from, -1);
      return customPeriod(addCalendarDays(to, 1 - periodDays(p)), to, p.startMonth);
    }
  }
}

/** The query string that selects the period again: {period: key}, or {from, to} for custom dates. */
export function periodQuery(p: Period): { period: string } | { from: string; to: string } {
  return p.kind === "custom" ? { from: p.from, to: p.to } : { period: p.key };
}

// ---------------------------------------------------------------- parsing

export type PeriodField = "period" | "from" | "to";
export interface PeriodQueryInput {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
export type PeriodParseResult =
  | { ok: true; period: Period }
  | { ok: false; fields: Partial<Record<PeriodField, string>> };

const FORMAT_HINT = "期間の形式が正しくありません（例: fy2022、fy2022h1、fy2022q3、2025-04、2022年度上期）";
const MIN_YEAR = 1900;
const MAX_YEAR = 2999; // the years parseDateTimeJa reads too

const FY_RE = /^(?:fy(\d{4})(?:([hq])(\d+))?|(\d{4})年度(?:(上期|上半期|下期|下半期)|第(\d+)四半期)?)$/;
const MONTH_INPUT_RE = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$/;
const RANGE_RE = /^(.+?)(?:\.\.|〜|~)(.+)$/;

type One = { ok: true; period: Period } | { ok: false; field: PeriodField; message: string };

function parsePeriodValue(raw: string, startMonth: number): One {
  const s = raw.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  const bad = (message: string): One => ({ ok: false, field: "period", message });
  const yearOk = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;
  const badYear = () => bad(`期間「${raw}」の年が正しくありません（${MIN_YEAR}〜${MAX_YEAR}）`);

  const fy = FY_RE.exec(s);
  if (fy) {
    const year = Number(fy[1] ?? fy[4]);
    if (!yearOk(year)) return badYear();
    const letter = fy[2];
    const halfWord = fy[5];
    if (letter === "h" || halfWord) {
      const half = halfWord ? (halfWord.startsWith("上") ? 1 : 2) : Number(fy[3]);
      if (half !== 1 && half !== 2)
        return bad(`期間「${raw}」の上期・下期は h1（上期）か h2（下期）で指定してください`);
      return { ok: true, period: fiscalHalfPeriod(year, half, startMonth) };
    }
    const q = letter === "q" ? Number(fy[3]) : fy[6] !== undefined ? Number(fy[6]) : null;
    if (q !== null) {
      if (q < 1 || q > 4) return bad(`期間「${raw}」の四半期は1〜4で指定してください（q1〜q4）`);
      return { ok: true, period: fiscalQuarterPeriod(year, q as FiscalQuarter, startMonth) };
    }
    return { ok: true, period: fiscalYearPeriod(year, startMonth) };
  }

  const mo = MONTH_INPUT_RE.exec(s);
  if (mo) {
    const year = Number(mo[1]);
    const month = Number(mo[2] ?? mo[3]);
    if (!yearOk(year)) return badYear();
    if (month < 1 || month > 12) return bad(`期間「${raw}」の月が正しくありません（1〜12）`);
    return { ok: true, period: monthPeriod(`${year}-${pad2(month)}`, startMonth) };
  }

  const range = RANGE_RE.exec(s);
  if (range) return parseRange(range[1] ?? "", range[2] ?? "", startMonth, "period");
  return bad(FORMAT_HINT);
}

function parseDay(raw: string, label: string): { ok: true; date: string } | { ok: false; message: string } {
  const d = parseDateTimeJa(raw);
  if (!d.ok) return { ok: false, message: `${label}：${d.message}` };
  const year = Number(d.date.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, message: `${label}の年が正しくありません（${MIN_YEAR}〜${MAX_YEAR}）` };
  return { ok: true, date: d.date };
}

/** from/to typed as people write dates; a problem in the `period=a..b` form is reported on `period`. */
function parseRange(fromRaw: string, toRaw: string, startMonth: number, field: "period" | null): One {
  const from = parseDay(fromRaw, "開始日");
  if (!from.ok) return { ok: false, field: field ?? "from", message: from.message };
  const to = parseDay(toRaw, "終了日");
  if (!to.ok) return { ok: false, field: field ?? "to", message: to.message };
  if (from.date > to.date)
    return { ok: false, field: field ?? "to", message: "終了日は開始日以降の日付にしてください" };
  return { ok: true, period: customPeriod(from.date, to.date, startMonth) };
}

/**
 * Reads a period from query-string values: `period=fy2022` (年度), `fy2022h1` / `fy2022h2` (上期/下期),
 * `fy2022q3` (四半期), `2025-04` (月), the Japanese labels (`2022年度`, `2022年度上期`, `2022年度第3四半期`,
 * `2025年4月`), or custom dates `from=2025/4/1&to=2025/6/30` (any form parseDateTimeJa reads: 令和7年4月1日,
 * R7.4.1, full-width digits …). Neither given: the current fiscal year at `now`. Errors are Japanese and keyed
 * by the field at fault, ready for invalidInput(fields).
 */
export function parsePeriodQuery(
  q: PeriodQueryInput,
  opts: { startMonth: number; now: Date },
): PeriodParseResult {
  const present = (v: string | undefined) => (v !== undefined && v.trim() !== "" ? v.trim() : undefined);
  const period = present(q.period);
  const from = present(q.from);
  const to = present(q.to);
  const fail = (field: PeriodField, message: string): PeriodParseResult => ({
    ok: false,
    fields: { [field]: message },
  });
  if (period !== undefined && (from !== undefined || to !== undefined))
    return fail("period", "期間（period）と開始日・終了日（from・to）は同時に指定できません");
  let one: One;
  if (period !== undefined) one = parsePeriodValue(period, opts.startMonth);
  else if (from !== undefined && to !== undefined) one = parseRange(from, to, opts.startMonth, null);
  else if (from !== undefined)
    return fail("to", "終了日を入力してください（期間指定には開始日と終了日が必要です）");
  else if (to !== undefined)
    return fail("from", "開始日を入力してください（期間指定には開始日と終了日が必要です）");
  else return { ok: true, period: currentFiscalYear(opts.now, opts.startMonth) };
  return one.ok ? one : fail(one.field, one.message);
}
