// Calendar dates and wall-clock times in Japan Standard Time (fixed UTC+9: Japan has no DST).

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** true when s is a real calendar date written YYYY-MM-DD */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Throws RangeError unless s is a real YYYY-MM-DD date. */
export function assertIsoDate(s: string): void {
  if (!isIsoDate(s)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
}

/** The JST calendar date (YYYY-MM-DD) of an instant; a bare YYYY-MM-DD string is returned as is. */
export function jstDate(t: string | Date): string {
  if (typeof t === "string" && DATE_RE.test(t)) {
    assertIsoDate(t);
    return t;
  }
  const ms = typeof t === "string" ? Date.parse(t) : t.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid date: ${String(t)}`);
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Japan. */
export function jstToday(now: Date = new Date()): string {
  return jstDate(now);
}

/** A JST wall-clock date and time ("HH:MM" or "HH:MM:SS", default midnight) as an ISO 8601 UTC string. */
export function jstDateTimeToIso(date: string, time = "00:00"): string {
  assertIsoDate(date);
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a HH:MM time: ${time}`);
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? "0");
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`not a valid time: ${time}`);
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - JST_OFFSET_MS).toISOString();
}

/** date plus n calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  assertIsoDate(date);
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  assertIsoDate(date);
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}
