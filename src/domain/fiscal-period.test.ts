import { describe, expect, it } from "vitest";
import {
  fiscalHalfLabel,
  fiscalHalfOf,
  fiscalHalfRange,
  fiscalQuarterLabel,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
} from "./fiscal-period.js";

describe("fiscalYearOf", () => {
  it.each([
    // start month 4 (most organizations)
    ["2025-04-01", 4, 2025],
    ["2026-03-31", 4, 2025],
    ["2025-03-31", 4, 2024],
    // start month 6 (the federation in 003/004)
    ["2022-06-01", 6, 2022],
    ["2023-05-31", 6, 2022],
    ["2022-05-31", 6, 2021],
    // start month 1 (calendar year, 000)
    ["2025-01-01", 1, 2025],
    ["2025-12-31", 1, 2025],
    // start month 12
    ["2025-12-01", 12, 2025],
    ["2025-11-30", 12, 2024],
  ])("%s with start %i → FY%i", (d, sm, want) => {
    expect(fiscalYearOf(d, sm)).toBe(want);
  });

  it("uses the JST date of an instant", () => {
    expect(fiscalYearOf("2025-03-31T14:59:59Z", 4)).toBe(2024);
    expect(fiscalYearOf("2025-03-31T15:00:00Z", 4)).toBe(2025);
    expect(fiscalYearOf(new Date("2024-12-31T15:00:00Z"), 1)).toBe(2025);
  });

  it("throws RangeError for an invalid start month", () => {
    for (const sm of [0, 13, 4.5, Number.NaN])
      expect(() => fiscalYearOf("2025-04-01", sm)).toThrow(RangeError);
    expect(() => fiscalYearRange(2025, 0)).toThrow(RangeError);
    expect(() => fiscalHalfOf("2025-04-01", 13)).toThrow(RangeError);
    expect(() => fiscalHalfRange(2025, 1, -1)).toThrow(RangeError);
  });
});

describe("fiscalYearRange", () => {
  it("is half-open", () => {
    expect(fiscalYearRange(2025, 4)).toEqual({ from: "2025-04-01", toExclusive: "2026-04-01" });
    expect(fiscalYearRange(2022, 6)).toEqual({ from: "2022-06-01", toExclusive: "2023-06-01" });
    expect(fiscalYearRange(2025, 1)).toEqual({ from: "2025-01-01", toExclusive: "2026-01-01" });
    expect(fiscalYearRange(2025, 12)).toEqual({ from: "2025-12-01", toExclusive: "2026-12-01" });
  });
  it("rejects a silly year", () => {
    expect(() => fiscalYearRange(25, 4)).toThrow(RangeError);
  });
});

describe("fiscal halves", () => {
  it.each([
    ["2025-04-01", 4, 2025, 1],
    ["2025-09-30", 4, 2025, 1],
    ["2025-10-01", 4, 2025, 2],
    ["2026-03-31", 4, 2025, 2],
    ["2022-06-01", 6, 2022, 1],
    ["2022-11-30", 6, 2022, 1],
    ["2022-12-01", 6, 2022, 2],
    ["2023-05-31", 6, 2022, 2],
    ["2025-06-30", 1, 2025, 1],
    ["2025-07-01", 1, 2025, 2],
  ])("%s with start %i → FY%i half %i", (d, sm, fy, half) => {
    expect(fiscalHalfOf(d, sm)).toEqual({ fiscalYear: fy, half });
  });

  it("ranges", () => {
    expect(fiscalHalfRange(2025, 1, 4)).toEqual({ from: "2025-04-01", toExclusive: "2025-10-01" });
    expect(fiscalHalfRange(2025, 2, 4)).toEqual({ from: "2025-10-01", toExclusive: "2026-04-01" });
    expect(fiscalHalfRange(2022, 1, 6)).toEqual({ from: "2022-06-01", toExclusive: "2022-12-01" });
    expect(fiscalHalfRange(2022, 2, 6)).toEqual({ from: "2022-12-01", toExclusive: "2023-06-01" });
    expect(fiscalHalfRange(2025, 1, 1)).toEqual({ from: "2025-01-01", toExclusive: "2025-07-01" });
    expect(fiscalHalfRange(2025, 2, 1)).toEqual({ from: "2025-07-01", toExclusive: "2026-01-01" });
    expect(fiscalHalfRange(2025, 2, 9)).toEqual({ from: "2026-03-01", toExclusive: "2026-09-01" });
  });

  it("rejects a half other than 1 or 2", () => {
    expect(() => fiscalHalfRange(2025, 3 as 1, 4)).toThrow(RangeError);
  });
});

describe("months and labels", () => {
  it("fiscalYearMonths", () => {
    const m = fiscalYearMonths(2025, 4);
    expect(m).toHaveLength(12);
    expect(m[0]).toBe("2025-04");
    expect(m[11]).toBe("2026-03");
    expect(fiscalYearMonths(2025, 1)[11]).toBe("2025-12");
  });
  it("labels", () => {
    expect(fiscalYearLabel(2025)).toBe("2025年度");
    expect(fiscalHalfLabel(2025, 1)).toBe("2025年度上期");
    expect(fiscalHalfLabel(2025, 2)).toBe("2025年度下期");
  });
});

describe("fiscal quarters", () => {
  it.each([
    ["2022-06-01", 6, 2022, 1],
    ["2022-08-31", 6, 2022, 1],
    ["2022-09-01", 6, 2022, 2],
    ["2022-12-01", 6, 2022, 3],
    ["2023-02-28", 6, 2022, 3],
    ["2023-03-01", 6, 2022, 4],
    ["2023-05-31", 6, 2022, 4],
    ["2025-01-01", 1, 2025, 1],
    ["2025-12-31", 1, 2025, 4],
    ["2026-03-31", 4, 2025, 4],
  ])("%s with start %i → FY%i Q%i", (d, sm, fy, quarter) => {
    expect(fiscalQuarterOf(d, sm)).toEqual({ fiscalYear: fy, quarter });
  });

  it("uses the JST date of an instant", () => {
    expect(fiscalQuarterOf("2023-05-31T15:00:00Z", 6)).toEqual({ fiscalYear: 2023, quarter: 1 });
    expect(fiscalQuarterOf("2023-05-31T14:59:59Z", 6)).toEqual({ fiscalYear: 2022, quarter: 4 });
  });

  it("ranges", () => {
    expect(fiscalQuarterRange(2022, 1, 6)).toEqual({ from: "2022-06-01", toExclusive: "2022-09-01" });
    expect(fiscalQuarterRange(2023, 3, 6)).toEqual({ from: "2023-12-01", toExclusive: "2024-03-01" });
    expect(fiscalQuarterRange(2025, 4, 1)).toEqual({ from: "2025-10-01", toExclusive: "2026-01-01" });
    expect(fiscalQuarterRange(2025, 4, 4)).toEqual({ from: "2026-01-01", toExclusive: "2026-04-01" });
    expect(() => fiscalQuarterRange(2025, 5 as 1, 4)).toThrow(RangeError);
    expect(() => fiscalQuarterRange(2025, 1, 0)).toThrow(RangeError);
  });

  it("labels", () => {
    expect(fiscalQuarterLabel(2022, 3)).toBe("2022年度第3四半期");
  });
});
