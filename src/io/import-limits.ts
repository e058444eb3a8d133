// The limits of one import file, in one place: the HTTP body limit, the CLI and both readers (CSV, XLSX) use these.

export interface ImportLimits {
  /** data rows (the header and empty rows not counted); reading stops at the first row over it */
  maxRows: number;
  /** bytes of the file as uploaded */
  maxBytes: number;
  /** a value in a column further right than this refuses the file (a row of 16,384 columns would cost memory) */
  maxColumns: number;
  /** characters in one cell (a voice's content is at most 10,000; the check against that comes later, per row) */
  maxCellChars: number;
  /** XLSX: bytes of XML inflated from one part of the zip (a small zip can inflate to gigabytes) */
  maxXmlBytes: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxRows: 100_000,
  // 100,000 rows of CSV from the demo generator are about 41 MB; long voices may take twice that.
  maxBytes: 100 * 1024 * 1024,
  maxColumns: 200,
  maxCellChars: 1_000_000,
  maxXmlBytes: 1024 * 1024 * 1024,
};

export function importLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...IMPORT_LIMITS, ...overrides };
}

const count = (n: number) => n.toLocaleString("ja-JP");
const megabytes = (bytes: number) => `${count(Math.floor(bytes / (1024 * 1024)))} MB`;

/** Column letters as a spreadsheet shows them (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const limitMessages = {
  rows: (max: number) =>
    `行数が上限（${count(max)}行）を超えています。${count(max)}行以下のファイルに分けて取り込んでください`,
  bytes: (max: number) =>
    `ファイルが大きすぎます（上限 ${megabytes(max)}）。ファイルを分けて取り込んでください`,
  columns: (max: number, row: number, column: number) =>
    `列数が上限（${count(max)}列）を超えています（${count(row)}行目の${columnLetter(column)}列に値があります）。不要な列を削除してから取り込んでください`,
  cellChars: (max: number, row: number, column: number) =>
    `${count(row)}行目の${columnLetter(column)}列の文字数が上限（${count(max)}文字）を超えています`,
  xmlBytes: (max: number) =>
    `Excel ファイルを展開した大きさが上限（${megabytes(max)}）を超えています。ファイルを分けて取り込んでください`,
};
