// Acknowledgement and resolution deadlines of a voice, counted in business days, and whether they are overdue.
import type { VoiceStatus } from "../shared/api-contract.js";
import { addBusinessDays } from "./business-days.js";
import { jstDate, jstToday } from "./jst.js";

export interface DeadlineRule {
  /** business days to acknowledge receipt to the customer; null = no deadline */
  acknowledgeDays: number | null;
  /** business days to resolve; null = no deadline */
  resolveDays: number | null;
}

/** keyed by voice type code */
export type DeadlineRules = Record<string, DeadlineRule>;

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  complaint: { acknowledgeDays: 1, resolveDays: 5 },
  request: { acknowledgeDays: null, resolveDays: 10 },
  praise: { acknowledgeDays: null, resolveDays: null },
  other: { acknowledgeDays: null, resolveDays: 10 },
};

/** Statuses in which the voice still needs work (未対応). */
export const OPEN_STATUSES: readonly VoiceStatus[] = ["received", "in_progress"];

export function isOpenStatus(status: VoiceStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Deadlines (YYYY-MM-DD, JST) counted in business days from the JST date of receipt; no rule = no deadlines. */
export function computeDeadlines(
  receivedAtIso: string,
  rule: DeadlineRule | undefined,
): { acknowledgeBy: string | null; resolveBy: string | null } {
  const received = jstDate(receivedAtIso);
  const by = (days: number | null | undefined) => (days == null ? null : addBusinessDays(received, days));
  return { acknowledgeBy: by(rule?.acknowledgeDays), resolveBy: by(rule?.resolveDays) };
}

/**
 * Overdue rule; the SQL filter `overdue=true` must mirror exactly this, with today = the JST date of `now`:
 *   resolveOverdue     = status IN ('received','in_progress') AND resolve_by IS NOT NULL AND resolve_by < today
 *   acknowledgeOverdue = status = 'received' AND acknowledge_by IS NOT NULL AND acknowledge_by < today
 *   overdue            = resolveOverdue OR acknowledgeOverdue
 * A deadline day itself is not overdue (work is due by the end of that day). Dates compare as YYYY-MM-DD text.
 */
export function overdueState(
  v: { status: VoiceStatus; acknowledgeBy: string | null; resolveBy: string | null },
  now: Date,
): { overdue: boolean; acknowledgeOverdue: boolean; resolveOverdue: boolean } {
  const today = jstToday(now);
  const resolveOverdue = isOpenStatus(v.status) && v.resolveBy !== null && today > v.resolveBy;
  const acknowledgeOverdue = v.status === "received" && v.acknowledgeBy !== null && today > v.acknowledgeBy;
  return { overdue: resolveOverdue || acknowledgeOverdue, acknowledgeOverdue, resolveOverdue };
}
