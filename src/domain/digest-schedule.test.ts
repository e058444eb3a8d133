import { describe, expect, it } from "vitest";
import { latestDigestWeek } from "./digest-schedule.js";

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
