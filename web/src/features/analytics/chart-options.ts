// The dashboard's ECharts options, built from the counts API's answers. Every bar, slice, point and cell carries
// the `listQuery` of exactly the voices it counts, which EChartView opens on a click. Types only from ECharts here:
// the library itself loads with the chart (echart-view.tsx).
import type { CountRow, CountsResponse } from "../../../../src/features/analytics/contract.js";
import type { WordStat } from "../../../../src/shared/api-contract.js";
import type { ChartOption } from "../../charts/echarts.js";
import { count } from "./format-figures.js";

/** Colours by type code (the seeds' reports: thanks green, requests blue, complaints red). */
const TYPE_COLORS: Record<string, string> = {
  praise: "#2f9e44",
  request: "#1971c2",
  complaint: "#e03131",
  other: "#868e96",
};
/** Categories keep one colour across the donuts, by their order. */
const CATEGORY_COLORS = [
  "#0c8599",
  "#f08c00",
  "#7048e8",
  "#2b8a3e",
  "#d6336c",
  "#868e96",
  "#5c7cfa",
  "#e8590c",
];
const NOW = "#0ca678";
const BEFORE = "#adb5bd";
const FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", sans-serif';

export const typeColor = (code: string | null, i: number) =>
  (code ? TYPE_COLORS[code] : undefined) ?? CATEGORY_COLORS[i % CATEGORY_COLORS.length] ?? "#868e96";

const base = { animation: false, textStyle: { fontFamily: FONT } } satisfies ChartOption;

/** The same listQuery on the comparison period's days (its voices, with the same filters). */
export function comparisonQuery(listQuery: string | null, c: CountsResponse): string | null {
  if (!listQuery || !c.comparison) return null;
  const q = new URLSearchParams(listQuery);
  q.set("from", c.comparison.from);
  q.set("to", c.comparison.to);
  return q.toString();
}

/** Monthly trend: this fiscal year's months as bars, last year's as a line; months to come are left empty. */
export function trendOption(current: CountsResponse, previous: CountsResponse, today: string): ChartOption {
  const thisMonth = today.slice(0, 7);
  const prevBy = new Map(previous.rows.map((r) => [r.keys[0]?.key?.slice(5, 7), r]));
  const months = current.rows.map((r) => r.keys[0]?.key ?? "");
  return {
    ...base,
    tooltip: { trigger: "axis", valueFormatter: (v) => (typeof v === "number" ? `${count(v)}件` : "－") },
    legend: { top: 0, data: [current.period.label, previous.period.label] },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: months.map((m) => `${Number(m.slice(5, 7))}月`) },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => count(v) } },
    series: [
      {
        name: current.period.label,
        type: "bar",
        itemStyle: { color: NOW },
        barMaxWidth: 36,
        data: current.rows.map((r) => {
          const key = r.keys[0]?.key ?? "";
          return key > thisMonth ? { value: null } : { value: r.count, listQuery: r.listQuery };
        }),
      },
      {
        name: previous.period.label,
        type: "line",
        itemStyle: { color: "#495057" },
        lineStyle: { color: "#868e96", width: 2 },
        symbolSize: 8,
        data: months.map((m) => {
          const p = prevBy.get(m.slice(5, 7));
          return p ? { value: p.count, listQuery: p.listQuery } : { value: null };
        }),
      },
    ],
  };
}

export const DONUT_ROW_HEIGHT = 320;

/** The types drawn as donuts: those with voices in the period (the table lists every type). */
export const donutTypes = (c: CountsResponse) => (c.byDimension[0] ?? []).filter((t) => t.count > 0);

/** Donuts per row: four side by side on a wide screen, else two. */
export function donutGrid(n: number, width: number): { perRow: number; rows: number; height: number } {
  // Three types (as in seed 004: thanks, requests, complaints) fit side by side on a laptop screen.
  const perRow =
    width >= 1500 ? Math.min(4, Math.max(1, n)) : n === 3 && width >= 1100 ? 3 : Math.min(2, Math.max(1, n));
  const rows = Math.max(1, Math.ceil(n / perRow));
  return { perRow, rows, height: rows * DONUT_ROW_HEIGHT };
}

