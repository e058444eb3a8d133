// Dates and times as people in Japan write them (西暦, 和暦, full-width digits), read and shown in JST.
// Browser-safe: no Node modules, fixed UTC+9 (Japan has no DST).

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const FORMAT_HINT = "日付の形式が正しくありません（例: 2025/4/1、令和7年4月1日）";

interface Era {
  name: string;
  letter: string;
  /** first day, YYYY-MM-DD */
  start: string;
  /** last day, YYYY-MM-DD; null for the current era */
  end: string | null;
}

/** Newest first. */
const ERAS: readonly Era[] = [
  { name: "令和", letter: "R", start: "2019-05-01", end: null },
  { name: "平成", letter: "H", start: "1989-01-08", end: "2019-04-30" },
  { name: "昭和", letter: "S", start: "1926-12-25", end: "1989-01-07" },
  { name: "大正", letter: "T", start: "1912-07-30", end: "1926-12-24" },
];

export type ParsedDateTime =
  | { ok: true; iso: string; date: string; hasTime: boolean }
  | { ok: false; message: string };

/**
 * The years any date typed into koe may have. Outside them a date is a typo (0025/6/1 for 2025/6/1, 0999 for 1999),
 * and JavaScript and the databases disagree about it (Date.UTC reads year 25 as 1925).
 */
export const PARSE_YEARS = { from: 1900, to: 2999 } as const;

/**
 * The earliest date a voice can carry (received, reported to the insurer): voices are handled work of this
 * era, and nothing before 1990 belongs to a fiscal year koe reports on. The latest is tomorrow (JST), one day
 * of leeway for clocks and time zones.
 */
export const EARLIEST_VOICE_DATE = "1990-01-01";

const pad2 = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;

function dateExists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const TIME = String.raw`(?:(\d{1,2}):(\d{2})(?::(\d{2}))?|(\d{1,2})時(?:(\d{1,2})分(?:(\d{1,2})秒)?)?)`;
// A time needs a space or T before it, except right after 日 or a weekday's ")" (2025年4月1日10時).
const TIME_TAIL = String.raw`(?:(?:\s+|T|(?<=[日)]))${TIME})?`;
const WEEKDAY = String.raw`(?:\s*\([月火水木金土日](?:曜日?)?\))?`;

