// Escaping and Japanese number formatting shared by the report's HTML, chart labels and site pages.
import type { ReportCell, ReportTable } from "../report-document.js";

type ColumnFormat = NonNullable<ReportTable["columns"][number]["format"]>;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every text that reaches HTML goes through here (text content and attribute values alike). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Free text as paragraphs: blank lines separate paragraphs, single newlines become <br>. */
export function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("\n");
}

const integerFormat = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 65893 → 「65,893」 */
export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

/** A number as its column asks: integers with 3 桁区切り, percents and decimals with one decimal. */
export function formatCell(cell: ReportCell, format: ColumnFormat | undefined): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  switch (format) {
    case "percent":
      return `${decimalFormat.format(cell)}%`;
    case "decimal":
      return decimalFormat.format(cell);
    case "integer":
    case undefined:
      return Number.isInteger(cell) ? formatInteger(cell) : decimalFormat.format(cell);
    case "text":
      return String(cell);
  }
}

/** Share of a part in a whole, in percent, for tables that add a 構成比 column. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}
