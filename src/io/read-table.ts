// Reads an uploaded CSV/TSV or XLSX file into a header row and text rows, keeping spreadsheet row numbers.
// Both formats are read as streams and stop at the row limit, so a file of millions of rows costs no more memory
// than the limit allows, and the event loop keeps turning (other requests are answered while a file is read).
import { Readable } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { CsvError, parse } from "csv-parse";
import { type DetectedEncoding, decodeChunks, detectCsvEncoding } from "./decode-text.js";
import { type ImportLimits, importLimits, limitMessages } from "./import-limits.js";
import { findMixedEncoding, mixedEncodingMessage } from "./mixed-encoding.js";
import { openXlsx, type RawCell, XlsxFormatError, XlsxLimitError } from "./read-xlsx.js";

export { formatExcelDate } from "./read-xlsx.js";

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
const BROKEN_XLSX = "Excel ファイル（.xlsx）として読み込めません。ファイルが壊れていないか確認してください";

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
 * `limits` replaces some of {@link IMPORT_LIMITS} (tests); a file over a limit is refused with a Japanese message.
 */
export async function readTable(
  buf: Buffer,
  fileName: string,
  limits?: Partial<ImportLimits>,
): Promise<Table> {
  const lim = importLimits(limits);
  if (buf.length > lim.maxBytes) throw new TableReadError(limitMessages.bytes(lim.maxBytes));
  const ext = extensionOf(fileName);
  if (startsWith(buf, ZIP_MAGIC)) return readXlsx(buf, lim);
  if (startsWith(buf, OLE_MAGIC) && (ext === "xlsx" || ext === "xlsm")) {
    // Excel saves a workbook with a password as an encrypted OLE file, not as a zip.
    throw new TableReadError(
      "パスワード付きの Excel ファイルは読み込めません。パスワードを外して保存し直してください",
    );
  }
  if (startsWith(buf, OLE_MAGIC) || ext === "xls") {
    throw new TableReadError(
      "旧形式の Excel ファイル（.xls）には対応していません。.xlsx または CSV 形式で保存し直してください",
    );
  }
  if (ext === "xlsx" || ext === "xlsm") throw new TableReadError(BROKEN_XLSX);
  return readCsv(buf, lim);
}

function isEmptyRow(cells: readonly RawCell[]): boolean {
  return cells.every((c) => typeof c === "string" && c.trim() === "");
}

/**
 * Counts data rows as they are read and stops the read at the first row over the limit. The first non-empty row
 * is the header; empty rows do not count.
 */
function rowCounter(maxRows: number): (cells: readonly RawCell[]) => void {
  let seenHeader = false;
  let dataRows = 0;
  return (cells) => {
    if (isEmptyRow(cells)) return;
    if (!seenHeader) {
      seenHeader = true;
      return;
    }
    if (++dataRows > maxRows) throw new TableReadError(limitMessages.rows(maxRows));
  };
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

function guessDelimiter(firstChunk: string): "," | "\t" {
  const firstLine = firstChunk.slice(0, firstChunk.search(/\r?\n|$/));
  const tabs = firstLine.split("\t").length - 1;
  const commas = firstLine.split(",").length - 1;
  return tabs > commas ? "\t" : ",";
}

/** Records between two turns of the event loop (about 10 ms of parsing). */
const RECORDS_PER_TURN = 2000;

async function readCsv(buf: Buffer, limits: ImportLimits): Promise<Table> {
  const encoding = detectCsvEncoding(buf);
  const mixed = findMixedEncoding(buf, encoding);
  if (mixed) throw new TableReadError(mixedEncodingMessage(mixed));
  const chunks = decodeChunks(buf, encoding);
  const first = chunks.next();
  const firstText = first.done ? "" : first.value;
  const source = Readable.from(
    (function* () {
      if (firstText !== "") yield firstText;
      yield* chunks;
    })(),
  );
  const parser = parse({
    delimiter: guessDelimiter(firstText),
    relax_column_count: true,
    // Hand-made Japanese CSVs often contain a stray " inside an unquoted field.
    relax_quotes: true,
    skip_empty_lines: false,
    // A quote left open would otherwise read the rest of the file into one field.
    max_record_size: limits.maxCellChars,
  });
  source.pipe(parser);
  const count = rowCounter(limits.maxRows);
  const numbered: [number, string[]][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // A record is one spreadsheet row even when a quoted field spans several lines, so row = record index + 1.
      const rowNumber = numbered.length + 1;
      for (let i = record.length - 1; i >= limits.maxColumns; i--) {
        if ((record[i] ?? "").trim() !== "") {
          throw new TableReadError(limitMessages.columns(limits.maxColumns, rowNumber, i + 1));
        }
      }
      if (record.length > limits.maxColumns) record.length = limits.maxColumns;
      count(record);
      numbered.push([rowNumber, record]);
      if (rowNumber % RECORDS_PER_TURN === 0) await yieldToEventLoop();
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = "lines" in err && typeof err.lines === "number" ? `${err.lines}行目付近で` : "";
      if (err.code === "CSV_MAX_RECORD_SIZE") {
        throw new TableReadError(
          `CSV ファイルを${line}読み込めません。1つの欄が長すぎます（上限 ${limits.maxCellChars.toLocaleString("ja-JP")}文字）。引用符（"）の閉じ忘れがないか確認してください`,
        );
      }
      throw new TableReadError(
        `CSV ファイルを${line}読み込めません。引用符（"）の閉じ忘れがないか確認してください`,
      );
    }
    throw err;
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
  return toTable(numbered, "csv", encoding);
}

async function readXlsx(buf: Buffer, limits: ImportLimits): Promise<Table> {
  const fail = (err: unknown): never => {
    if (err instanceof TableReadError) throw err;
    if (err instanceof XlsxLimitError) {
      throw new TableReadError(
        err.kind === "columns"
          ? limitMessages.columns(limits.maxColumns, err.row, err.column)
          : limitMessages.cellChars(limits.maxCellChars, err.row, err.column),
      );
    }
    if (err instanceof XlsxFormatError && err.tooLarge) {
      throw new TableReadError(limitMessages.xmlBytes(limits.maxXmlBytes));
    }
    if (err instanceof XlsxFormatError) throw new TableReadError(BROKEN_XLSX);
    throw err;
  };
  const numbered: [number, RawCell[]][] = [];
  let sharedCount = 0;
  try {
    const xlsx = await openXlsx(buf, limits);
    const count = rowCounter(limits.maxRows);
    for await (const [rowNumber, cells] of xlsx.rows) {
      count(cells);
      for (const c of cells) if (typeof c === "number") sharedCount++;
      numbered.push([rowNumber, cells]);
    }
    if (sharedCount === 0) return toTable(numbered as [number, string[]][], "xlsx");
    const indexes = new Int32Array(sharedCount);
    let k = 0;
    for (const [, cells] of numbered) for (const c of cells) if (typeof c === "number") indexes[k++] = c;
    const shared = await xlsx.sharedStrings(indexes);
    const resolved: [number, string[]][] = numbered.map(([rowNumber, cells]) => [
      rowNumber,
      cells.map((c, i) => {
        if (typeof c === "string") return c;
        if (shared.tooLong.has(c)) throw new XlsxLimitError("cellChars", rowNumber, i + 1);
        return shared.text.get(c) ?? "";
      }),
    ]);
    return toTable(resolved, "xlsx");
  } catch (err) {
    return fail(err);
  }
}
