// ECharts with only the chart types and components koe draws, on the canvas renderer. `import * as echarts`
// bundled all of ECharts (1.1 MB); a new chart type or component is registered here.
import { BarChart, type BarSeriesOption, GraphChart, type GraphSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The options koe's charts may use: a chart type or component missing from use() fails the type-check. */
export type ChartOption = ComposeOption<
  BarSeriesOption | GraphSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init };
