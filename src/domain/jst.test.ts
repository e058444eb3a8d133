import { describe, expect, it } from "vitest";
import { addCalendarDays, isIsoDate, jstDate, jstDateTimeToIso, jstToday, weekdayOf } from "./jst.js";

describe("jstDate", () => {
  it("uses the Tokyo calendar day", () => {
    expect(jstDate("2025-03-31T14:59:59Z")).toBe("2025-03-31");
    expect(jstDate("2025-03-31T15:00:00Z")).toBe("2025-04-01");
    expect(jstDate(new Date("2025-12-31T15:00:00Z"))).toBe("2026-01-01");
    expect(jstDate("2025-04-01T00:30:00+09:00")).toBe("2025-04-01");
  });
  it("returns a bare date unchanged", () => {
    expect(jstDate("2025-04-01")).toBe("2025-04-01");
  });
  it("throws on garbage", () => {
    expect(() => jstDate("not a date")).toThrow(RangeError);
    expect(() => jstDate("2025-02-30")).toThrow(RangeError);
    expect(() => jstDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("jstToday", () => {
  it("is the JST date of now", () => {
    expect(jstToday(new Date("2025-04-30T16:00:00Z"))).toBe("2025-05-01");
    expect(jstToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("jstDateTimeToIso", () => {
  it("converts JST wall clock to UTC", () => {
    expect(jstDateTimeToIso("2025-04-01")).toBe("2025-03-31T15:00:00.000Z");
    expect(jstDateTimeToIso("2025-04-01", "10:30")).toBe("2025-04-01T01:30:00.000Z");
    expect(jstDateTimeToIso("2025-04-01", "9:05:07")).toBe("2025-04-01T00:05:07.000Z");
  });
  it("rejects impossible input", () => {
    expect(() => jstDateTimeToIso("2025-04-01", "24:00")).toThrow(RangeError);
    expect(() => jstDateTimeToIso("2025-04-01", "10時")).toThrow(RangeError);
    expect(() => jstDateTimeToIso("2025-13-01")).toThrow(RangeError);
  });
});

describe("calendar helpers", () => {
  it("isIsoDate knows leap years", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-4-1")).toBe(false);
  });
  it("addCalendarDays crosses months and years", () => {
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2025-03-01", -1)).toBe("2025-02-28");
  });
  it("weekdayOf", () => {
    expect(weekdayOf("2025-04-01")).toBe(2);
    expect(weekdayOf("2025-04-06")).toBe(0);
  });
});
