// The effect check's chart (its own chunk, with ECharts): voices like the improvement's, month by month, before
// and after the completion month.
import type { EffectCheck } from "../../../../src/features/improvements/contract.js";
import type { ChartOption } from "../../charts/echarts.js";
import { EChartView } from "../analytics/echart-view.js";

const COLORS = { before: "#868e96", completion: "#fab005", after: "#228be6" } as const;

export function EffectChart({ effect }: { effect: EffectCheck }) {
  const option: ChartOption = {
    grid: { left: 40, right: 16, top: 24, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: effect.series.map((s) => s.month) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        type: "bar",
        name: "似た声の件数",
        data: effect.series.map((s) => ({ value: s.count, itemStyle: { color: COLORS[s.phase] } })),
        label: { show: true, position: "top" },
      },
    ],
  };
  return <EChartView option={option} height={260} label="完了前後の似た声の月別件数" testId="effect-chart" />;
}
