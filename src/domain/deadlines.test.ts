import { describe, expect, it } from "vitest";
import { computeDeadlines, DEFAULT_DEADLINE_RULES, OPEN_STATUSES, overdueState } from "./deadlines.js";

const R = DEFAULT_DEADLINE_RULES;
const jst = (date: string, time = "10:00") => `${date}T${time}:00+09:00`;

describe("DEFAULT_DEADLINE_RULES", () => {
  it("matches the agreed defaults", () => {
    expect(R).toEqual({
      complaint: { acknowledgeDays: 1, resolveDays: 5 },
      request: { acknowledgeDays: null, resolveDays: 10 },
      praise: { acknowledgeDays: null, resolveDays: null },
      other: { acknowledgeDays: null, resolveDays: 10 },
    });
    expect(OPEN_STATUSES).toEqual(["received", "in_progress"]);
  });
});

describe("computeDeadlines", () => {
  it("ordinary week", () => {
    expect(computeDeadlines(jst("2025-06-02"), R.complaint)).toEqual({
      acknowledgeBy: "2025-06-03",
      resolveBy: "2025-06-09",
    });
  });
  it("over a weekend", () => {
    // Fri 2025-06-06: Sat/Sun skipped
    expect(computeDeadlines(jst("2025-06-06"), R.complaint)).toEqual({
      acknowledgeBy: "2025-06-09",
      resolveBy: "2025-06-13",
    });
    // received on a Saturday
    expect(computeDeadlines(jst("2025-06-07"), R.complaint)).toEqual({
      acknowledgeBy: "2025-06-09",
      resolveBy: "2025-06-13",
    });
  });
  it("across Golden Week 2025 (4/29, 5/3–5/6)", () => {
    expect(computeDeadlines(jst("2025-04-28"), R.complaint)).toEqual({
      acknowledgeBy: "2025-04-30",
      resolveBy: "2025-05-08",
    });
    expect(computeDeadlines(jst("2025-05-02"), R.complaint)).toEqual({
      acknowledgeBy: "2025-05-07",
      resolveBy: "2025-05-13",
    });
    expect(computeDeadlines(jst("2025-05-02"), R.request)).toEqual({
      acknowledgeBy: null,
      resolveBy: "2025-05-20",
    });
  });
  it("across the year-end break (12/29–1/3)", () => {
    expect(computeDeadlines(jst("2025-12-26"), R.complaint)).toEqual({
      acknowledgeBy: "2026-01-05",
      resolveBy: "2026-01-09",
    });
    // 10 business days also skips 成人の日 2026-01-12
    expect(computeDeadlines(jst("2025-12-26"), R.other)).toEqual({
      acknowledgeBy: null,
      resolveBy: "2026-01-19",
    });
  });
  it("over a substitute holiday (2025-02-24 for 天皇誕生日 on Sunday)", () => {
    expect(computeDeadlines(jst("2025-02-21"), R.complaint)).toEqual({
      acknowledgeBy: "2025-02-25",
      resolveBy: "2025-03-03",
    });
  });
  it("counts from the JST date, not the UTC date", () => {
    // 2025-05-01T16:00Z is 5/2 01:00 in Tokyo
    expect(computeDeadlines("2025-05-01T16:00:00Z", R.complaint).acknowledgeBy).toBe("2025-05-07");
    expect(computeDeadlines("2025-05-01T14:00:00Z", R.complaint).acknowledgeBy).toBe("2025-05-02");
  });
  it("no rule or null days → no deadline", () => {
    expect(computeDeadlines(jst("2025-06-02"), undefined)).toEqual({ acknowledgeBy: null, resolveBy: null });
    expect(computeDeadlines(jst("2025-06-02"), R.praise)).toEqual({ acknowledgeBy: null, resolveBy: null });
  });
  it("0 days on a business day is that day", () => {
    expect(computeDeadlines(jst("2025-06-02"), { acknowledgeDays: 0, resolveDays: 0 })).toEqual({
      acknowledgeBy: "2025-06-02",
      resolveBy: "2025-06-02",
    });
  });
});

describe("overdueState", () => {
  const deadlines = { acknowledgeBy: "2025-06-03", resolveBy: "2025-06-09" };
  const at = (date: string, time = "12:00") => new Date(jst(date, time));
  const none = { overdue: false, acknowledgeOverdue: false, resolveOverdue: false };

  it("the deadline day itself is not overdue", () => {
    expect(overdueState({ status: "received", ...deadlines }, at("2025-06-03", "23:59"))).toEqual(none);
  });
  it("acknowledge overdue only while received", () => {
    expect(overdueState({ status: "received", ...deadlines }, at("2025-06-04", "00:00"))).toEqual({
      overdue: true,
      acknowledgeOverdue: true,
      resolveOverdue: false,
    });
    expect(overdueState({ status: "in_progress", ...deadlines }, at("2025-06-04"))).toEqual(none);
  });
  it("resolve overdue while received or in progress", () => {
    expect(overdueState({ status: "in_progress", ...deadlines }, at("2025-06-10"))).toEqual({
      overdue: true,
      acknowledgeOverdue: false,
      resolveOverdue: true,
    });
    expect(overdueState({ status: "received", ...deadlines }, at("2025-06-10"))).toEqual({
      overdue: true,
      acknowledgeOverdue: true,
      resolveOverdue: true,
    });
  });
  it("never overdue once resolved, closed or voided", () => {
    for (const status of ["resolved", "closed", "voided"] as const) {
      expect(overdueState({ status, ...deadlines }, at("2026-01-01"))).toEqual(none);
    }
  });
  it("no deadline, never overdue", () => {
    expect(
      overdueState({ status: "received", acknowledgeBy: null, resolveBy: null }, at("2030-01-01")),
    ).toEqual(none);
  });
  it("uses the JST date of now", () => {
    // 2025-06-09T15:30Z is already 6/10 in Tokyo
    expect(
      overdueState({ status: "in_progress", ...deadlines }, new Date("2025-06-09T15:30:00Z")).overdue,
    ).toBe(true);
    expect(
      overdueState({ status: "in_progress", ...deadlines }, new Date("2025-06-09T14:30:00Z")).overdue,
    ).toBe(false);
  });
});
