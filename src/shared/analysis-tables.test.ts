import { describe, expect, it } from "vitest";
import { type CountsLike, fiscalMonthsTable, risingWords } from "./analysis-tables.js";

/** A by=month answer for an April fiscal year, without a comparison. */
function months(fy: number, counts: number[], state: "in_progress" | "complete"): CountsLike {
  const keys = counts.map((_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
  });
  const total = counts.reduce((s, n) => s + n, 0);
  const cell = (count: number, listQuery: string) => ({
    count,
    previous: null,
    change: null,
    changePercent: null,
    sharePercent: null,
    listQuery,
  });
  return {
    period: { key: `fy${fy}`, label: `${fy}年度`, state },
    comparison: null,
    total: cell(total, `from=${fy}-04-01`),
    byDimension: [],
    rows: keys.map((k, i) => ({
      ...cell(counts[i] ?? 0, `month=${k}`),
      keys: [{ key: k, id: null, label: k }],
      shareOfGroupPercent: null,
    })),
  };
}

describe("fiscalMonthsTable", () => {
  it("leaves the months that have not come yet empty and compares the total with the same months", () => {
    const current = months(2025, [10, 20, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0], "in_progress");
    const previous = months(2024, [5, 10, 40, 7, 7, 7, 7, 7, 7, 7, 7, 7], "complete");
    const t = fiscalMonthsTable(current, previous, { title: "月別の件数", today: "2025-06-14" });
    expect(t.columns.map((c) => c.header)).toEqual([
      "月",
      "件数（2025年度）",
      "件数（2024年度）",
      "増減（件）",
      "増減率（%）",
    ]);
    const values = t.rows.map((r) => r.cells.map((c) => c.value));
    expect(values[0]).toEqual(["4月", 10, 5, 5, 100]);
    expect(values[2]).toEqual(["6月", 30, 40, -10, -25]);
    // July onwards has not come: no count, no change; last year's month is still shown.
    expect(values[3]).toEqual(["7月", null, 7, null, null]);
    expect(t.rows[3]?.cells[1]?.listQuery).toBeNull();
    // 60 this year against 55 in the same three months a year earlier (of last year's 118).
    expect(values[12]).toEqual(["合計", 60, 118, 5, 9.1]);
    expect(t.rows[12]?.kind).toBe("total");
  });
});

describe("risingWords", () => {
  it("keeps the words that rose, largest increase first, then the more frequent", () => {
    const w = (word: string, count: number, previousCount: number) => ({
      word,
      count,
      previousCount,
      change: count - previousCount,
      changeRate: previousCount ? (count - previousCount) / previousCount : null,
    });
    expect(
      risingWords([w("電話", 30, 10), w("書類", 8, 9), w("待ち時間", 25, 5), w("説明", 12, 2)], 2).map(
        (x) => x.word,
      ),
    ).toEqual(["電話", "待ち時間"]);
  });
});
