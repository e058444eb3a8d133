// Reads the first worksheet of an XLSX as a stream of rows: the sheet is inflated and scanned chunk by chunk and
// reading stops at the row limit, so memory stays bounded whatever the file holds, and the event loop turns
// between chunks. Shared strings are read after the sheet, and only the ones its rows use.
import type { ImportLimits } from "./import-limits.js";
import { decodeXmlText, type XmlHandler, XmlScanner, xmlAttr } from "./xml-scan.js";
import { entryChunks, type ZipEntry, ZipEntryTooLargeError, zipEntries } from "./zip-entries.js";

/** A cell as read from the sheet: text, or the index of a shared string (resolved later). */
export type RawCell = string | number;

export interface XlsxSource {
  /** rows in sheet order, `[spreadsheet row number, cells]` */
  rows: AsyncGenerator<[number, RawCell[]]>;
  /** after `rows` is exhausted: the shared strings at `indexes` (the ones the rows referred to) */
  sharedStrings(indexes: Int32Array): Promise<SharedStrings>;
}

export interface SharedStrings {
  text: Map<number, string>;
  /** strings longer than the cell limit (left out of `text`) */
  tooLong: Set<number>;
}

/** The file is a zip but not a readable workbook; `tooLarge` when a part inflates past the limit. */
export class XlsxFormatError extends Error {
  override name = "XlsxFormatError";
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/** A limit from {@link ImportLimits} was passed while reading a row. */
export class XlsxLimitError extends Error {
  override name = "XlsxLimitError";
  constructor(
    readonly kind: "columns" | "cellChars",
    readonly row: number,
    readonly column: number,
  ) {
    super(`${kind} limit at row ${row}, column ${column}`);
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Excel stores wall-clock time without a zone; read as UTC fields it is the JST time the user typed.
 * Rounded to the minute: serials carry float noise.
 */
export function formatExcelDate(date: Date): string {
  const d = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the Japanese ones 27–36 and 50–58). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A format code with date or time parts once quoted text and [..] sections are removed ("yyyy/m/d", "ggge年m月d日"). */
function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    // escaped characters, padding and fill characters, exponents and "General" are not date parts
    .replace(/\\.|[_*]./g, "")
    .replace(/E[+-]/gi, "")
    .replace(/General/gi, "");
  // Any letter left is a date or time part (y m d h s, AM/PM, e and g for Japanese eras, b for Buddhist years).
  return /[ymdhsegba]/i.test(bare);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (Excel writes a CR in a cell as _x000D_). */
function unescapeOoxml(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Column number of a reference like "AB12" (1-based), or 0 when there is none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return col;
}

function joinPath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").filter(Boolean);
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/** Scans a whole (small) part with a handler, chunk by chunk. */
async function scanEntry(
  buf: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  handler: XmlHandler,
  stop?: () => boolean,
): Promise<void> {
  const scanner = new XmlScanner(handler);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of entryChunks(buf, entry, maxBytes)) {
    scanner.write(decoder.decode(chunk, { stream: true }));
    if (stop?.()) return;
  }
  scanner.write(decoder.decode());
  scanner.end();
}

const noText = () => {};

interface WorkbookParts {
  sheet: ZipEntry | undefined;
  sharedStrings: ZipEntry | undefined;
  dateStyles: boolean[];
  date1904: boolean;
}

const SMALL_PART = 64 * 1024 * 1024;

async function workbookParts(buf: Buffer, entries: Map<string, ZipEntry>): Promise<WorkbookParts> {
  const workbookEntry = entries.get("xl/workbook.xml");
  let firstSheetId: string | undefined;
  let date1904 = false;
  if (workbookEntry) {
    await scanEntry(buf, workbookEntry, SMALL_PART, {
      open(name, attrs) {
        if (name === "workbookPr") {
          const v = xmlAttr(attrs, "date1904");
          date1904 = v === "1" || v === "true";
        } else if (name === "sheet" && firstSheetId === undefined) {
          firstSheetId = /(?:^|\s)[\w.-]+:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
        }
      },
      close: noText,
      text: noText,
    });
  }
  const targets = new Map<string, string>();
  let sharedStringsPath: string | undefined;
  let stylesPath: string | undefined;
  const relsEntry = entries.get("xl/_rels/workbook.xml.rels");
  if (relsEntry) {
    await scanEntry(buf, relsEntry, SMALL_PART, {
      open(name, attrs) {
        if (name !== "Relationship") return;
        const id = xmlAttr(attrs, "Id");
        const target = xmlAttr(attrs, "Target");
        const type = xmlAttr(attrs, "Type") ?? "";
        if (target === undefined) return;
        const path = joinPath("xl", target);
        if (id !== undefined) targets.set(id, path);
        if (type.endsWith("/sharedStrings")) sharedStringsPath = path;
        if (type.endsWith("/styles")) stylesPath = path;
      },
      close: noText,
      text: noText,
    });
  }
  let sheet = firstSheetId === undefined ? undefined : entries.get(targets.get(firstSheetId) ?? "");
  if (sheet === undefined) {
    // No usable workbook.xml: the lowest-numbered sheet part.
    const sheets = [...entries.keys()]
      .map((name) => ({ name, n: Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] ?? Number.NaN) }))
      .filter((s) => !Number.isNaN(s.n))
      .sort((a, b) => a.n - b.n);
    sheet = sheets[0] ? entries.get(sheets[0].name) : undefined;
  }