// Each pattern yields year (or era + era year), month, day, then the six time groups.
const WESTERN_NUMERIC = new RegExp(String.raw`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})${WEEKDAY}${TIME_TAIL}$`);
const WESTERN_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const WESTERN_KANJI = new RegExp(
  String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日${WEEKDAY}${TIME_TAIL}$`,
);
const WAREKI = new RegExp(
  String.raw`^(令和|平成|昭和|大正|[RHST])\s*(元|\d{1,2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[/.-](\d{1,2})[/.-](\d{1,2}))${WEEKDAY}${TIME_TAIL}$`,
  "i",
);
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseTime(
  g: ReadonlyArray<string | undefined>,
  raw: string,
): { ok: true; time: [number, number, number] | null } | { ok: false; message: string } {
  const [h1, m1, s1, h2, m2, s2] = g;
  const h = h1 ?? h2;
  if (h === undefined) return { ok: true, time: null };
  const hh = Number(h);
  const mm = Number(m1 ?? m2 ?? "0");
  const ss = Number(s1 ?? s2 ?? "0");
  if (hh > 23 || mm > 59 || ss > 59)
    return { ok: false, message: `「${raw}」の時刻は存在しません（0:00〜23:59）` };
  return { ok: true, time: [hh, mm, ss] };
}

function build(y: number, m: number, d: number, time: [number, number, number] | null): ParsedDateTime {
  const [hh, mm, ss] = time ?? [0, 0, 0];
  // setUTCFullYear, not Date.UTC(y, …): Date.UTC reads years 0–99 as 1900–1999.
  const utc = new Date(Date.UTC(2000, m - 1, d, hh, mm, ss));
  utc.setUTCFullYear(y, m - 1, d);
  const iso = new Date(utc.getTime() - JST_OFFSET_MS).toISOString();
  return { ok: true, iso, date: ymd(y, m, d), hasTime: time !== null };
}

function outOfYears(raw: string, y: number): ParsedDateTime | null {
  if (y >= PARSE_YEARS.from && y <= PARSE_YEARS.to) return null;
  return {
    ok: false,
    message: `「${raw}」は扱えない日付です（${PARSE_YEARS.from}年〜${PARSE_YEARS.to}年の日付を、西暦は4桁で入力してください）`,
  };
}

function findEra(token: string): Era | undefined {
  const t = token.toUpperCase();
  return ERAS.find((e) => e.name === token || e.letter === t);
}

/**
 * Reads a date or date-time typed by a person: 2025/4/1, 2025-04-01 10:30, 2025年4月1日 10時30分, 令和7年4月1日,
 * 令和元年5月1日, R7.4.1, H31/4/30, 20250401, full-width digits, or ISO 8601 with Z or an offset.
 * Without an explicit offset the time is JST wall clock; without a time it is midnight JST.
 */
export function parseDateTimeJa(input: string): ParsedDateTime {
  const raw = input.trim();
  if (raw === "") return { ok: false, message: "日付を入力してください" };
  // NFKC: full-width digits, ／, ：, （） and ㋿ / ㍻ become their plain forms.
  const s = raw.normalize("NFKC").replace(/\s+/g, " ");

  const iso = ISO_WITH_ZONE.exec(s);
  if (iso) {
    const n = (i: number) => Number(iso[i] ?? "0");
    const [y, m, d, hh, mi, ss] = [n(1), n(2), n(3), n(4), n(5), n(6)];
    if (!dateExists(y, m, d)) return { ok: false, message: `「${raw}」は存在しない日付です` };
    const outside = outOfYears(raw, y);
    if (outside) return outside;
    if (hh > 23 || mi > 59 || ss > 59)
      return { ok: false, message: `「${raw}」の時刻は存在しません（0:00〜23:59）` };
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return { ok: false, message: FORMAT_HINT };
    const at = new Date(ms);
    return { ok: true, iso: at.toISOString(), date: jstDateOf(at), hasTime: true };
  }

  let y: number;
  let m: number;
  let d: number;
  let timeGroups: ReadonlyArray<string | undefined> = [];
  let era: Era | undefined;

  const western = WESTERN_NUMERIC.exec(s) ?? WESTERN_KANJI.exec(s) ?? WESTERN_COMPACT.exec(s);
  const wareki = western ? null : WAREKI.exec(s);
  if (western) {
    y = Number(western[1]);
    m = Number(western[2]);
    d = Number(western[3]);
    timeGroups = western.slice(4, 10);
  } else if (wareki) {
    era = findEra(wareki[1] ?? "");
    if (!era) return { ok: false, message: FORMAT_HINT };
    const eraYear = wareki[2] === "元" ? 1 : Number(wareki[2]);
    if (eraYear < 1)
      return { ok: false, message: `「${raw}」は存在しない日付です（和暦の年は元年または1年から）` };
    y = Number(era.start.slice(0, 4)) + eraYear - 1;
    m = Number(wareki[3] ?? wareki[5]);
    d = Number(wareki[4] ?? wareki[6]);
    timeGroups = wareki.slice(7, 13);
  } else {
    return { ok: false, message: FORMAT_HINT };
  }

  if (!dateExists(y, m, d)) return { ok: false, message: `「${raw}」は存在しない日付です` };
  const outside = outOfYears(raw, y);
  if (outside) return outside;
  if (era) {
    const date = ymd(y, m, d);
    if (date < era.start || (era.end !== null && date > era.end)) {
      const span = `${formatJaLong(era.start)}${era.end ? `〜${formatJaLong(era.end)}` : "から"}`;
      return { ok: false, message: `「${raw}」は存在しない日付です（${era.name}は${span}）` };
    }
  }
  const time = parseTime(timeGroups, raw);
  if (!time.ok) return time;
  return build(y, m, d, time.time);
}

/**
 * Whether a parsed date (its JST date) lies within a voice's possible dates, EARLIEST_VOICE_DATE to tomorrow:
 * null when it does, otherwise a Japanese message naming the field (`label`, e.g. 受付日時).
 */
export function voiceDateProblem(date: string, label: string, now: Date = new Date()): string | null {
  if (date < EARLIEST_VOICE_DATE)
    return `${label}は${formatJaLong(EARLIEST_VOICE_DATE)}以降の日付を入力してください`;
  const tomorrow = jstDateOf(new Date(now.getTime() + 24 * 60 * 60 * 1000));
  if (date > tomorrow) return `${label}は明日（${formatJaLong(tomorrow)}）までの日付を入力してください`;
  return null;
}

function formatJaLong(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function jstDateOf(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

function toInstant(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** "2025/04/01 10:30" in JST; the input unchanged when it is not a date-time (display must not crash). */
export function formatDateTimeJa(iso: string): string {
  const at = toInstant(iso);
  if (!at) return iso;
  const j = new Date(at.getTime() + JST_OFFSET_MS).toISOString();
  return `${j.slice(0, 10).replaceAll("-", "/")} ${j.slice(11, 16)}`;
}

/** "2025/04/01" from a YYYY-MM-DD date or an ISO instant (its JST date); the input unchanged when unreadable. */
export function formatDateJa(isoOrDate: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) return isoOrDate.replaceAll("-", "/");
  const at = toInstant(isoOrDate);
  return at ? jstDateOf(at).replaceAll("-", "/") : isoOrDate;
}

/** "令和7年4月1日" (year 1 as 元年) from a YYYY-MM-DD date or an ISO instant; before 大正 in 西暦. */
export function formatWareki(date: string): string {
  let d = date;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const at = toInstant(date);
    if (!at) return date;
    d = jstDateOf(at);
  }
  const era = ERAS.find((e) => d >= e.start);
  const [y, m, day] = [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
  if (!era) return `${y}年${m}月${day}日`;
  const eraYear = y - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${eraYear === 1 ? "元" : eraYear}年${m}月${day}日`;
}
