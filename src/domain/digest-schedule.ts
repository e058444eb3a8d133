// When the weekly 声の日 digest is due: a weekday and hour in JST. The scheduler sends the latest scheduled week
// that has not gone out yet, so a server that was down at the hour catches up when it starts again.
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
