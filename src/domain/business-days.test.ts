import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  isPublicHoliday,
  isYearEndBreak,
  nextBusinessDay,
} from "./business-days.js";

describe("isBusinessDay", () => {
  it.each([
    ["2025-04-01", true, "Tuesday"],
    ["2025-04-05", false, "Saturday"],
    ["2025-04-06", false, "Sunday"],
    ["2025-04-29", false, "昭和の日"],
    ["2025-05-06", false, "振替休日 for 5/4 (Sun)"],
    ["2025-02-24", false, "振替休日 for 天皇誕生日 2/23 (Sun)"],
    ["2025-11-24", false, "振替休日 for 勤労感謝の日"],
    ["2026-09-22", false, "国民の休日 (between 敬老の日 and 秋分の日)"],
    ["2025-12-26", true, "last working day of 2025"],
    ["2025-12-29", false, "year-end break"],
    ["2025-12-31", false, "year-end break"],
    ["2026-01-02", false, "year-end break"],
    ["2027-01-04", true, "Monday 1/4 after the break"],
    ["2026-01-05", true, "first working day of 2026"],
  ])("%s → %s (%s)", (date, want) => {
    expect(isBusinessDay(date)).toBe(want);
  });

  it("rejects malformed or impossible dates", () => {
    expect(() => isBusinessDay("2025/04/01")).toThrow(RangeError);
    expect(() => isBusinessDay("2025-02-30")).toThrow(RangeError);
  });

  it("helpers", () => {
    expect(isPublicHoliday("2025-01-01")).toBe(true);
    expect(isPublicHoliday("2025-12-30")).toBe(false);
    expect(isYearEndBreak("2025-12-30")).toBe(true);
    expect(isYearEndBreak("2026-01-03")).toBe(true);
    expect(isYearEndBreak("2026-01-04")).toBe(false);
    expect(isYearEndBreak("2025-12-28")).toBe(false);
  });
});

describe("nextBusinessDay", () => {
  it.each([
    ["2025-04-01", "2025-04-02"],
    ["2025-04-04", "2025-04-07"],
    ["2025-04-28", "2025-04-30"],
    ["2025-05-02", "2025-05-07"],
    ["2025-12-26", "2026-01-05"],
    ["2025-02-21", "2025-02-25"],
  ])("%s → %s", (d, want) => {
    expect(nextBusinessDay(d)).toBe(want);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["2025-04-01", 0, "2025-04-01"],
    ["2025-04-05", 0, "2025-04-07"],
    ["2025-12-30", 0, "2026-01-05"],
    ["2025-04-05", 1, "2025-04-07"],
    ["2025-04-28", 1, "2025-04-30"],
    ["2025-04-28", 5, "2025-05-08"],
    ["2025-05-02", 5, "2025-05-13"],
    ["2025-05-02", 10, "2025-05-20"],
    ["2025-12-26", 5, "2026-01-09"],
    ["2025-12-26", 10, "2026-01-19"],
    ["2025-02-21", 1, "2025-02-25"],
  ])("%s + %i → %s", (d, n, want) => {
    expect(addBusinessDays(d, n)).toBe(want);
  });

  it("rejects negative and fractional days", () => {
    expect(() => addBusinessDays("2025-04-01", -1)).toThrow(RangeError);
    expect(() => addBusinessDays("2025-04-01", 1.5)).toThrow(RangeError);
  });
});

describe("businessDaysBetween", () => {
  it("counts business days in (from, to]", () => {
    expect(businessDaysBetween("2025-12-26", "2026-01-09")).toBe(5);
    expect(businessDaysBetween("2025-04-28", "2025-05-08")).toBe(5);
    expect(businessDaysBetween("2025-04-01", "2025-04-01")).toBe(0);
    expect(businessDaysBetween("2025-04-02", "2025-04-01")).toBe(0);
  });
});
