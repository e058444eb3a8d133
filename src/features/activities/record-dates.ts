/** Activity records are facts that happened: a date after today is refused, naming the field. */
import { invalidInput } from "../../errors.js";

export function assertNotFuture(
  date: string | null | undefined,
  today: string,
  field: string,
  label: string,
): void {
  if (date && date > today)
    throw invalidInput({ [field]: `${label}に未来の日付（${date}）は入力できません` });
}

/** A month (YYYY-MM) after the current one has no figures yet. */
export function assertMonthNotFuture(month: string, today: string, field: string): void {
  if (month > today.slice(0, 7))
    throw invalidInput({ [field]: `まだ来ていない月（${month}）の実績は入力できません` });
}
