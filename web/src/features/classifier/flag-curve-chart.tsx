// The recall / false-flag curve as a line chart (its own chunk, with ECharts): for each threshold on P(complaint),
// the share of complaints flagged and the share of the other voices flagged, with the chosen threshold marked.
import type { ModelReport } from "../../../../src/features/classifier/contract.js";
import type { ChartOption } from "../../charts/echarts.js";
import { EChartView } from "../analytics/echart-view.js";

const percent = (x: number) => Math.round(x * 1000) / 10;

export function FlagCurveChart({ curve, threshold }: { curve: ModelReport["curve"]; threshold: number }) {
  const option: ChartOption = {
    grid: { left: 48, right: 24, top: 40, bottom: 48 },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v) => (typeof v === "number" ? `${v}%` : String(v)),
    },
    xAxis: {
      type: "log",
      min: 0.01,
      max: 1,
      name: "しきい値（苦情の確率）",
      nameLocation: "middle",
      nameGap: 28,
      axisLabel: { formatter: (v: number) => String(v) },
    },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      {
        type: "line",
        name: "苦情を拾えた割合（再現率）",
        data: curve.map((p) => [p.threshold, percent(p.recall)]),
        itemStyle: { color: "#e8590c" },
        lineStyle: { color: "#e8590c" },
        symbolSize: 6,
      },
      {
        type: "line",
        name: "苦情以外に出た割合（誤表示）",
        data: curve.map((p) => [p.threshold, percent(p.falseFlagRate)]),
        itemStyle: { color: "#1c7ed6" },
        lineStyle: { color: "#1c7ed6" },
        symbolSize: 6,
      },
      {
        type: "line",
        name: "選んだしきい値",
        data: [
          [threshold, 0],
          [threshold, 100],
        ],
        itemStyle: { color: "#2b8a3e" },
        symbol: "none",
        lineStyle: { type: "dashed", color: "#2b8a3e" },
        tooltip: { show: false },
      },
    ],
  };
  return (
    <EChartView
      option={option}
      height={320}
      label="しきい値ごとの苦情の再現率と誤表示の割合（数値は表で確認できます）"
      testId="flag-curve-chart"
    />
  );
}
