import { describe, expect, it } from "vitest";
import { displayWidth, formatTable } from "./text-table.js";

describe("terminal tables with Japanese text", () => {
  it("counts full-width characters as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("苦情")).toBe(4);
    expect(displayWidth("窓口（支所・共済ショップ）")).toBe(26);
    expect(displayWidth("2022年度")).toBe(8);
    expect(displayWidth("ｶﾅ")).toBe(2); // half-width katakana
    expect(displayWidth("\u304b\u3099")).toBe(2); // か + combining dakuten
  });

  it("aligns columns by display width, numbers to the right", () => {
    const lines = formatTable(
      ["種別", "件数"],
      [
        ["感謝・評価", "46,682"],
        ["苦情", "238"],
        ["other", "1"],
      ],
      ["left", "right"],
    );
    expect(lines).toEqual([
      "種別          件数",
      "----------  ------",
      "感謝・評価  46,682",
      "苦情           238",
      "other            1",
    ]);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });
});
