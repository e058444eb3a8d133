import { describe, expect, it } from "vitest";
import {
  catchUpPeriod,
  DIGEST_CATCH_UP_MAX_WEEKS,
  latestDigestWeek,
  scheduledSendAt,
} from "./digest-schedule.js";

const monday8 = { enabled: true, weekday: 1, hour: 8 };

describe("latestDigestWeek", () => {
  it("is this week's slot once its hour has come (JST), else last week's", () => {
    // Monday 2026-11-30 08:00 JST = 2026-11-29T23:00Z
    expect(latestDigestWeek(monday8, new Date("2026-11-29T23:00:00.000Z"))).toEqual({
      weekOf: "2026-11-30",
      sendAt: "2026-11-29T23:00:00.000Z",
      from: "2026-11-22T23:00:00.000Z",
      to: "2026-11-29T23:00:00.000Z",
    });
    expect(latestDigestWeek(monday8, new Date("2026-11-29T22:59:59.000Z")).weekOf).toBe("2026-11-23");
  });
  it("after days of downtime it is still the latest slot, not every missed one", () => {
    expect(latestDigestWeek(monday8, new Date("2026-12-04T09:00:00.000Z")).weekOf).toBe("2026-11-30");
    expect(
      latestDigestWeek({ ...monday8, weekday: 0, hour: 0 }, new Date("2026-12-05T15:00:00.000Z")).weekOf,
    ).toBe("2026-12-06");
  });
});

describe("catchUpPeriod", () => {
  const week = latestDigestWeek(monday8, new Date("2026-12-22T01:00:00.000Z")); // Monday 12/21 08:00 JST
  it("is the week itself when the previous digest ended where this week starts, or there was none", () => {
    expect(catchUpPeriod(week, scheduledSendAt("2026-12-14", 8))).toEqual({
      from: week.from,
      to: week.to,
      weeks: 1,
    });
    expect(catchUpPeriod(week, null)).toEqual({ from: week.from, to: week.to, weeks: 1 });
  });
  it("after three missed weeks, covers them all in one digest from the end of the last one", () => {
    expect(catchUpPeriod(week, scheduledSendAt("2026-11-30", 8))).toEqual({
      from: "2026-11-29T23:00:00.000Z",
      to: "2026-12-20T23:00:00.000Z",
      weeks: 3,
    });
  });
  it("goes back at most the cap, and never lists a voice twice when the schedule moved", () => {
    const longAgo = catchUpPeriod(week, "2025-01-01T00:00:00.000Z");
    expect(longAgo.weeks).toBe(DIGEST_CATCH_UP_MAX_WEEKS);
    expect(Date.parse(longAgo.to) - Date.parse(longAgo.from)).toBe(
      DIGEST_CATCH_UP_MAX_WEEKS * 7 * 86_400_000,
    );
    const moved = catchUpPeriod(week, "2026-12-16T23:00:00.000Z"); // last digest on a Thursday
    expect(moved).toEqual({ from: "2026-12-16T23:00:00.000Z", to: week.to, weeks: 1 });
  });
});
