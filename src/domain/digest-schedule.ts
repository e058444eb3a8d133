// When the weekly 声の日 digest is due: a weekday and hour in JST. The scheduler sends the latest scheduled week
// that has not gone out yet; after downtime that one digest covers every missed week (catchUpPeriod), so a
// server that was down at the hour catches up when it starts again without sending a pile of digests.
import { addCalendarDays, jstDate, jstDateTimeToIso, weekdayOf } from "./jst.js";

export interface DigestSchedule {
  enabled: boolean;
  /** 0 = Sunday … 6 = Saturday (JST) */
  weekday: number;
  /** 0–23, JST */
  hour: number;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { enabled: false, weekday: 1, hour: 8 };

export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"] as const;

export interface DigestWeek {
  /** JST date of the scheduled send: the key of the week's digest */
  weekOf: string;
  /** the instant of the scheduled send (ISO, UTC) */
  sendAt: string;
  /** the period the digest covers: the seven days before the send, [from, to) as ISO instants */
  from: string;
  to: string;
}

function weekAt(date: string, hour: number): DigestWeek {
  const sendAt = jstDateTimeToIso(date, `${String(hour).padStart(2, "0")}:00`);
  return {
    weekOf: date,
    sendAt,
    from: new Date(Date.parse(sendAt) - 7 * 86_400_000).toISOString(),
    to: sendAt,
  };
}

/** The latest scheduled send at or before now. */
export function latestDigestWeek(schedule: DigestSchedule, now: Date): DigestWeek {
  const today = jstDate(now);
  const back = (weekdayOf(today) - schedule.weekday + 7) % 7;
  const candidate = weekAt(addCalendarDays(today, -back), schedule.hour);
  return Date.parse(candidate.sendAt) <= now.getTime()
    ? candidate
    : weekAt(addCalendarDays(candidate.weekOf, -7), schedule.hour);
}

/** The longest span one catch-up digest covers; older voices are in the voice list, not in a weekly digest. */
export const DIGEST_CATCH_UP_MAX_WEEKS = 8;

/** The scheduled send of the week keyed by `weekOf` at `hour` (JST), as an ISO instant. */
export function scheduledSendAt(weekOf: string, hour: number): string {
  return weekAt(weekOf, hour).sendAt;
}

export interface DigestPeriodCovered {
  /** [from, to) as ISO instants */
  from: string;
  to: string;
  /** how many weekly periods it covers (1 normally; more after downtime) */
  weeks: number;
}

/**
 * The period a department's digest for `week` covers, given where its previous digest ended. Normally the week
 * itself. After downtime, one digest from the end of the previous one (at most DIGEST_CATCH_UP_MAX_WEEKS back):
 * the "open complaints" and "overdue" sections describe the present, so separate digests per missed week would
 * repeat them word for word, while the new voices and thanks of the missed weeks would be lost with the latest
 * week only. A first digest (no previous one) covers its week only.
 */
export function catchUpPeriod(week: DigestWeek, previousTo: string | null): DigestPeriodCovered {
  const to = Date.parse(week.to);
  const weekFrom = Date.parse(week.from);
  const prev = previousTo === null ? Number.NaN : Date.parse(previousTo);
  if (Number.isNaN(prev) || prev >= to) return { from: week.from, to: week.to, weeks: 1 };
  // a schedule moved to a later weekday: start where the last digest ended, so no voice is listed twice
  if (prev >= weekFrom) return { from: new Date(prev).toISOString(), to: week.to, weeks: 1 };
  const from = Math.max(prev, to - DIGEST_CATCH_UP_MAX_WEEKS * 7 * 86_400_000);
  return {
    from: new Date(from).toISOString(),
    to: week.to,
    weeks: Math.ceil((to - from) / (7 * 86_400_000)),
  };
}
