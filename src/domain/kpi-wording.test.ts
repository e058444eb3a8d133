import { describe, expect, it } from "vitest";
import { formatKpiValue, ratePercent, roundRate, yearOverYear } from "./kpi-wording.js";

describe("KPI values as the report prints them", () => {
  it("writes counts with separators and rates to one decimal", () => {
    expect(formatKpiValue(30, "名")).toBe("30名");
    expect(formatKpiValue(5226, "件")).toBe("5,226件");
    expect(formatKpiValue(12573, "件")).toBe("12,573件");
    expect(formatKpiValue(ratePercent(30, 68), "%")).toBe("44.1%");
    expect(formatKpiValue(92, "%")).toBe("92.0%");
    expect(formatKpiValue(null, "回")).toBe("—");
  });
  it("rounds rates without float noise", () => {
    expect(ratePercent(1848, 2000)).toBe(92.4);
    expect(ratePercent(925, 1000)).toBe(92.5);
    expect(roundRate(44.15)).toBe(44.2);
    expect(ratePercent(1, 0)).toBeNull();
  });
});

describe("year-over-year wording (seed 000)", () => {
  it("counts in 名/回/件", () => {
    expect(yearOverYear(30, 28, "名")).toBe("前年より2名増加");
    expect(yearOverYear(37, 70, "回")).toBe("前年より33回減少");
    expect(yearOverYear(5226, 5559, "件")).toBe("前年より333件減少");
    expect(yearOverYear(12573, 18687, "件")).toBe("前年より6,114件減少");
    expect(yearOverYear(5, 4, "件")).toBe("前年より1件増加");
  });
  it("nothing held the year before, the same number, nothing recorded", () => {
    expect(yearOverYear(13, 0, "回")).toBe("昨年は開催なし");
    expect(yearOverYear(7, 7, "件")).toBe("前年と同数");
    expect(yearOverYear(0, 0, "回")).toBe("前年と同数");
    expect(yearOverYear(3, 0, "件")).toBe("前年より3件増加");
    expect(yearOverYear(3, null, "件")).toBe("前年の実績なし");
    expect(yearOverYear(null, 3, "件")).toBe("");
  });
  it("rates change in ポイント, or in ％ when the organization prints it so", () => {
    expect(yearOverYear(86.8, 87.4, "%")).toBe("前年より0.6ポイント減少");
    expect(yearOverYear(86.8, 87.4, "%", "percent")).toBe("前年より0.6％減少");
    expect(yearOverYear(92.4, 90.2, "%", "percent")).toBe("前年より2.2％増加");
    expect(yearOverYear(ratePercent(30, 68), ratePercent(28, 68), "%")).toBe("前年より2.9ポイント増加");
    expect(yearOverYear(44.1, 44.1, "%")).toBe("前年と同率");
  });
});
