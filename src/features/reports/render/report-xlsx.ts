// The report as an Excel workbook: a contents sheet, one sheet per table (the charts' numbers included), and the
// published texts (featured voices, improvement cases, sentences). Numbers stay numbers; every text goes behind
// the same formula guard as the other exports, so nothing a customer wrote can run as a formula.
import ExcelJS from "exceljs";
import { neutralizeFormula } from "../../../io/formula-guard.js";
import { formatDateJa } from "../../../shared/japanese-date.js";
import {
  REPORT_KIND_LABELS,
  type ReportCell,
  type ReportDocument,
  type ReportTable,
} from "../report-document.js";
import { sheetNamer } from "./sheet-names.js";
import { fixZipTimes } from "./zip-times.js";

type Format = ReportTable["columns"][number]["format"];

/** Percent values are in percent units (70.8 means 70.8%), so the format adds the sign without scaling. */
const NUMBER_FORMATS: Record<NonNullable<Format>, string | undefined> = {
  integer: "#,##0",
  percent: '0.0"%"',
  decimal: "0.0",
  text: undefined,
};

function cellValue(cell: ReportCell | undefined): string | number | null {
  if (cell === null || cell === undefined) return null;
  return typeof cell === "number" ? cell : neutralizeFormula(cell);
}

function addTableSheet(wb: ExcelJS.Workbook, name: string, table: ReportTable, heading: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 3 }] });
  ws.addRow([neutralizeFormula(table.title)]).font = { bold: true, size: 12 };
  ws.addRow([neutralizeFormula(heading)]);
  const header = ws.addRow(table.columns.map((c) => neutralizeFormula(c.label)));
  header.font = { bold: true };
  table.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    const longest = Math.max(
      c.label.length,
      ...table.rows.map((r) => (typeof r[i] === "string" ? String(r[i]).length : 8)),
    );
    column.width = Math.min(60, Math.max(10, longest * 2 + 2));
    const numFmt = c.format ? NUMBER_FORMATS[c.format] : undefined;
    if (numFmt) column.numFmt = numFmt;
  });
  for (const row of table.rows) ws.addRow(table.columns.map((_, i) => cellValue(row[i])));
  if (table.totalRow) {
    const total = table.totalRow;
    ws.addRow(table.columns.map((_, i) => cellValue(total[i]))).font = { bold: true };
  }
  if (table.note) ws.addRow([neutralizeFormula(table.note)]);
}

interface TextSheet {
  title: string;
  header: string[];
  rows: (string | null)[][];
}

function addTextSheet(wb: ExcelJS.Workbook, name: string, sheet: TextSheet): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(sheet.header.map(neutralizeFormula)).font = { bold: true };
  sheet.header.forEach((_, i) => {
    ws.getColumn(i + 1).width = i === sheet.header.length - 1 || sheet.header.length === 2 ? 80 : 24;
    ws.getColumn(i + 1).alignment = { wrapText: true, vertical: "top" };
  });
  for (const r of sheet.rows) ws.addRow(r.map((c) => (c === null ? null : neutralizeFormula(c))));
}

/** Every table of the document, in order, with the heading of the section it belongs to. */
function tablesOf(doc: ReportDocument): { heading: string; table: ReportTable }[] {
  return doc.sections.flatMap((s) => {
    switch (s.kind) {
      case "table":
      case "kpi":
        return [{ heading: s.heading, table: s.table }];
      case "chart":
        return s.charts.map((c) => ({ heading: s.heading, table: c.table }));
      case "principle":
        return s.principles.flatMap((p) =>
          p.table ? [{ heading: `${s.heading}／${p.title}`, table: p.table }] : [],
        );
      default:
        return [];
    }
  });
}

/** The published texts, one row per paragraph-sized piece, so the workbook carries everything the page says. */
function textSheets(doc: ReportDocument): TextSheet[] {
  const texts: (string | null)[][] = [];
  const voices: (string | null)[][] = [];
  const cases: (string | null)[][] = [];
  for (const s of doc.sections) {
    if (s.kind === "text") texts.push([s.heading, s.body]);
    else if (s.kind === "principle")
      for (const p of s.principles) texts.push([`${s.heading}／${p.title}`, p.body]);
    else if (s.body) texts.push([s.heading, s.body]);
    if (s.kind === "kpi") for (const sentence of s.sentences) texts.push([s.heading, sentence]);
    if (s.kind === "voices")
      for (const v of s.voices)
        voices.push([s.heading, v.theme ?? null, v.attribution ?? null, v.text, v.reply ?? null]);
    if (s.kind === "improvements")
      for (const c of s.cases) cases.push([s.heading, c.theme ?? null, c.voiceSummary, c.improvement]);
  }
  return [
    { title: "本文", header: ["見出し", "本文"], rows: texts },
    { title: "掲載した声", header: ["見出し", "テーマ", "属性", "声", "職員からの返信"], rows: voices },
    { title: "改善事例", header: ["見出し", "テーマ", "お客さまの声", "改善内容"], rows: cases },
  ].filter((s) => s.rows.length > 0);
}

export async function renderReportXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed from the document, so the same report always gives the same workbook.
  const at = new Date(Date.parse(doc.generatedAt) || 0);
  wb.created = at;
  wb.modified = at;
  wb.creator = "koe";
  wb.lastModifiedBy = "koe";
  wb.title = doc.title;
  const name = sheetNamer();
  const contents = wb.addWorksheet(name("目次"));
  const tables = tablesOf(doc).map((t) => ({ ...t, sheet: name(t.table.title) }));
  const texts = textSheets(doc).map((t) => ({ ...t, sheet: name(t.title) }));

  contents.getColumn(1).width = 28;
  contents.getColumn(2).width = 70;
  contents.addRow([neutralizeFormula(doc.title)]).font = { bold: true, size: 14 };
  contents.addRow(["作成者", neutralizeFormula(doc.organisationName)]);
  contents.addRow(["種類", REPORT_KIND_LABELS[doc.kind]]);
  contents.addRow(["期間", neutralizeFormula(doc.periodLabel)]);
  contents.addRow(["版", doc.version]);
  contents.addRow(["作成日", formatDateJa(doc.generatedAt)]);
  contents.addRow([]);
  contents.addRow(["シート", "内容"]).font = { bold: true };
  for (const t of [
    ...tables.map((x) => ({ sheet: x.sheet, about: `${x.heading}：${x.table.title}` })),
    ...texts.map((x) => ({ sheet: x.sheet, about: x.title })),
  ]) {
    const row = contents.addRow([null, neutralizeFormula(t.about)]);
    // An internal link to the sheet (a hyperlink cell, not a formula).
    row.getCell(1).value = { text: t.sheet, hyperlink: `#'${t.sheet.replace(/'/g, "''")}'!A1` };
    row.getCell(1).font = { color: { argb: "FF1D4F8A" }, underline: true };
  }

  for (const t of tables) addTableSheet(wb, t.sheet, t.table, t.heading);
  for (const t of texts) addTextSheet(wb, t.sheet, t);
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), doc.generatedAt);
}
