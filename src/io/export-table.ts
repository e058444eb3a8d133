// Writes a small table of figures (a dashboard chart's numbers) as CSV (UTF-8 with BOM or Shift_JIS) or XLSX,
// with the same Excel safety as the voice export: CRLF and a BOM for UTF-8, CP932 with the wave-dash fixes for
// Shift_JIS, and the formula guard on text. Numbers stay numbers (XLSX cells Excel can sum).
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { AnalysisTable, TableColumnKind } from "../shared/analysis-tables.js";
import { encodeCp932 } from "./export-voices.js";
import { escapeGuardLike, neutralizeFormula } from "./formula-guard.js";

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The table as CSV: the header row, then every row (subtotals and the total included), empty for no value. */
export function tableCsv(table: AnalysisTable, opts: { encoding?: "utf8" | "sjis" } = {}): Buffer {
  const records = [
    table.columns.map((c) => neutralizeFormula(c.header)),
    ...table.rows.map((r) =>
      r.cells.map((cell) =>
        cell.value === null
          ? ""
          : typeof cell.value === "number"
            ? String(cell.value)
            : neutralizeFormula(cell.value),
      ),
    ),
  ];
  const text = stringify(records, { record_delimiter: "\r\n" });
  return opts.encoding === "sjis" ? encodeCp932(text) : Buffer.concat([UTF8_BOM, Buffer.from(text, "utf8")]);
}

const NUMBER_FORMATS: Record<TableColumnKind, string | undefined> = {
  label: undefined,
  count: "#,##0",
  change: "+#,##0;-#,##0;0",
  percent: "0.0",
};

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ] */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, "・").slice(0, 31) || "集計";
}

/** The table as one XLSX sheet: bold frozen header, numbers as numeric cells, totals in bold. */
export async function tableXlsx(table: AnalysisTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    return {
      width: c.kind === "label" ? Math.max(14, c.header.length * 2 + 2) : Math.max(12, c.header.length * 2),
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = sheet.addRow(table.columns.map((c) => escapeGuardLike(c.header)));
  header.font = { bold: true };
  for (const r of table.rows) {
    const row = sheet.addRow(
      r.cells.map((cell) => (typeof cell.value === "string" ? escapeGuardLike(cell.value) : cell.value)),
    );
    if (r.kind) row.font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
