/**
 * When a session ends: after a while unused (idle) and, used or not, some hours after login (absolute). Both are
 * organisation settings (設定 → 年度・期限・ログイン); the defaults follow common practice for staff systems
 * holding personal data. Read per request, so a change applies to open sessions at once, in every process.
 */
import type { Db } from "../../db/database.js";

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMinutes: 30, absoluteHours: 12 };
export const SESSION_IDLE_MINUTES = { min: 5, max: 24 * 60 } as const;
export const SESSION_ABSOLUTE_HOURS = { min: 1, max: 7 * 24 } as const;

/** The settings' keys of the two timeouts. */
export const SESSION_TIMEOUT_KEYS = {
  idleMinutes: "sessionIdleMinutes",
  absoluteHours: "sessionAbsoluteHours",
} as const;
const KEYS = SESSION_TIMEOUT_KEYS;
export const SESSION_SETTING_KEYS = Object.values(KEYS);

export function timeoutsFrom(read: (key: string) => unknown): SessionTimeouts {
  const idle = read(KEYS.idleMinutes);
  const absolute = read(KEYS.absoluteHours);
  return {
    idleMinutes: typeof idle === "number" ? idle : DEFAULT_SESSION_TIMEOUTS.idleMinutes,
    absoluteHours: typeof absolute === "number" ? absolute : DEFAULT_SESSION_TIMEOUTS.absoluteHours,
  };
}

export async function sessionTimeouts(db: Db): Promise<SessionTimeouts> {
  const rows = await db
    .selectFrom("settings")
    .select(["key", "value"])
    .where("key", "in", SESSION_SETTING_KEYS)
    .execute();
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return timeoutsFrom((key) => map.get(key));
}

/** Whether a session begun at `createdAt` and last used at `lastSeenAt` is still open at `now` (milliseconds). */
export function sessionOpen(
  t: SessionTimeouts,
  s: { createdAt: number; lastSeenAt: number },
  now: number,
): boolean {
  return now < s.createdAt + t.absoluteHours * 3_600_000 && now < s.lastSeenAt + t.idleMinutes * 60_000;
}

/** The problem with a pair of timeouts, by settings field, in Japanese; empty when they can be stored. */
export function timeoutProblems(
  t: { idleMinutes?: number | undefined; absoluteHours?: number | undefined },
  current: SessionTimeouts,
): Record<string, string> {
  const fields: Record<string, string> = {};
  const { min: iMin, max: iMax } = SESSION_IDLE_MINUTES;
  const { min: aMin, max: aMax } = SESSION_ABSOLUTE_HOURS;
  if (
    t.idleMinutes !== undefined &&
    !(Number.isInteger(t.idleMinutes) && t.idleMinutes >= iMin && t.idleMinutes <= iMax)
  )
    fields.sessionIdleMinutes = `操作がないときのログアウトは${iMin}〜${iMax}分の整数で指定してください`;
  if (
    t.absoluteHours !== undefined &&
    !(Number.isInteger(t.absoluteHours) && t.absoluteHours >= aMin && t.absoluteHours <= aMax)
  )
    fields.sessionAbsoluteHours = `ログインの有効時間は${aMin}〜${aMax}時間の整数で指定してください`;
  if (Object.keys(fields).length === 0) {
    const idle = t.idleMinutes ?? current.idleMinutes;
    const absolute = t.absoluteHours ?? current.absoluteHours;
    if (idle > absolute * 60)
      fields.sessionIdleMinutes = "操作がないときのログアウトは、ログインの有効時間より短くしてください";
  }
  return fields;
}
