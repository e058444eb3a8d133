/**
 * The tables behind the dashboard's charts, built from the counts API's answers: the same table is shown as the
 * chart's table view (web) and written to the chart's XLSX/CSV download (server), so the screen, the file and the
 * chart cannot disagree. Browser-safe; the inputs are typed by shape (src/shared imports no feature contract).
 */
import type { WordStat } from "./api-contract.js";

export type TableColumnKind = "label" | "count" | "change" | "percent";

export interface TableColumn {
  header: string;
  kind: TableColumnKind;
}

export interface TableCell {
  /** text for labels; a number for counts, changes and percents; null where there is nothing to show */
  value: string | number | null;
  /** the voice list's query string of exactly the voices counted in this cell, where there is one */
  listQuery?: string | null;
}

export interface TableRow {
  cells: TableCell[];
  /** a subtotal of a group, or the grand total */
  kind?: "subtotal" | "total";
}

export interface AnalysisTable {
  /** what the table shows (the chart's title), without the period */
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
}

/** What the builders read of a count (CountCell / CountRow of the analytics contract). */
interface CountLike {
  count: number;
  previous: number | null;
  change: number | null;
  changePercent: number | null;
  sharePercent: number | null;
  listQuery: string | null;
}
interface RowLike extends CountLike {
  keys: { key: string | null; id: number | null; label: string }[];
  shareOfGroupPercent: number | null;
}
interface PeriodLike {
  key: string;
  label: string;
  state: "upcoming" | "in_progress" | "complete";
}
/** What the builders read of a counts answer (CountsResponse of the analytics contract). */
export interface CountsLike {
  period: PeriodLike;
  comparison: PeriodLike | null;
  total: CountLike;
  byDimension: RowLike[][];
  rows: RowLike[];
}

const label = (value: string): TableCell => ({ value });
const num = (value: number | null, listQuery?: string | null): TableCell =>
  listQuery === undefined ? { value } : { value, listQuery };
const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
const sameKey = (a: RowLike["keys"][number] | undefined, b: RowLike["keys"][number] | undefined) =>
  a?.key === b?.key && a?.id === b?.id;

function comparisonColumns(c: CountsLike): TableColumn[] {
  if (!c.comparison) return [];
  return [
    { header: `前年同期（${c.comparison.label}）`, kind: "count" },
    { header: "増減（件）", kind: "change" },
    { header: "増減率（%）", kind: "percent" },
  ];
}

function comparisonCells(c: CountsLike, x: CountLike): TableCell[] {
  if (!c.comparison) return [];
  return [num(x.previous), num(x.change), num(x.changePercent)];
}

/** One dimension (by=channel): each value's count, share, and the comparison period's count and change. */
export function dimensionTable(
  c: CountsLike,
  opts: { title: string; dimensionLabel: string },
): AnalysisTable {
  const rows = c.byDimension[0] ?? c.rows;
  return {
    title: opts.title,
    columns: [
      { header: opts.dimensionLabel, kind: "label" },
      { header: `件数（${c.period.label}）`, kind: "count" },
      { header: "構成比（%）", kind: "percent" },
      ...comparisonColumns(c),
    ],
    rows: [
      ...rows.map((r) => ({
        cells: [
          label(r.keys[0]?.label ?? ""),
          num(r.count, r.listQuery),
          num(r.sharePercent),
          ...comparisonCells(c, r),
        ],
      })),
      {
        kind: "total",
        cells: [
          label("合計"),
          num(c.total.count, c.total.listQuery),
          num(c.total.count > 0 ? 100 : null),
          ...comparisonCells(c, c.total),
        ],
      },
    ],
  };
}

/**
 * Two dimensions as groups (by=type,category: each type by category, as seed 004's donuts): every combination
 * with its share within the group, a subtotal per group, and the grand total.
 */
export function groupedTable(
  c: CountsLike,
  opts: { title: string; dimensionLabels: [string, string] },
): AnalysisTable {
  const [first, second] = opts.dimensionLabels;
  const rows: TableRow[] = [];
  for (const group of c.byDimension[0] ?? []) {
    const name = group.keys[0]?.label ?? "";
    for (const r of c.rows.filter((x) => sameKey(x.keys[0], group.keys[0])))
      rows.push({
        cells: [
          label(name),
          label(r.keys[1]?.label ?? ""),
          num(r.count, r.listQuery),
          num(r.shareOfGroupPercent),
          ...comparisonCells(c, r),
        ],
      });
    rows.push({
      kind: "subtotal",
      cells: [
        label(name),
        label("計"),
        num(group.count, group.listQuery),
        num(group.count > 0 ? 100 : null),
        ...comparisonCells(c, group),
      ],
    });
  }
  rows.push({
    kind: "total",
    cells: [
      label("合計"),
      { value: null },
      num(c.total.count, c.total.listQuery),
      num(null),
      ...comparisonCells(c, c.total),
    ],
  });
  return {
    title: opts.title,
    columns: [
      { header: first, kind: "label" },
      { header: second, kind: "label" },
      { header: `件数（${c.period.label}）`, kind: "count" },
      { header: `${first}内の構成比（%）`, kind: "percent" },
      ...comparisonColumns(c),
    ],
    rows,
  };
}

