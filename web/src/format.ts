// Date display and input helpers for the screens, on top of the shared Japanese date utilities.
import { formatDateJa, formatDateTimeJa } from "../../src/shared/japanese-date.js";

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "－";
  return formatDateTimeJa(iso);
}

export function formatDate(date: string | null | undefined): string {
  if (!date) return "－";
  return formatDateJa(date);
}

/** Now as staff type it, in JST ("2025/04/01 10:30"): the default of 受付日時. */
export function nowForInput(now: Date = new Date()): string {
  return formatDateTimeJa(now.toISOString());
}

/** A saved timestamp shown in the same typed form, for the edit form. */
export function isoToInput(iso: string): string {
  return formatDateTimeJa(iso);
}

export function formatCount(n: number): string {
  return n.toLocaleString("ja-JP");
}
