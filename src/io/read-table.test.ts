import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readTable, TableReadError } from "./read-table.js";

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("声"));
  workbook.addWorksheet("2枚目").addRow(["無視される"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("readTable: CSV", () => {
  it("handles quoted fields, embedded newlines and CRLF, keeping spreadsheet row numbers", async () => {
    const csv = [
      "種別,内容,ご要望",
      '苦情,"説明が分かりにくい、と言われた",',
      '意見・要望,"1行目\r\n2行目の ""引用"" つき",書面で回答',
      "",
      ",,",
      "その他,最後の行,",
      "",
    ].join("\r\n");
    const table = await readTable(Buffer.from(csv, "utf8"), "voices.csv");
    expect(table.format).toBe("csv");
    expect(table.encoding).toBe("utf8");
    expect(table.headers).toEqual(["種別", "内容", "ご要望"]);
    expect(table.rows).toEqual([
      ["苦情", "説明が分かりにくい、と言われた", ""],
      ["意見・要望", '1行目\r\n2行目の "引用" つき', "書面で回答"],
      ["その他", "最後の行", ""],
    ]);
    // rows 5 and 6 are empty; the quoted newline does not add a row
    expect(table.rowNumbers).toEqual([2, 3, 6]);
    expect(table.headerRow).toBe(1);
  });

  it("reads Shift_JIS and pads short rows to the header width", async () => {
    const buf = iconv.encode("受付日時,種別,内容\r\n令和7年4月1日,苦情\r\n", "cp932");
    const table = await readTable(buf, "export.CSV");
    expect(table.encoding).toBe("shift_jis");
    expect(table.rows).toEqual([["令和7年4月1日", "苦情", ""]]);
  });

  it("reads tab-separated text", async () => {
    const table = await readTable(Buffer.from("種別\t内容\n苦情\tA, B, C\n"), "voices.txt");
    expect(table.headers).toEqual(["種別", "内容"]);
    expect(table.rows).toEqual([["苦情", "A, B, C"]]);
  });

  it("reports an unclosed quote in Japanese", async () => {
    const promise = readTable(Buffer.from('種別,内容\n苦情,"閉じていない\n'), "bad.csv");
    await expect(promise).rejects.toBeInstanceOf(TableReadError);
    await expect(promise).rejects.toThrow(/引用符/);
  });

  it("refuses the old .xls format with a Japanese message", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readTable(ole, "old.xls")).rejects.toThrow(/\.xls/);
  });

  it("refuses a .xlsx that is not a zip", async () => {
    await expect(readTable(Buffer.from("種別,内容\n"), "voices.xlsx")).rejects.toThrow(TableReadError);
  });
});

describe("readTable: XLSX", () => {
  it("reads the first worksheet: dates as JST text, numbers as text, rich text flattened", async () => {
    const buf = await xlsx((sheet) => {
      sheet.addRow(["受付日時", "組合員番号", "内容", "合計"]);
      // exceljs stores a Date's UTC fields as the wall clock Excel shows
      sheet.addRow([
        new Date(Date.UTC(2025, 3, 1, 10, 30)),
        12345678,
        "普通の文字",
        { formula: "1+1", result: 2 },
      ]);
      sheet.addRow([]);
      sheet.addRow([
        "2025/4/2",
        1.5,
        { richText: [{ text: "太字", font: { bold: true } }, { text: "と普通" }] },
        { text: "リンク", hyperlink: "https://example.jp" },
      ]);
    });
    const table = await readTable(buf, "voices.xlsx");
    expect(table.format).toBe("xlsx");
    expect(table.encoding).toBeUndefined();
    expect(table.headers).toEqual(["受付日時", "組合員番号", "内容", "合計"]);
    expect(table.rows).toEqual([
      ["2025-04-01 10:30", "12345678", "普通の文字", "2"],
      ["2025/4/2", "1.5", "太字と普通", "リンク"],
    ]);
    expect(table.rowNumbers).toEqual([2, 4]);
  });

  it("trusts the zip magic bytes over a .csv extension, and keeps gaps in a row", async () => {
    const buf = await xlsx((sheet) => {
      sheet.addRow(["種別", "分類", "内容"]);
      sheet.getCell("A2").value = "苦情";
      sheet.getCell("C2").value = "Bが空";
    });
    const table = await readTable(buf, "actually-excel.csv");
    expect(table.format).toBe("xlsx");
    expect(table.rows).toEqual([["苦情", "", "Bが空"]]);
  });

  it("rounds float noise in a time to the minute", async () => {
    const buf = await xlsx((sheet) => {
      sheet.addRow(["受付日時"]);
      sheet.addRow([new Date(Date.UTC(2025, 3, 1, 10, 29, 59, 998))]);
    });
    expect((await readTable(buf, "t.xlsx")).rows).toEqual([["2025-04-01 10:30"]]);
  });
});
