/**
 * Generated files for the import suites: CSV rows in UTF-8, UTF-8 with BOM, Shift_JIS or a mix; XLSX written by
 * exceljs (with formula cells), truncated or with bytes flipped; random bytes; a zip whose parts lie about their
 * size; a multipart wrapper. The cells are realistic Japanese values or broken ones.
 */
import { PassThrough } from "node:stream";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { NASTY_TEXTS } from "./zod-arbitrary.js";

export type Cell = string | number | { formula: string };
export interface Sheet {
  header: string[];
  rows: Cell[][];
}

export const VOICE_HEADER = [
  "受付日時",
  "受付チャネル",
  "種別",
  "分類",
  "商品",
  "部署",
  "内容",
  "ご要望",
  "氏名",
  "組合員番号",
  "電話番号",
  "メール",
  "都道府県",
  "年代",
  "性別",
  "外部ID",
];

/** A good value per voice column (index as VOICE_HEADER) */
const GOOD_VOICE_VALUES: string[][] = [
  ["2025/6/2 9:15", "令和7年4月1日", "2024-12-31 23:59", "R7.5.10"],
  ["コールセンター", "窓口（支所・共済ショップ）", "counter", "web"],
  ["苦情", "意見・要望", "感謝・評価", "complaint"],
  ["応対", "商品", "支払い", "servicing"],
  ["自動車共済", "火災共済", "", "life"],
  ["コールセンター", "call_center", "東京支所"],
  ["電話がつながらない", "掛金の引落日を変更したい。", "担当の方の説明がとても丁寧でした"],
  ["折り返しの電話を希望", "", "書面で回答してほしい"],
  ["山田　花子", "佐藤 一郎", ""],
  ["M-204611", "", "12345678"],
  ["090-1234-5678", "０３－１２３４－５６７８", ""],
  ["hanako@example.jp", ""],
  ["福井県", "東京都", ""],
  ["40代", "70代", ""],
  ["女性", "男性", ""],
  ["CC-1", "CC-2", ""],
];

/** Cells a broken file holds: wrong dates, unknown labels, formulas, controls, overlong text, numbers. */
const BAD_CELLS: Cell[] = [
  ...NASTY_TEXTS,
  "令和7年2月30日",
  "2025/13/45",
  "昭和99年",
  "存在しない分類",
  "=1+2",
  '=HYPERLINK("http://example.com","クリック")',
  "=cmd|' /C calc'!A0",
  "@SUM(A1:A9)",
  "+81 90 1234 5678",
  "-1",
  "１２３４５",
  '"引用符"の中,カンマ',
  "改行\nを含む\r\n内容",
  45000.5,
  -1,
  1e308,
  { formula: "NOW()" },
  { formula: "A1&B1" },
];

const cellArb = (good: string[], clean: boolean): fc.Arbitrary<Cell> =>
  clean
    ? fc.constantFrom(...good)
    : fc.oneof(
        { arbitrary: fc.constantFrom(...good), weight: 12 },
        { arbitrary: fc.constantFrom(...BAD_CELLS), weight: 2 },
        { arbitrary: fc.integer({ min: 1_000, max: 12_000 }).map((n) => "長".repeat(n)), weight: 1 },
        { arbitrary: fc.string({ maxLength: 20, unit: "grapheme" }), weight: 1 },
      );

/**
 * A sheet with the given columns (the header itself sometimes damaged), rows of good and bad cells. The value
 * in column `uniqueColumn` (an external or answer id) gets the row's number, so clean files hold no duplicates.
 */
export function sheetArbitrary(
  header: string[],
  goodValues: string[][],
  uniqueColumn?: number,
  maxRows = 6,
): fc.Arbitrary<Sheet> {
  // a third of the files hold only good values, so the import's writing path is reached too
  const row = (clean: boolean) => fc.tuple(...header.map((_, i) => cellArb(goodValues[i] ?? [""], clean)));
  const rows = fc.oneof(
    { arbitrary: fc.array(row(true), { minLength: 1, maxLength: maxRows }), weight: 1 },
    { arbitrary: fc.array(row(false), { maxLength: maxRows }), weight: 2 },
  );
  const headerArb = fc.oneof(
    { arbitrary: fc.constant(header), weight: 10 },
    { arbitrary: fc.shuffledSubarray(header, { minLength: 1 }), weight: 2 },
    {
      arbitrary: fc.constant(header).map((h) => [...h, "内容", "余分な列", "=1+1"]),
      weight: 1,
    },
    { arbitrary: fc.constant([] as string[]), weight: 1 },
  );
  const run = fc.integer({ min: 1, max: 1_000_000 });
  return fc.record({ header: headerArb, rows, run }).map(({ header: h, rows: rs, run: n }) => ({
    header: h,
    rows:
      uniqueColumn === undefined
        ? rs
        : rs.map((r, i) =>
            r.map((c, col) => (col === uniqueColumn && c !== "" ? `${String(c)}-${n}-${i}` : c)),
          ),
  }));
}

export function voiceSheetArbitrary(): fc.Arbitrary<Sheet> {
  return sheetArbitrary(VOICE_HEADER, GOOD_VOICE_VALUES, VOICE_HEADER.indexOf("外部ID"));
}

