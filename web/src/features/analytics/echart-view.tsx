// One ECharts chart (loaded on its own chunk, so the dashboard's numbers paint before ECharts arrives). A click on
// a bar, slice, point or cell whose data item carries a `listQuery` opens the voice list on exactly those voices.
// The handle gives the chart as PNG (from the canvas) or SVG (the same option rendered once more as SVG).
import { type Ref, useEffect, useImperativeHandle, useRef } from "react";
import { type ChartOption, init } from "../../charts/echarts.js";

export interface ChartHandle {
  /** a data: URL of the chart as PNG, twice the screen's pixels, on white */
  png(): string | null;
  /** the chart as an SVG document */
  svg(): string | null;
}

interface Props {
  option: ChartOption;
  height: number;
  /** what the chart shows, for screen readers (the table view holds the numbers) */
  label: string;
  onItemClick?: (listQuery: string) => void;
  ref?: Ref<ChartHandle>;
  testId?: string;
}

export function EChartView({ option, height, label, onItemClick, ref, testId }: Props) {
  const div = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;

  useEffect(() => {
    const el = div.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => {
      const data = p.data as { listQuery?: string | null } | null | undefined;
      if (data?.listQuery) clicked.current?.(data.listQuery);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(
    ref,
    () => ({
      png: () =>
        chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" }) ?? null,
      svg: () => {
        const el = div.current;
        if (!el) return null;
        const svg = init(null, undefined, {
          renderer: "svg",
          ssr: true,
          width: el.clientWidth,
          height: el.clientHeight,
        });
        svg.setOption({ ...option, animation: false, backgroundColor: "#ffffff" });
        const text = svg.renderToSVGString();
        svg.dispose();
        return text;
      },
    }),
    [option],
  );

  return (
    <div ref={div} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height }} />
  );
}
