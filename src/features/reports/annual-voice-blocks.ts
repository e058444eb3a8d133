/**
 * The annual voice report's counted blocks (seeds 003/004): the year's total and its split by type, each type by
 * category, the channels, and the change from the year before — all from the analytics' counts (one count by
 * type × category with 前年同期, one by channel), turned into tables and charts that carry their numbers.
 */
import { yearOverYear } from "../../domain/kpi-wording.js";
import type { CountRow, CountsResponse } from "../analytics/contract.js";
import type { ReportChart, ReportSection, ReportTable } from "./report-document.js";

export interface AnnualCounts {
  periodLabel: string;
  byTypeCategory: CountsResponse;
  byChannel: CountsResponse;
}

const n = (x: number) => x.toLocaleString("ja-JP");
const labelOf = (r: CountRow, i = 0) => r.keys[i]?.label ?? "";
const codeOf = (r: CountRow, i = 0) => r.keys[i]?.key ?? null;
const counted = (rows: CountRow[]) => rows.filter((r) => r.count > 0 || (r.previous ?? 0) > 0);

function shareTable(title: string, first: string, rows: CountRow[], total: number): ReportTable {
  const share = (c: number) => (total > 0 ? Math.round((c / total) * 1000) / 10 : null);
  return {
    title,
    columns: [
      { label: first, format: "text" },
      { label: "件数", format: "integer" },
      { label: "構成比（%）", format: "decimal" },
    ],
    rows: rows.map((r) => [labelOf(r, r.keys.length - 1), r.count, share(r.count)]),
    totalRow: ["総数", rows.reduce((s, r) => s + r.count, 0), total > 0 ? 100 : null],
  };
}

function donut(title: string, table: ReportTable, rows: CountRow[]): ReportChart {
  return {
    type: "donut",
    title,
    labels: rows.map((r) => labelOf(r, r.keys.length - 1)),
    series: [{ name: "件数", values: rows.map((r) => r.count) }],
    table,
  };
}

/** 「感謝・評価46,682件」「意見・要望18,973件」「苦情238件」 */
const typeWords = (types: CountRow[]) => types.map((t) => `「${labelOf(t)}${n(t.count)}件」`).join("");

export function typeTotals(id: string, heading: string, body: string, c: AnnualCounts): ReportSection {
  const types = c.byTypeCategory.byDimension[0] ?? [];
  const shown = types.filter((t) => t.count > 0);
  const total = c.byTypeCategory.total.count;
  const table = shareTable("種別ごとの件数", "種別", shown, total);
  const sentence = `${c.periodLabel}は、合計${n(total)}件の「お客さまの声」をお寄せいただきました（${typeWords(shown)}）。`;
  return {
    kind: "chart",
    id,
    heading,
    charts: [donut("種別ごとの件数", table, shown)],
    body: [sentence, body].filter(Boolean).join("\n"),
  };
}

export function typeCategories(
  id: string,
  heading: string,
  body: string,
  c: AnnualCounts,
  config: { types?: unknown },
): ReportSection {
  const wanted = Array.isArray(config.types) ? config.types.map(String) : null;
  const types = (c.byTypeCategory.byDimension[0] ?? []).filter(
    (t) => t.count > 0 && (wanted === null || wanted.includes(codeOf(t) ?? "")),
  );
  const charts = types.map((t) => {
    const rows = c.byTypeCategory.rows.filter(
      (r) => codeOf(r) === codeOf(t) && r.keys[0]?.id === t.keys[0]?.id && r.count > 0,
    );
    const title = `${labelOf(t)}の分類別件数`;
    return donut(title, shareTable(title, "分類", rows, t.count), rows);
  });
  return { kind: "chart", id, heading, charts, ...(body ? { body } : {}) };
}

export function channels(id: string, heading: string, body: string, c: AnnualCounts): ReportSection {
  const rows = (c.byChannel.byDimension[0] ?? []).filter((r) => r.count > 0);
  const table = shareTable("窓口ごとの件数", "窓口", rows, c.byChannel.total.count);
  const chart: ReportChart = {
    type: "bar",
    title: "窓口ごとの件数",
    labels: rows.map((r) => labelOf(r)),
    series: [{ name: "件数", values: rows.map((r) => r.count) }],
    table,
  };
  return { kind: "chart", id, heading, charts: [chart], ...(body ? { body } : {}) };
}

export function yearOverYearSection(
  id: string,
  heading: string,
  body: string,
  c: AnnualCounts,
): ReportSection {
  const types = counted(c.byTypeCategory.byDimension[0] ?? []);
  const total = c.byTypeCategory.total;
  const sentence = (label: string, current: number, previous: number | null) => {
    if (previous === null) return `${label}は${n(current)}件でした。`;
    const w = yearOverYear(current, previous, "件");
    if (w === "前年と同数") return `${label}は${n(current)}件で、前年度と同数でした。`;
    return `${label}は${n(current)}件で、${w.replace(/^前年/, "前年度")}しました。`;
  };
  const table: ReportTable = {
    title: "前年度との比較",
    columns: [
      { label: "種別", format: "text" },
      { label: c.periodLabel, format: "integer" },
      { label: "前年度", format: "integer" },
      { label: "増減（件）", format: "integer" },
      { label: "増減率（%）", format: "decimal" },
    ],
    rows: types.map((t) => [labelOf(t), t.count, t.previous, t.change, t.changePercent]),
    totalRow: ["合計", total.count, total.previous, total.change, total.changePercent],
  };
  const sentences = [
    sentence("声の合計", total.count, total.previous),
    ...types.map((t) => sentence(labelOf(t), t.count, t.previous)),
  ];
  return { kind: "table", id, heading, table, body: [...sentences, body].filter(Boolean).join("\n") };
}
