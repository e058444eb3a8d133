// Writes voices to CSV (UTF-8 with BOM or Shift_JIS) or XLSX with the import column set, safe to open in Excel.
import { PassThrough, type Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { formatDateJa, formatDateTimeJa } from "../shared/japanese-date.js";
import { STATUS_LABELS } from "../shared/labels-ja.js";
import { escapeGuardLike, neutralizeFormula } from "./formula-guard.js";
import { exportColumns, type FileCustomer, type VoiceColumn, type VoiceColumnKey } from "./voice-columns.js";

/** One voice as exported: labels by NAME (what a person reads and what import resolves), not by id. */
export interface ExportRow {
  receiptNumber: string;
  /** ISO 8601; written as JST "2025/04/01 10:30" */
  receivedAt: string;
  channel: string;
  type: string;
  category: string | null;
  productLine: string | null;
  department: string;
  content: string;
  remedySought: string | null;
  customer: FileCustomer | null;
  externalId: string | null;
  /** a status code (in_progress) or its display name (対応中); written as the display name */
  status: string;
  /** the assignee's name */
  assignee: string | null;
  /** YYYY-MM-DD; written as "2025/04/01" */
  resolveBy: string | null;
}

export interface CsvExportOptions {
  /** "utf8" (with BOM, the default) or "sjis" (CP932: characters outside it become 〓) */
  encoding?: "utf8" | "sjis";
  /** include the customer columns (personal data: only for users allowed to see it) */
  includeCustomer: boolean;
}

export interface XlsxExportOptions {
  includeCustomer: boolean;
}

type Rows = Iterable<ExportRow> | AsyncIterable<ExportRow>;

function statusLabel(status: string): string {
  return (STATUS_LABELS as Readonly<Record<string, string>>)[status] ?? status;
}

function cellFor(row: ExportRow, key: VoiceColumnKey): string {
  const c = row.customer;
  switch (key) {
    case "receiptNumber":
      return row.receiptNumber;
    case "receivedAt":
      return formatDateTimeJa(row.receivedAt);
    case "channel":
      return row.channel;
    case "type":
      return row.type;
    case "category":
      return row.category ?? "";
    case "productLine":
      return row.productLine ?? "";
    case "department":
      return row.department;
    case "content":
      return row.content;
    case "remedySought":
      return row.remedySought ?? "";
    case "customerName":
      return c?.name ?? "";
    case "memberNumber":
      return c?.memberNumber ?? "";
    case "phone":
      return c?.phone ?? "";
    case "email":
      return c?.email ?? "";
    case "prefecture":
      return c?.prefecture ?? "";
    case "ageBand":
      return c?.ageBand ?? "";
    case "gender":
      return c?.gender ?? "";
    case "externalId":
      return row.externalId ?? "";
    case "status":
      return statusLabel(row.status);
    case "assignee":
      return row.assignee ?? "";
    case "resolveBy":
      return row.resolveBy === null ? "" : formatDateJa(row.resolveBy);
  }
}

function rowCells(row: ExportRow, columns: readonly VoiceColumn[]): string[] {
  return columns.map((col) => cellFor(row, col.key));
}

// ---- Shift_JIS ----

/**
 * Unicode characters that Mac/JIS input produces but CP932 spells with another code point (the "wave dash
 * problem"): map them to what Windows Excel shows for the same glyph instead of losing them.
 */
const CP932_VARIANTS: Record<string, string> = {
  "\u301C": "\uFF5E", // 〜 → ～
  "\u2016": "\u2225", // ‖ → ∥
  "\u2212": "\uFF0D", // − → －
  "\u00A2": "\uFFE0", // ¢
  "\u00A3": "\uFFE1", // £
  "\u00AC": "\uFFE2", // ¬
  "\u2014": "\u2015", // — → ―
  "\u00A6": "\uFFE4", // ¦
  "\u00A0": " ",
};
const VARIANT_PATTERN = new RegExp(`[${Object.keys(CP932_VARIANTS).join("")}]`, "gu");
/** 〓 (geta), the conventional mark for a character that cannot be written */
const GETA = "〓";
const QUESTION = 0x3f;

function countChar(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Encodes to CP932. iconv-lite writes "?" for a character it cannot encode; since no Shift_JIS trail byte is
 * 0x3F, comparing the "?" counts detects that cheaply, and only then is the text re-encoded one character at a time.
 */
export function encodeCp932(text: string): Buffer {
  const source = text.replace(VARIANT_PATTERN, (ch) => CP932_VARIANTS[ch] ?? ch);
  const encoded = iconv.encode(source, "cp932");
  let questions = 0;
  for (const byte of encoded) if (byte === QUESTION) questions++;
  if (questions === countChar(source, "?")) return encoded;
  let fixed = "";
  for (const ch of source) {
    const one = iconv.encode(ch, "cp932");
    fixed += ch !== "?" && one.length === 1 && one[0] === QUESTION ? GETA : ch;
  }
  return iconv.encode(fixed, "cp932");
}

// ---- CSV ----

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CSV_BATCH_ROWS = 1000;

/**
 * Yields the CSV in chunks (about 1,000 rows each), so an HTTP response or file can be written while rows are
 * still being read from the database. CRLF line ends and a BOM let Excel open the UTF-8 file directly.
 */
export async function* voicesCsvChunks(rows: Rows, opts: CsvExportOptions): AsyncGenerator<Buffer> {
  const sjis = opts.encoding === "sjis";
  const columns = exportColumns(opts.includeCustomer);
  const encode = (records: string[][]): Buffer => {
    const text = stringify(records, { record_delimiter: "\r\n" });
    return sjis ? encodeCp932(text) : Buffer.from(text, "utf8");
  };
  if (!sjis) yield UTF8_BOM;
  yield encode([columns.map((c) => c.header)]);
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(rowCells(row, columns).map(neutralizeFormula));
    if (batch.length >= CSV_BATCH_ROWS) {
      yield encode(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield encode(batch);
}

export async function writeVoicesCsv(rows: Rows, opts: CsvExportOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of voicesCsvChunks(rows, opts)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// ---- XLSX ----

const COLUMN_WIDTHS: Record<VoiceColumnKey, number> = {
  receiptNumber: 18,
  receivedAt: 18,
  channel: 20,
  type: 12,
  category: 30,
  productLine: 18,
  department: 18,
  content: 60,
  remedySought: 30,
  customerName: 16,
  memberNumber: 14,
  phone: 16,
  email: 28,
  prefecture: 10,
  ageBand: 8,
  gender: 8,
  externalId: 16,
  status: 10,
  assignee: 14,
  resolveBy: 12,
};

/**
 * Streams an XLSX workbook to `output` (one sheet, bold frozen header row). Every cell is written as a plain
 * string, never as a formula, so "=HYPERLINK(...)" in a voice stays text; only text that looks like the CSV
 * guard ("'=…") gets one more apostrophe, which the import takes off again.
 */
export async function streamVoicesXlsx(rows: Rows, opts: XlsxExportOptions, output: Writable): Promise<void> {
  const columns = exportColumns(opts.includeCustomer);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet("お客さまの声", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.key, width: COLUMN_WIDTHS[c.key] }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const row of rows) sheet.addRow(rowCells(row, columns).map(escapeGuardLike)).commit();
  sheet.commit();
  await workbook.commit();
}

export async function writeVoicesXlsx(rows: Rows, opts: XlsxExportOptions): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  await streamVoicesXlsx(rows, opts, output);
  await ended;
  return Buffer.concat(chunks);
}
