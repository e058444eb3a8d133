import { describe, expect, it } from "vitest";
import { addBusinessDays } from "./business-days.js";
import {
  DEFAULT_INSURER_REPORT_RULE,
  type InsurerReportRule,
  lastOverdueReceiptDate,
  mustReport,
  reportDueDate,
  reportOverdue,
  reportPending,
} from "./insurer-report.js";
import { addCalendarDays } from "./jst.js";

const rule: InsurerReportRule = {
  enabled: true,
  typeCodes: ["complaint"],
  productLineCodes: ["auto"],
  days: 3,
};
// Friday 2026-12-25 10:00 JST; the year-end break (12/29–1/3) and the weekend are not business days.
const voice = {
  typeCode: "complaint",
  productLineCode: "auto",
  status: "in_progress",
  receivedAt: "2026-12-25T01:00:00.000Z",
  reportedAt: null,
};

describe("insurer report rule", () => {
  it("asks only for the configured types and product lines, never when off or voided", () => {
    expect(mustReport(voice, rule)).toBe(true);
    expect(mustReport({ ...voice, productLineCode: "fire" }, rule)).toBe(false);
    expect(mustReport({ ...voice, productLineCode: null }, rule)).toBe(false);
    expect(mustReport({ ...voice, productLineCode: null }, { ...rule, productLineCodes: [] })).toBe(true);
    expect(mustReport({ ...voice, typeCode: "request" }, rule)).toBe(false);
    expect(mustReport({ ...voice, status: "voided" }, rule)).toBe(false);
    expect(mustReport(voice, DEFAULT_INSURER_REPORT_RULE)).toBe(false);
  });

  it("is due in business days: 12/25 + 3: Monday 12/28, then the year-end break, 1/4, 1/5", () => {
    expect(reportDueDate(voice, rule)).toBe("2027-01-05");
  });

  it("is pending until reported, overdue only after the due date", () => {
    expect(reportPending(voice, rule)).toBe(true);
    expect(reportPending({ ...voice, reportedAt: "2026-12-26T00:00:00.000Z" }, rule)).toBe(false);
    expect(reportOverdue(voice, rule, new Date("2027-01-05T14:00:00.000Z"))).toBe(false); // 23:00 JST on the due day
    expect(reportOverdue(voice, rule, new Date("2027-01-05T15:00:00.000Z"))).toBe(true); // 0:00 JST the day after
  });

  it("lastOverdueReceiptDate is the last receipt date whose report is late today", () => {
    const now = new Date("2027-01-07T03:00:00.000Z");
    const last = lastOverdueReceiptDate(rule, now);
    expect(addBusinessDays(last, 3) < "2027-01-07").toBe(true);
    expect(addBusinessDays(addCalendarDays(last, 1), 3) >= "2027-01-07").toBe(true);
  });
});
