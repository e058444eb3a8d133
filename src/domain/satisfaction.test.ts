import { describe, expect, it } from "vitest";
import { meanChange, parseSatisfaction, pointChange, satisfactionFigures } from "./satisfaction.js";

describe("satisfaction figures", () => {
  it("gives seed 000's 86.8% and the mean beside it", () => {
    // 1,000 members: 満足 600, やや満足 268, ふつう 80, やや不満 32, 不満 20
    const f = satisfactionFigures([0, 20, 32, 80, 268, 600]);
    expect(f.responses).toBe(1000);
    expect(f.topTwoBox).toBe(86.8);
    expect(f.mean).toBe(4.4); // (5·600 + 4·268 + 3·80 + 2·32 + 1·20) / 1000 = 4.396
    expect(f.counts.map((c) => c.label)).toEqual(["満足", "やや満足", "ふつう", "やや不満", "不満"]);
    expect(f.counts[0]).toEqual({ value: 5, label: "満足", count: 600, percent: 60 });
  });
  it("has no mean or score without answers", () => {
    const f = satisfactionFigures([0, 0, 0, 0, 0, 0]);
    expect(f).toMatchObject({ responses: 0, mean: null, topTwoBox: null });
  });
  it("rounds half up as people do (13 of 15 = 86.666… → 86.7; 1737 of 2000 = 86.85 → 86.9)", () => {
    expect(satisfactionFigures([0, 0, 0, 2, 0, 13]).topTwoBox).toBe(86.7);
    expect(satisfactionFigures([0, 263, 0, 0, 0, 1737]).topTwoBox).toBe(86.9);
  });
});

describe("change from the previous period", () => {
  it("prints seed 000's 0.6ポイント減少 from 87.4% to 86.8%", () => {
    expect(pointChange(86.8, 87.4)).toEqual({ points: -0.6, label: "0.6ポイント減少" });
  });
  it("prints an increase and no change", () => {
    expect(pointChange(93.2, 92.1)?.label).toBe("1.1ポイント増加");
    expect(pointChange(73.9, 68.6)?.label).toBe("5.3ポイント増加");
    expect(pointChange(50, 50)?.label).toBe("増減なし");
  });
  it("has no change without a previous figure", () => {
    expect(pointChange(86.8, null)).toBeNull();
    expect(meanChange(4.4, null)).toBeNull();
    expect(meanChange(4.4, 4.35)).toBe(0.05);
  });
});

describe("reading a level", () => {
  it("reads 1–5 and the labels, nothing else", () => {
    expect(parseSatisfaction(5)).toBe(5);
    expect(parseSatisfaction("やや不満")).toBe(2);
    expect(parseSatisfaction("３")).toBe(3);
    expect(parseSatisfaction(6)).toBeNull();
    expect(parseSatisfaction(2.5)).toBeNull();
    expect(parseSatisfaction("とても満足")).toBeNull();
  });
});
