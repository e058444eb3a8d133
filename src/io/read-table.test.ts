import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readTable, TableReadError } from "./read-table.js";

/** A one-sheet XLSX of `rows` voices, written by exceljs's streaming writer (inline strings, like koe's export). */
async function bigXlsx(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
  const sheet = workbook.addWorksheet("声");
  sheet.addRow(["種別", "内容"]).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(["苦情", `電話がつながらない ${i}`]).commit();
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** Runs `read` while sampling the heap every few milliseconds; returns the growth over the start in MB. */
async function peakHeapGrowth<T>(
  read: () => Promise<T>,
): Promise<{ result: T | Error; growthMb: number; ms: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  const result = await read().catch((err: Error) => err);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { result, growthMb: (peak - base) / 1024 / 1024, ms };
}

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

describe("readTable: limits", () => {
  it("counts data rows only (not the header or empty rows): at the limit it reads, one more is refused", async () => {
    const rows = (n: number) =>
      ["種別,内容", "", ...Array.from({ length: n }, (_, i) => `苦情,説明が分かりにくい ${i}`), ",", ""].join(
        "\r\n",
      );
    const ok = await readTable(Buffer.from(rows(3)), "v.csv", { maxRows: 3 });
    expect(ok.rows).toHaveLength(3);
    const over = readTable(iconv.encode(rows(4), "cp932"), "v.csv", { maxRows: 3 });
    await expect(over).rejects.toBeInstanceOf(TableReadError);
    await expect(over).rejects.toThrow("行数が上限（3行）を超えています");

    const xlsxOk = await readTable(await bigXlsx(3), "v.xlsx", { maxRows: 3 });
    expect(xlsxOk.rows).toHaveLength(3);
    await expect(readTable(await bigXlsx(4), "v.xlsx", { maxRows: 3 })).rejects.toThrow(
      "行数が上限（3行）を超えています",
    );
  });

  it("refuses a 200,000-row XLSX as soon as it passes the limit, quickly and in bounded memory", async () => {
    const buf = await bigXlsx(200_000);
    const { result, growthMb, ms } = await peakHeapGrowth(() =>
      readTable(buf, "大量.xlsx", { maxRows: 20_000 }),
    );
    expect(result).toBeInstanceOf(TableReadError);
    expect((result as Error).message).toBe(
      "行数が上限（20,000行）を超えています。20,000行以下のファイルに分けて取り込んでください",
    );
    // here about 0.7 s and 20 MB; reading all 200,000 rows with exceljs took about 6 s and several hundred MB
    expect(ms).toBeLessThan(3000);
    expect(growthMb).toBeLessThan(64);
  });

  it("refuses a large CSV (UTF-8 and Shift_JIS) over the limit, in bounded memory", async () => {
    const lines = ["受付日時,種別,内容"];
    for (let i = 0; i < 200_000; i++) lines.push(`2025/4/1,苦情,"電話が何度かけても\r\nつながらない ${i}"`);
    const text = lines.join("\r\n");
    for (const buf of [Buffer.from(text), iconv.encode(text, "cp932")]) {
      const { result, growthMb } = await peakHeapGrowth(() =>
        readTable(buf, "大量.csv", { maxRows: 20_000 }),
      );
      expect((result as Error).message).toContain("行数が上限（20,000行）を超えています");
      expect(growthMb).toBeLessThan(96);
    }
  });

  it("refuses a file over the size limit before reading it", async () => {
    const buf = Buffer.from(`種別,内容\r\n${"苦情,説明が分かりにくい\r\n".repeat(40_000)}`);
    expect(buf.length).toBeGreaterThan(1024 * 1024);
    await expect(readTable(buf, "v.csv", { maxBytes: 1024 * 1024 })).rejects.toThrow(
      "ファイルが大きすぎます（上限 1 MB）。ファイルを分けて取り込んでください",
    );
  });

  it("names the row and column of a CSV value past the column limit, and refuses an overlong field", async () => {
    const wide = `種別,内容\r\n苦情,説明${",".repeat(5)}はみ出し\r\n`;
    await expect(readTable(Buffer.from(wide), "wide.csv", { maxColumns: 4 })).rejects.toThrow(
      "列数が上限（4列）を超えています（2行目のG列に値があります）",
    );
    // trailing empty cells past the limit are harmless
    const trailing = await readTable(Buffer.from(`種別,内容${",".repeat(10)}\r\n苦情,説明\r\n`), "t.csv", {
      maxColumns: 4,
    });
    expect(trailing.rows).toEqual([["苦情", "説明"]]);
    const open = `種別,内容\r\n苦情,"閉じていない引用符${"あ".repeat(3000)}`;
    await expect(readTable(Buffer.from(open), "open.csv", { maxCellChars: 1000 })).rejects.toThrow(
      /1つの欄が長すぎます（上限 1,000文字）。引用符（"）の閉じ忘れ/,
    );
  });

  it("refuses an encrypted (password) workbook with its own message", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readTable(ole, "パスワード付き.xlsx")).rejects.toThrow("パスワード付きの Excel ファイル");
  });
});