  const dateStyles: boolean[] = [];
  const stylesEntry = entries.get(stylesPath ?? "xl/styles.xml");
  if (stylesEntry) {
    const customDate = new Map<number, boolean>();
    let inCellXfs = false;
    await scanEntry(buf, stylesEntry, SMALL_PART, {
      open(name, attrs) {
        if (name === "numFmt") {
          const id = Number(xmlAttr(attrs, "numFmtId"));
          customDate.set(id, isDateFormatCode(xmlAttr(attrs, "formatCode") ?? ""));
        } else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) {
          const id = Number(xmlAttr(attrs, "numFmtId") ?? 0);
          dateStyles.push(customDate.get(id) ?? isBuiltInDateFormat(id));
        }
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
      text: noText,
    });
  }
  return {
    sheet,
    sharedStrings: entries.get(sharedStringsPath ?? "xl/sharedStrings.xml"),
    dateStyles,
    date1904,
  };
}

/**
 * Collects the text of <t> elements inside the current element, leaving out phonetic runs (<rPh>: the furigana
 * Japanese Excel stores with a cell's text).
 */
class TextCollector {
  private pieces: string[] = [];
  private length = 0;
  private inT = false;
  private inPhonetic = 0;
  tooLong = false;

  constructor(private readonly maxChars: number) {}

  reset(): void {
    this.pieces = [];
    this.length = 0;
    this.tooLong = false;
  }
  open(name: string): void {
    if (name === "t") this.inT = true;
    else if (name === "rPh") this.inPhonetic++;
  }
  close(name: string): void {
    if (name === "t") this.inT = false;
    else if (name === "rPh") this.inPhonetic--;
  }
  text(raw: string): void {
    if (!this.inT || this.inPhonetic > 0) return;
    this.length += raw.length;
    if (this.length > this.maxChars * 8) this.tooLong = true;
    else this.pieces.push(raw);
  }
  value(): string {
    return unescapeOoxml(decodeXmlText(this.pieces.join("")));
  }
}

