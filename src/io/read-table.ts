// Reads an uploaded CSV/TSV or XLSX file into a header row and text rows, keeping spreadsheet row numbers.
import { CsvError, parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { type DetectedEncoding, decodeCsvBuffer } from "./decode-text.js";

export interface Table {
  /** the header row's cells, trimmed, as written in the file */
  headers: string[];
  /** data rows, fully empty rows left out; each row has at least headers.length cells */
  rows: string[][];
  /** rowNumbers[i] is the row number a spreadsheet shows for rows[i] (the header is row 1) */
  rowNumbers: number[];
  /** the row number of the header row (1 unless the file starts with empty rows) */
  headerRow: number;
  format: "csv" | "xlsx";
  /** CSV only */
  encoding?: DetectedEncoding;
}

/** A file that cannot be read as a table; the message is Japanese and shown to the user as is. */
export class TableReadError extends Error {
  override name = "TableReadError";
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] as const;

function startsWith(buf: Buffer, magic: readonly number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Reads CSV (UTF-8 or Shift_JIS; TSV when tabs dominate the first line) or XLSX (first worksheet).
 * The magic bytes win over the extension: an .xlsx renamed to .csv is still read as XLSX.
 */
export async function readTable(buf: Buffer, fileName: string): Promise<Table> {
  const ext = extensionOf(fileName);
  if (startsWith(buf, ZIP_MAGIC)) return readXlsx(buf);
  if (startsWith(buf, OLE_MAGIC) || ext === "xls") {
    throw new TableReadError(
      "旧形式の Excel ファイル（.xls）には対応していません。.xlsx または CSV 形式で保存し直してください",
    );
  }
  if (ext === "xlsx" || ext === "xlsm") {
    throw new TableReadError(
      "Excel ファイル（.xlsx）として読み込めません。ファイルが壊れていないか確認してください",
    );
  }
  return readCsv(buf);
}

function isEmptyRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/** Splits records into header and data rows; `numbered` holds [spreadsheet row number, cells]. */
function toTable(
  numbered: Iterable<[number, string[]]>,
  format: Table["format"],
  encoding?: DetectedEncoding,
): Table {
  let headers: string[] | null = null;
  let headerRow = 1;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const [rowNumber, cells] of numbered) {
    if (isEmptyRow(cells)) continue;
    if (headers === null) {
      headers = cells.map((c) => c.trim());
      while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
      headerRow = rowNumber;
      continue;
    }
    while (cells.length < headers.length) cells.push("");
    rows.push(cells);
    rowNumbers.push(rowNumber);
  }
  const table: Table = { headers: headers ?? [], rows, rowNumbers, headerRow, format };
  if (encoding !== undefined) table.encoding = encoding;
  return table;
}

function guessDelimiter(text: string): "," | "\t" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const tabs = firstLine.split("\t").length - 1;
  const commas = firstLine.split(",").length - 1;
  return tabs > commas ? "\t" : ",";
}

function readCsv(buf: Buffer): Table {
  const { text, encoding } = decodeCsvBuffer(buf);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      // Hand-made Japanese CSVs often contain a stray " inside an unquoted field.
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = "lines" in err && typeof err.lines === "number" ? `${err.lines}行目付近で` : "";
      throw new TableReadError(
        `CSV ファイルを${line}読み込めません。引用符（"）の閉じ忘れがないか確認してください`,
      );
    }
    throw err;
  }
  // A record is one spreadsheet row even when a quoted field spans several lines, so row = record index + 1.
  function* numbered(): Generator<[number, string[]]> {
    for (let i = 0; i < records.length; i++) yield [i + 1, records[i] ?? []];
  }
  return toTable(numbered(), "csv", encoding);
}

async function readXlsx(buf: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it needs.
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new TableReadError(
      "Excel ファイル（.xlsx）として読み込めません。ファイルが壊れていないか確認してください",
    );
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return toTable([], "xlsx");
  const numbered: [number, string[]][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      while (cells.length < colNumber - 1) cells.push("");
      cells[colNumber - 1] = cellText(cell.value);
    });
    numbered.push([rowNumber, cells]);
  });
  return toTable(numbered, "xlsx");
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Excel stores wall-clock time without a zone and exceljs returns it as the same fields in UTC,
 * so the UTC fields are the JST time the user typed. Rounded to the minute: serials carry float noise.
 */
export function formatExcelDate(date: Date): string {
  const d = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatExcelDate(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null);
  if ("error" in value) return value.error;
  return "";
}