/** Two dimensions as a cross-table (department × category): the first's values down, the second's across. */
export function crossTable(
  c: CountsLike,
  opts: { title: string; dimensionLabels: [string, string] },
): AnalysisTable {
  const across = c.byDimension[1] ?? [];
  const down = c.byDimension[0] ?? [];
  const cellOf = (a: RowLike, b: RowLike) =>
    c.rows.find((r) => sameKey(r.keys[0], a.keys[0]) && sameKey(r.keys[1], b.keys[0]));
  return {
    title: opts.title,
    columns: [
      { header: `${opts.dimensionLabels[0]}＼${opts.dimensionLabels[1]}`, kind: "label" },
      ...across.map((b) => ({ header: b.keys[0]?.label ?? "", kind: "count" as const })),
      { header: "合計", kind: "count" },
    ],
    rows: [
      ...down.map((a) => ({
        cells: [
          label(a.keys[0]?.label ?? ""),
          ...across.map((b) => {
            const x = cellOf(a, b);
            return num(x?.count ?? 0, x?.listQuery ?? null);
          }),
          num(a.count, a.listQuery),
        ],
      })),
      {
        kind: "total",
        cells: [
          label("合計"),
          ...across.map((b) => num(b.count, b.listQuery)),
          num(c.total.count, c.total.listQuery),
        ],
      },
    ],
  };
}

/** A month of a fiscal year (YYYY-MM) as its row label: 4月 */
const monthLabel = (key: string | null) => (key ? `${Number(key.slice(5, 7))}月` : "");

/**
 * The monthly trend: a fiscal year's months beside the same months of the year before (both whole years,
 * by=month without a comparison). Months that have not come yet are empty, not 0.
 */
export function fiscalMonthsTable(
  current: CountsLike,
  previous: CountsLike,
  opts: { title: string; today: string },
): AnalysisTable {
  const thisMonth = opts.today.slice(0, 7);
  const prevByMonth = new Map(previous.rows.map((r) => [r.keys[0]?.key?.slice(5, 7), r]));
  let curSum = 0;
  let prevSum = 0;
  let prevSumSoFar = 0;
  const rows: TableRow[] = current.rows.map((r) => {
    const key = r.keys[0]?.key ?? null;
    const p = prevByMonth.get(key?.slice(5, 7));
    const future = key !== null && key > thisMonth;
    const count = future ? null : r.count;
    const prev = p?.count ?? null;
    if (count !== null) curSum += count;
    if (prev !== null) prevSum += prev;
    if (count !== null && prev !== null) prevSumSoFar += prev;
    const change = count === null || prev === null ? null : count - prev;
    return {
      cells: [
        label(monthLabel(key)),
        num(count, future ? null : r.listQuery),
        num(prev, p?.listQuery ?? null),
        num(change),
        num(change === null || prev === null ? null : percent(change, prev)),
      ],
    };
  });
  // The year's total compares with the same months a year earlier, so a year in progress is not set against a
  // whole one.
  const change = curSum - prevSumSoFar;
  rows.push({
    kind: "total",
    cells: [
      label("合計"),
      num(curSum, current.total.listQuery),
      num(prevSum, previous.total.listQuery),
      num(change),
      num(percent(change, prevSumSoFar)),
    ],
  });
  return {
    title: opts.title,
    columns: [
      { header: "月", kind: "label" },
      { header: `件数（${current.period.label}）`, kind: "count" },
      { header: `件数（${previous.period.label}）`, kind: "count" },
      { header: "増減（件）", kind: "change" },
      { header: "増減率（%）", kind: "percent" },
    ],
    rows,
  };
}

/** The words that rose most from a year earlier (more voices using them), largest increase first. */
export function risingWords(words: readonly WordStat[], limit = 10): WordStat[] {
  return words
    .filter((w) => w.change > 0)
    .sort((a, b) => b.change - a.change || b.count - a.count || a.word.localeCompare(b.word, "ja"))
    .slice(0, limit);
}

export function risingWordsTable(
  words: readonly WordStat[],
  opts: { title: string; limit?: number },
): AnalysisTable {
  return {
    title: opts.title,
    columns: [
      { header: "言葉", kind: "label" },
      { header: "この言葉を含む声（件）", kind: "count" },
      { header: "前年同期（件）", kind: "count" },
      { header: "増減（件）", kind: "change" },
      { header: "増減率（%）", kind: "percent" },
    ],
    rows: risingWords(words, opts.limit).map((w) => ({
      cells: [
        label(w.word),
        num(w.count),
        num(w.previousCount),
        num(w.change),
        num(w.changeRate === null ? null : Math.round(w.changeRate * 1000) / 10),
      ],
    })),
  };
}
