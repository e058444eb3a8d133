// 回覧 (circulation): when a recipient who has not confirmed reading gets the one reminder.
import { addBusinessDays } from "./business-days.js";
import { jstDate, jstToday } from "./jst.js";

export const REMIND_AFTER_MAX_DAYS = 30;

/** A reminder is due from the N-th business day after the circulation was sent (JST dates). */
export function reminderDue(sentAt: string, remindAfterDays: number | null, now: Date): boolean {
  if (remindAfterDays === null) return false;
  return jstToday(now) >= addBusinessDays(jstDate(sentAt), remindAfterDays);
}

/** The earliest sending time whose reminder could be due now (a cheap pre-filter for the database). */
export function latestSentAtForReminder(remindAfterDays: number, now: Date): string {
  // business days are at least calendar days, so a circulation younger than N calendar days is never due
  return new Date(now.getTime() - remindAfterDays * 86_400_000 + 86_400_000).toISOString();
}
