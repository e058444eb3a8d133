// A report chart as a static SVG drawn on the server by ECharts' SSR renderer: no JavaScript reaches the page,
// and the HTML and the PDF show the same figure. Only the chart types and components used are registered.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ReportChart } from "../report-document.js";
import { escapeHtml, formatInteger } from "./format.js";

echarts.use([PieChart, BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** Single quotes: ECharts puts this into a double-quoted style attribute without escaping it. */
export const CHART_FONT = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";
/** Muted palette that prints well in colour and stays distinct in greyscale. */
const PALETTE = ["#2f6db5", "#e5883a", "#4c9f70", "#c0504d", "#8064a2", "#7f7f7f", "#d4b62c", "#4bacc6"];
const WIDTH = 640;
const HEIGHT = 320;

function option(chart: ReportChart): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: "#222" },
  };
  if (chart.type === "donut") {
    const values = chart.series[0]?.values ?? [];
    const total = values.reduce((a, b) => a + b, 0);
    return {
      ...base,
      series: [
        {
          type: "pie",
          radius: ["38%", "66%"],
          center: ["50%", "52%"],
          avoidLabelOverlap: true,
          emphasis: { disabled: true },
          label: {
            formatter: (p: { name: string; value: number }) => `${p.name}\n${formatInteger(p.value)}件`,
            fontFamily: CHART_FONT,
            lineHeight: 16,
          },
          data: chart.labels.map((name, i) => ({ name, value: values[i] ?? 0 })),
        },
        // The total in the hole, as the seeds' donuts print 「総数 18,973件」.
        {
          type: "pie",
          radius: [0, "30%"],
          center: ["50%", "52%"],
          silent: true,
          emphasis: { disabled: true },
          itemStyle: { color: "transparent" },
          label: {
            position: "center",
            formatter: `総数\n${formatInteger(total)}件`,
            fontSize: 15,
            fontWeight: "bold",
            lineHeight: 20,
            fontFamily: CHART_FONT,
          },
          data: [{ name: "総数", value: 1 }],
        },
      ],
    };
  }
  return {
    ...base,
    legend: chart.series.length > 1 ? { bottom: 0, textStyle: { fontFamily: CHART_FONT } } : undefined,
    grid: { left: 64, right: 24, top: 28, bottom: chart.series.length > 1 ? 56 : 32 },
    xAxis: { type: "category", data: chart.labels, axisLabel: { interval: 0, fontFamily: CHART_FONT } },
    yAxis: {
      type: "value",
      axisLabel: { formatter: (v: number) => formatInteger(v), fontFamily: CHART_FONT },
    },
    series: chart.series.map((s) => ({
      type: chart.type,
      name: s.name,
      data: s.values,
      emphasis: { disabled: true },
      label:
        chart.series.length === 1
          ? { show: true, position: "top", formatter: (p: { value: number }) => formatInteger(p.value) }
          : undefined,
    })),
  };
}

/**
 * Renders one chart; `key` makes the SVG's internal ids and classes unique in the page and independent of how
 * many charts this process drew before (so the same document always gives the same bytes).
 */
export function renderChartSvg(chart: ReportChart, key: string, label: string): string {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    instance.setOption(option(chart));
    const svg = instance.renderToSVGString();
    return (
      svg
        // Hover styles and ECharts' bookkeeping attributes mean nothing in a static page.
        .replace(/<style\s*>[\s\S]*?<\/style>/g, "")
        .replace(/\s(?:ecmeta_[a-z_]+|pointer-events)="[^"]*"/g, "")
        .replace(/\sclass="zr\d+-cls-\d+"/g, "")
        .replace(/\bzr\d+-/g, `${key}-`)
        .replace(/^<svg /, () => `<svg role="img" aria-label="${escapeHtml(label)}" `)
        .replace(/\n+/g, "\n")
    );
  } finally {
    instance.dispose();
  }
}
