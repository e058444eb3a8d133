// The insurer report (保険会社・共済連への報告) as a tracked step: which voices must be reported, by when (business
// days from receipt), and when a report is overdue. An agency passes complaints about an insurer's product to
// that insurer and awaits its answer; a complaint that must be reported does not close before it is sent.
import { addBusinessDays } from "./business-days.js";
import { addCalendarDays, jstDate, jstToday } from "./jst.js";

export interface InsurerReportRule {
  /** off for organizations that report to nobody (the default) */
  enabled: boolean;
  /** voice type codes that must be reported (usually complaint) */
  typeCodes: string[];
  /** product line codes that must be reported; empty = every product line, a voice without one included */
  productLineCodes: string[];
  /** business days from the JST date of receipt to report by */
  days: number;
}

export const DEFAULT_INSURER_REPORT_RULE: InsurerReportRule = {
  enabled: false,
  typeCodes: ["complaint"],
  productLineCodes: [],
  days: 3,
};

export const INSURER_REPORT_MAX_DAYS = 30;

export interface ReportableVoice {
  typeCode: string;
  productLineCode: string | null;
  status: string;
  receivedAt: string;
  reportedAt: string | null;
}

export const INSURER_REPORT_MESSAGES = {
  closeBeforeReport:
    "この苦情は保険会社への報告が必要です。報告日（保険会社への報告）を記録してから完了してください",
} as const;

/** Whether the rule asks for this voice to be reported (a voided voice never needs it). */
export function mustReport(v: Omit<ReportableVoice, "reportedAt" | "receivedAt">, rule: InsurerReportRule) {
  if (!rule.enabled || v.status === "voided") return false;
  if (!rule.typeCodes.includes(v.typeCode)) return false;
  if (rule.productLineCodes.length === 0) return true;
  return v.productLineCode !== null && rule.productLineCodes.includes(v.productLineCode);
}

/** The date (YYYY-MM-DD, JST) the report is due, or null when it need not be reported. */
export function reportDueDate(v: ReportableVoice, rule: InsurerReportRule): string | null {
  return mustReport(v, rule) ? addBusinessDays(jstDate(v.receivedAt), rule.days) : null;
}

/** Must be reported and is not yet: closing (approve or close) waits for the report. */
export function reportPending(v: ReportableVoice, rule: InsurerReportRule): boolean {
  return mustReport(v, rule) && v.reportedAt === null;
}

/** Not reported and past its due date (the due date itself is not overdue, like the voice's deadlines). */
export function reportOverdue(v: ReportableVoice, rule: InsurerReportRule, now: Date): boolean {
  const due = reportDueDate(v, rule);
  return due !== null && v.reportedAt === null && jstToday(now) > due;
}

/**
 * The last JST receipt date whose report would be overdue today: the database pre-filters on it (a report is
 * due `days` business days after receipt, so voices received after it cannot be late yet).
 */
export function lastOverdueReceiptDate(rule: InsurerReportRule, now: Date): string {
  const today = jstToday(now);
  let d = today;
  // addBusinessDays is non-decreasing in its date, so step back until the due date falls before today.
  for (let i = 0; i < 400 && addBusinessDays(d, rule.days) >= today; i++) {
    d = addCalendarDays(d, -1);
  }
  return d;
}
