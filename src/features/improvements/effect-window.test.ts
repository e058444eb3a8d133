import { describe, expect, it } from "vitest";
import { addMonths, effectWindow } from "./effect-window.js";

describe("effect window", () => {
  it("adds months across years", () => {
    expect(addMonths("2025-11", 3)).toBe("2026-02");
    expect(addMonths("2025-02", -3)).toBe("2024-11");
    expect(addMonths("2025-01", -12)).toBe("2024-01");
  });

  it("counts N months before and after the completion month, not the month itself", () => {
    const counts = new Map([
      ["2025-03", 4], // outside (N=3 → before is 2025-04..06)
      ["2025-04", 3],
      ["2025-06", 2],
      ["2025-07", 9], // completion month
      ["2025-08", 1],
      ["2025-10", 0],
      ["2025-11", 7], // outside
    ]);
    const w = effectWindow("2025-07", 3, counts, "2026-01");
    expect(w.series.map((s) => s.month)).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
    ]);
    expect(w.series[3]?.phase).toBe("completion");
    expect([w.before, w.after, w.change, w.changeRate]).toEqual([5, 1, -4, -0.8]);
    expect(w.afterComplete).toBe(true);
    expect(effectWindow("2025-07", 3, counts, "2025-09").afterComplete).toBe(false);
  });
});
