// Business days for deadlines: weekdays that are not Japanese public holidays nor the year-end break (12/29–1/3).
import holiday_jp from "@holiday-jp/holiday_jp";
import { addCalendarDays, assertIsoDate, weekdayOf } from "./jst.js";

// Keys are YYYY-MM-DD and include substitute (振替休日) and citizens' holidays; a Set avoids the
// library's linear isHoliday lookup.
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holiday_jp.holidays));

export function isPublicHoliday(date: string): boolean {
  assertIsoDate(date);
  return HOLIDAYS.has(date);
}

/** The year-end closing most Japanese co-ops and insurers observe (年末年始休業). */
export function isYearEndBreak(date: string): boolean {
  assertIsoDate(date);
  const md = date.slice(5);
  return md >= "12-29" || md <= "01-03";
}

export function isBusinessDay(date: string): boolean {
  const wd = weekdayOf(date);
  if (wd === 0 || wd === 6) return false;
  return !HOLIDAYS.has(date) && !isYearEndBreak(date);
}

/** The first business day strictly after date. */
export function nextBusinessDay(date: string): string {
  let d = addCalendarDays(date, 1);
  while (!isBusinessDay(d)) d = addCalendarDays(d, 1);
  return d;
}

/**
 * The date `days` business days after `date`: each step moves to the next business day, so a voice received
 * on a Saturday with 1 day is due on Monday. With days = 0: date itself if it is a business day, else the next.
 */
export function addBusinessDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a non-negative integer: ${days}`);
  if (days === 0) return isBusinessDay(date) ? date : nextBusinessDay(date);
  let d = date;
  for (let i = 0; i < days; i++) d = nextBusinessDay(d);
  return d;
}

/** Business days in (from, to]: how many business days have passed from `from` until `to`. */
export function businessDaysBetween(from: string, to: string): number {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to <= from) return 0;
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isBusinessDay(d)) n++;
  return n;
}