/** Each type by category, as the seed 004 report's donuts: one ring per type, the type's total in its centre. */
export function donutsOption(c: CountsResponse, width: number): ChartOption {
  const types = donutTypes(c);
  const categories = c.byDimension[1] ?? [];
  const colorOf = new Map(categories.map((cat, i) => [cat.keys[0]?.key ?? `#${i}`, CATEGORY_COLORS[i % 8]]));
  const { perRow, rows } = donutGrid(types.length, width);
  // Rings sized in pixels from one cell of the grid, leaving room for the labels around them.
  const outer = Math.round(Math.min(width / perRow, DONUT_ROW_HEIGHT) * 0.3);
  const center = (i: number): [string, string] => [
    `${((i % perRow) + 0.5) * (100 / perRow)}%`,
    `${(Math.floor(i / perRow) + 0.55) * (100 / rows)}%`,
  ];
  return {
    ...base,
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const x = p as { seriesName?: string; name?: string; value?: number; percent?: number };
        return `${x.seriesName}・${x.name}<br/>${count(x.value ?? 0)}件（${x.percent ?? 0}%）`;
      },
    },
    title: types.map((t, i) => {
      const [left, top] = center(i);
      return {
        text: t.keys[0]?.label ?? "",
        subtext: `${count(t.count)}件`,
        left,
        top,
        textAlign: "center",
        textVerticalAlign: "middle",
        textStyle: { fontSize: 14, fontWeight: "bold", fontFamily: FONT },
        subtextStyle: { fontSize: 13, color: "#343a40", fontFamily: FONT },
        itemGap: 4,
      };
    }),
    series: types.map((t, i) => ({
      name: t.keys[0]?.label ?? "",
      type: "pie" as const,
      radius: [Math.round(outer * 0.62), outer],
      center: center(i),
      avoidLabelOverlap: true,
      minShowLabelAngle: 4,
      label: {
        formatter: (p) => `${p.name}\n${count(Number(p.value ?? 0))}件`,
        fontSize: 11,
        lineHeight: 14,
      },
      labelLine: { length: 6, length2: 6 },
      itemStyle: { borderColor: "#fff", borderWidth: 1 },
      data: c.rows
        .filter((r) => r.keys[0]?.id === t.keys[0]?.id && r.count > 0)
        .sort((a, b) => b.count - a.count)
        .map((r) => ({
          name: r.keys[1]?.label ?? "",
          value: r.count,
          listQuery: r.listQuery,
          itemStyle: { color: colorOf.get(r.keys[1]?.key ?? "") ?? "#ced4da" },
        })),
    })),
  };
}

/** Channels: this period's bars beside the comparison period's. */
export function channelsOption(c: CountsResponse): ChartOption {
  const rows = [...(c.byDimension[0] ?? [])].reverse();
  return {
    ...base,
    tooltip: { trigger: "axis", valueFormatter: (v) => (typeof v === "number" ? `${count(v)}件` : "－") },
    legend: { top: 0, data: [c.period.label, ...(c.comparison ? ["前年同期"] : [])] },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => count(v) } },
    yAxis: { type: "category", data: rows.map((r) => r.keys[0]?.label ?? "") },
    series: [
      {
        name: c.period.label,
        type: "bar",
        itemStyle: { color: NOW },
        label: { show: true, position: "right", formatter: (p) => count(Number(p.value ?? 0)) },
        data: rows.map((r) => ({ value: r.count, listQuery: r.listQuery })),
      },
      ...(c.comparison
        ? [
            {
              name: "前年同期",
              type: "bar" as const,
              itemStyle: { color: BEFORE },
              data: rows.map((r) => ({ value: r.previous ?? 0, listQuery: comparisonQuery(r.listQuery, c) })),
            },
          ]
        : []),
    ],
  };
}

/** Department × category as a heat map: each cell's count written in it. */
export function heatmapOption(c: CountsResponse): ChartOption {
  const departments = c.byDimension[0] ?? [];
  const categories = c.byDimension[1] ?? [];
  const di = new Map(departments.map((d, i) => [d.keys[0]?.id, departments.length - 1 - i]));
  const ci = new Map(categories.map((x, i) => [x.keys[0]?.id, i]));
  const max = Math.max(1, ...c.rows.map((r) => r.count));
  return {
    ...base,
    tooltip: {
      formatter: (p) => {
        const x = p as { data?: { value: [number, number, number] } };
        const [col, row, n] = x.data?.value ?? [0, 0, 0];
        const d = departments[departments.length - 1 - row]?.keys[0]?.label ?? "";
        return `${d}・${categories[col]?.keys[0]?.label ?? ""}<br/>${count(n)}件`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: {
      type: "category",
      data: categories.map((x) => x.keys[0]?.label ?? ""),
      splitArea: { show: true },
    },
    yAxis: {
      type: "category",
      data: [...departments].reverse().map((d) => d.keys[0]?.label ?? ""),
      splitArea: { show: true },
    },
    visualMap: {
      type: "continuous",
      min: 0,
      max,
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 8,
      itemHeight: 160,
      text: [`${count(max)}件`, "0件"],
      inRange: { color: ["#f8f9fa", "#96f2d7", "#0ca678", "#087f5b"] },
    },
    series: [
      {
        type: "heatmap",
        label: {
          show: true,
          formatter: (p) => count((p.data as { value: [number, number, number] }).value[2]),
        },
        emphasis: { itemStyle: { borderColor: "#212529", borderWidth: 1 } },
        data: c.rows.map((r: CountRow) => ({
          value: [ci.get(r.keys[1]?.id) ?? 0, di.get(r.keys[0]?.id) ?? 0, r.count],
          listQuery: r.count > 0 ? r.listQuery : null,
        })),
      },
    ],
  };
}

/** The words that rose most: how many voices used each now and a year earlier. */
export function wordsOption(words: WordStat[], listQueryOf: (word: string) => string): ChartOption {
  const rows = [...words].reverse();
  return {
    ...base,
    tooltip: { trigger: "axis", valueFormatter: (v) => (typeof v === "number" ? `${count(v)}件` : "－") },
    legend: { top: 0, data: ["今期", "前年同期"] },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((w) => w.word) },
    series: [
      {
        name: "今期",
        type: "bar",
        itemStyle: { color: "#f08c00" },
        label: {
          show: true,
          position: "right",
          formatter: (p) => `▲${count(rows[p.dataIndex]?.change ?? 0)}`,
        },
        data: rows.map((w) => ({ value: w.count, listQuery: listQueryOf(w.word) })),
      },
      { name: "前年同期", type: "bar", itemStyle: { color: BEFORE }, data: rows.map((w) => w.previousCount) },
    ],
  };
}