const csvCell = (c: Cell) => {
  const s = typeof c === "object" ? `=${c.formula}` : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export type Encoding = "utf8" | "utf8bom" | "sjis" | "mixed" | "utf16le";

export function csvBytes(sheet: Sheet, encoding: Encoding): Buffer {
  const lines = [sheet.header, ...sheet.rows].map((r) => r.map(csvCell).join(","));
  const text = `${lines.join("\r\n")}\r\n`;
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "sjis":
      return iconv.encode(text, "cp932");
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "mixed":
      // the header in UTF-8, every other row Shift_JIS: a file pasted together from two systems
      return Buffer.concat(
        lines.map((l, i) =>
          i % 2 === 0 ? Buffer.from(`${l}\r\n`, "utf8") : iconv.encode(`${l}\r\n`, "cp932"),
        ),
      );
  }
}

export async function xlsxBytes(sheet: Sheet): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = workbook.addWorksheet("お客さまの声");
  ws.addRow(sheet.header).commit();
  for (const r of sheet.rows)
    ws.addRow(
      r.map((c) => (typeof c === "object" ? { formula: c.formula, result: "計算結果" } : stripForXml(c))),
    ).commit();
  ws.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

// C0 controls but tab and line breaks, and halves of surrogate pairs left alone
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
const XML_UNSAFE = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f]$|^[\ud800-\udfff]$/;

/** exceljs writes what it is given; XML cannot hold NUL and other C0 controls, which no real workbook contains. */
function stripForXml(c: string | number): string | number {
  return typeof c === "string" ? [...c].filter((ch) => !XML_UNSAFE.test(ch)).join("") : c;
}

/** A zip of the given parts, deflated, with sizes that may lie (`declared` replaces the real uncompressed size). */
export function zipOf(parts: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const compressed = deflateRawSync(p.data);
    const crc = crc32(p.data);
    const size = p.declared ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="声" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** Hand-written sheet XML fragments: odd references, huge indexes, inline strings, formulas, unclosed tags. */
const SHEET_BODIES = [
  '<row r="1"><c r="A1" t="inlineStr"><is><t>種別</t></is></c><c r="B1" t="inlineStr"><is><t>内容</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>苦情</t></is></c><c r="B2"><f>1+2</f><v>3</v></c></row>',
  '<row r="1"><c r="A1" t="s"><v>99999</v></c></row>',
  '<row r="1048577"><c r="XFE1048577" t="inlineStr"><is><t>範囲外</t></is></c></row>',
  '<row r="1"><c r="A1" t="inlineStr"><is><t>内容</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>閉じない',
  '<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="d"><v>2025-06-01T00:00:00</v></c></row>',
  '<row r="-1"><c r="A0"><v>NaN</v></c></row>',
  '<row r="2"><c r="A2" t="inlineStr"><is><t>&amp;&lt;&#0;&#xD800;&#x1F600;</t></is></c></row>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>',
];

export const handMadeXlsxArbitrary: fc.Arbitrary<Buffer> = fc
  .record({
    body: fc.constantFrom(...SHEET_BODIES),
    declared: fc.option(fc.constantFrom(0, 1, 0xffffffff), { nil: undefined }),
    withWorkbook: fc.boolean(),
  })
  .map(({ body, declared, withWorkbook }) => {
    const sheet = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
    );
    return zipOf([
      { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
      ...(withWorkbook
        ? [
            { name: "xl/workbook.xml", data: Buffer.from(WORKBOOK) },
            { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(RELS) },
          ]
        : []),
      { name: "xl/worksheets/sheet1.xml", data: sheet, ...(declared === undefined ? {} : { declared }) },
    ]);
  });

/** Damage to a good file: cut short, bytes overwritten, junk appended. */
export type Damage =
  | { kind: "none" }
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; byte: number }
  | { kind: "append"; junk: Uint8Array };

export const damageArbitrary: fc.Arbitrary<Damage> = fc.oneof(
  { arbitrary: fc.constant<Damage>({ kind: "none" }), weight: 8 },
  {
    arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): Damage => ({ kind: "truncate", at })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) })
      .map(({ at, byte }): Damage => ({ kind: "flip", at, byte })),
    weight: 2,
  },
  {
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((junk): Damage => ({ kind: "append", junk })),
    weight: 1,
  },
);

export function damage(file: Buffer, d: Damage): Buffer {
  switch (d.kind) {
    case "none":
      return file;
    case "truncate":
      return file.subarray(0, Math.floor(file.length * d.at));
    case "flip": {
      const copy = Buffer.from(file);
      if (copy.length > 0) copy[Math.min(copy.length - 1, Math.floor(copy.length * d.at))] = d.byte;
      return copy;
    }
    case "append":
      return Buffer.concat([file, Buffer.from(d.junk)]);
  }
}

export const randomBytesArbitrary: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom("", "PK\u0003\u0004", "\uFEFF", "\u00d0\u00cf\u0011\u00e0"),
    fc.uint8Array({ maxLength: 4096 }),
  )
  .map(([prefix, bytes]) => Buffer.concat([Buffer.from(prefix, "latin1"), Buffer.from(bytes)]));

export function multipart(file: Buffer, fileName: string): { body: Buffer; contentType: string } {
  const boundary = "----koeBoundary7MA4YWxkTrZu0gW";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
