// A report table as HTML: caption, a header that repeats on every printed page, numbers right-aligned.
import type { ReportCell, ReportTable } from "../report-document.js";
import { escapeHtml, formatCell } from "./format.js";

function isNumberColumn(table: ReportTable, index: number): boolean {
  const format = table.columns[index]?.format;
  if (format) return format !== "text";
  return table.rows.some((r) => typeof r[index] === "number");
}

function rowHtml(table: ReportTable, row: ReportCell[], className?: string): string {
  const cells = table.columns.map((column, i) => {
    const text = escapeHtml(formatCell(row[i] ?? null, column.format));
    // The first column names the row: a header cell, so screen readers announce it with each figure.
    if (i === 0) return `<th scope="row">${text}</th>`;
    return isNumberColumn(table, i) ? `<td class="number">${text}</td>` : `<td>${text}</td>`;
  });
  return `<tr${className ? ` class="${className}"` : ""}>${cells.join("")}</tr>`;
}

export function tableHtml(table: ReportTable, options: { caption?: boolean } = {}): string {
  const head = table.columns
    .map(
      (c, i) =>
        `<th scope="col"${isNumberColumn(table, i) ? ' class="number"' : ""}>${escapeHtml(c.label)}</th>`,
    )
    .join("");
  const body = table.rows.map((r) => rowHtml(table, r)).join("\n");
  const foot = table.totalRow ? `\n<tfoot>${rowHtml(table, table.totalRow, "total")}</tfoot>` : "";
  const caption = options.caption === false ? "" : `<caption>${escapeHtml(table.title)}</caption>`;
  const note = table.note ? `\n<p class="note">${escapeHtml(table.note)}</p>` : "";
  return `<table>${caption}
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>${foot}
</table>${note}`;
}
