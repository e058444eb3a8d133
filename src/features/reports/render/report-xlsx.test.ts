import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { annualVoiceFixture, FY2022_BY_CATEGORY } from "./annual-voice-fixture.js";
import { HOSTILE_TEXTS, hostileDocument } from "./hostile-fixture.js";
import { renderReportXlsx } from "./report-xlsx.js";
import { sheetNamer } from "./sheet-names.js";

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS's types predate Node's generic Buffer.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** Every cell's value of a sheet, row by row (1-based arrays as ExcelJS gives them, without the hole). */
function values(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("renderReportXlsx", () => {
  it("has a contents sheet and one sheet per table, the charts' numbers as numeric cells", async () => {
    const wb = await read(await renderReportXlsx(annualVoiceFixture()));
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toEqual([
      "目次",
      "種類別件数",
      "感謝・評価の分類別件数",
      "意見・要望の分類別件数",
      "苦情の分類別件数",
      "主な窓口",
      "本文",
      "掲載した声",
      "改善事例",
    ]);
    const byType = values(wb.getWorksheet("種類別件数") as ExcelJS.Worksheet);
    expect(byType[2]).toEqual(["種類", "件数", "構成比"]);
    expect(byType.slice(3, 6).map((r) => r[1])).toEqual([46_682, 18_973, 238]);
    expect(byType[6]?.slice(0, 2)).toEqual(["合計", 65_893]);
    expect(wb.getWorksheet("種類別件数")?.getColumn(2).numFmt).toBe("#,##0");
    for (const [type, counts] of Object.entries(FY2022_BY_CATEGORY)) {
      const rows = values(wb.getWorksheet(`${type}の分類別件数`) as ExcelJS.Worksheet);
      expect(rows.slice(3, 9).map((r) => r[1])).toEqual([...counts]);
      expect(rows[9]?.[1]).toBe(counts.reduce((a, b) => a + b, 0));
    }
    const contents = values(wb.getWorksheet("目次") as ExcelJS.Worksheet).flat();
    expect(contents).toContain("2022年度（2022年6月1日〜2023年5月31日）");
  });

  it("keeps hostile text inert: strings with a guard apostrophe, never a formula", async () => {
    const wb = await read(await renderReportXlsx(hostileDocument()));
    const strings: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === "string") strings.push(cell.value);
        }),
      );
    }
    for (const s of strings) expect(s).not.toMatch(/^[=+\-@]/);
    for (const t of HOSTILE_TEXTS) {
      const guarded = /^[=+\-@]/.test(t) ? `'${t}` : t;
      expect(strings.some((s) => s.includes(guarded))).toBe(true);
    }
    expect(strings).toContain("'-2+3");
  });

  it("gives the same bytes for the same document", async () => {
    const a = await renderReportXlsx(annualVoiceFixture());
    await new Promise((r) => setTimeout(r, 2100)); // past the zip format's 2-second clock
    const b = await renderReportXlsx(annualVoiceFixture());
    expect(a.equals(b)).toBe(true);
  });
});

describe("sheetNamer", () => {
  it("keeps names within 31 characters, free of forbidden characters and unique regardless of case", () => {
    const name = sheetNamer();
    const long = "お客さまの声の分類別件数と前年同期との比較および構成比の推移（全窓口）";
    const a = name(long);
    const b = name(long);
    expect(a.length).toBeLessThanOrEqual(31);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(b).not.toBe(a);
    expect(b.endsWith("（2）")).toBe(true);
    expect(name("Q1/Q2 [速報]*")).toBe("Q1・Q2 ・速報・・");
    expect(name("history")).toBe("history（2）");
    expect(name("ABC")).toBe("ABC");
    expect(name("abc")).toBe("abc（2）");
    expect(name("")).toBe("表");
  });
});