export async function openXlsx(buf: Buffer, limits: ImportLimits): Promise<XlsxSource> {
  let entries: Map<string, ZipEntry>;
  let parts: WorkbookParts;
  try {
    entries = zipEntries(buf);
    parts = await workbookParts(buf, entries);
  } catch (err) {
    throw asFormatError(err);
  }

  async function* rows(): AsyncGenerator<[number, RawCell[]]> {
    const { sheet, dateStyles, date1904 } = parts;
    if (sheet === undefined) return;
    const ready: [number, RawCell[]][] = [];
    let rowNumber = 0;
    let cells: RawCell[] | null = null;
    let nextColumn = 1;
    // the cell being read
    let column = 0;
    let type = "";
    let style = -1;
    let inValue = false;
    let inInline = false;
    let value: string[] = [];
    let valueLength = 0;
    const inline = new TextCollector(limits.maxCellChars);

    const finishCell = () => {
      if (cells === null) return;
      const raw = value.join("");
      let text: RawCell;
      switch (type) {
        case "s": {
          const index = Number.parseInt(raw, 10);
          text = Number.isNaN(index) ? "" : index;
          break;
        }
        case "inlineStr":
          text = inline.value();
          break;
        case "str":
          text = unescapeOoxml(decodeXmlText(raw));
          break;
        case "b":
          text = raw === "" ? "" : Number.parseInt(raw, 10) !== 0 ? "TRUE" : "FALSE";
          break;
        case "e":
          text = decodeXmlText(raw);
          break;
        case "d": {
          // ISO 8601 without a zone is wall-clock time, like a serial.
          const iso = raw.trim();
          text =
            iso === "" ? "" : formatExcelDate(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`));
          break;
        }
        default: {
          const trimmed = raw.trim();
          const num = Number(trimmed);
          if (trimmed === "" || Number.isNaN(num)) text = trimmed;
          else if (dateStyles[style] === true) text = formatExcelDate(excelSerialToDate(num, date1904));
          else text = formatNumber(num);
        }
      }
      if (inline.tooLong || (typeof text === "string" && text.length > limits.maxCellChars)) {
        throw new XlsxLimitError("cellChars", rowNumber, column);
      }
      if (text !== "") {
        if (column > limits.maxColumns) throw new XlsxLimitError("columns", rowNumber, column);
        while (cells.length < column - 1) cells.push("");
        cells[column - 1] = text;
      }
    };

    const handler: XmlHandler = {
      open(name, attrs) {
        if (inInline) {
          inline.open(name);
          return;
        }
        switch (name) {
          case "row": {
            const r = Number(xmlAttr(attrs, "r"));
            rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
            cells = [];
            nextColumn = 1;
            break;
          }
          case "c": {
            const ref = xmlAttr(attrs, "r");
            const col = ref === undefined ? 0 : columnOf(ref);
            column = col > 0 ? col : nextColumn;
            nextColumn = column + 1;
            type = xmlAttr(attrs, "t") ?? "n";
            style = Number(xmlAttr(attrs, "s") ?? -1);
            value = [];
            valueLength = 0;
            inline.reset();
            break;
          }
          case "v":
            inValue = true;
            break;
          case "is":
            inInline = true;
            break;
        }
      },
      close(name) {
        if (inInline) {
          if (name === "is") inInline = false;
          else inline.close(name);
          return;
        }
        switch (name) {
          case "v":
            inValue = false;
            break;
          case "c":
            finishCell();
            break;
          case "row":
            if (cells !== null) ready.push([rowNumber, cells]);
            cells = null;
            break;
        }
      },
      text(raw) {
        if (inInline) inline.text(raw);
        else if (inValue) {
          valueLength += raw.length;
          // Entities are at most 8 characters for one decoded character, so this bounds the decoded text too.
          if (valueLength > limits.maxCellChars * 8) throw new XlsxLimitError("cellChars", rowNumber, column);
          value.push(raw);
        }
      },
    };

    const scanner = new XmlScanner(handler);
    const decoder = new TextDecoder("utf-8");
    try {
      for await (const chunk of entryChunks(buf, sheet, limits.maxXmlBytes)) {
        scanner.write(decoder.decode(chunk, { stream: true }));
        // Rows go out as each chunk is scanned; the consumer stops at its limit and the inflating stops with it.
        for (const row of ready) yield row;
        ready.length = 0;
      }
      scanner.write(decoder.decode());
      scanner.end();
    } catch (err) {
      if (err instanceof XlsxLimitError) throw err;
      throw asFormatError(err);
    }
    yield* ready;
  }

  async function sharedStrings(indexes: Int32Array): Promise<SharedStrings> {
    const result: SharedStrings = { text: new Map(), tooLong: new Set() };
    const entry = parts.sharedStrings;
    if (entry === undefined || indexes.length === 0) return result;
    const wanted = indexes.slice().sort();
    const last = wanted[wanted.length - 1] ?? -1;
    let want = 0;
    let index = -1;
    let keep = false;
    const item = new TextCollector(limits.maxCellChars);
    try {
      await scanEntry(
        buf,
        entry,
        limits.maxXmlBytes,
        {
          open(name) {
            if (name !== "si") return item.open(name);
            index++;
            while (want < wanted.length && (wanted[want] as number) < index) want++;
            // Only the strings a row uses are kept.
            keep = wanted[want] === index;
            item.reset();
          },
          close(name) {
            if (name !== "si") return item.close(name);
            if (!keep) return;
            const text = item.tooLong ? "" : item.value();
            if (item.tooLong || text.length > limits.maxCellChars) result.tooLong.add(index);
            else result.text.set(index, text);
          },
          text(raw) {
            if (keep) item.text(raw);
          },
        },
        // Stop after the last string a row uses.
        () => index > last,
      );
    } catch (err) {
      throw asFormatError(err);
    }
    return result;
  }

  return { rows: rows(), sharedStrings };
}

function asFormatError(err: unknown): XlsxFormatError {
  if (err instanceof XlsxFormatError) return err;
  if (err instanceof ZipEntryTooLargeError) return new XlsxFormatError(err.message, true);
  if (err instanceof Error) return new XlsxFormatError(err.message);
  return new XlsxFormatError(String(err));
}
