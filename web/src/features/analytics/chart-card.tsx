// A dashboard chart in its card: the title, a グラフ／表 toggle, and downloads — the numbers as XLSX or CSV
// (UTF-8 or Shift_JIS, from the server, in the same table as the table view) and the chart as PNG or SVG.
import { Button, Group, Loader, Menu, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { lazy, type ReactNode, Suspense, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { AnalysisTable } from "../../../../src/shared/analysis-tables.js";
import type { ChartOption } from "../../charts/echarts.js";
import { AnalysisTableView } from "./analysis-table-view.js";
import type { ChartHandle } from "./echart-view.js";

const EChartView = lazy(() => import("./echart-view.js").then((m) => ({ default: m.EChartView })));

/** Where the chart's numbers download from: the route's URL without format and encoding. */
export interface FileSource {
  path: "/api/v1/analysis/counts/download" | "/api/v1/analysis/words/download";
  query: URLSearchParams;
}

interface Props {
  /** a stable id for tests and the download's name */
  id: string;
  title: string;
  /** the period the numbers are for, shown under the title and in the table's caption */
  periodLabel: string;
  note?: ReactNode;
  option: ChartOption | null;
  table: AnalysisTable | null;
  height: number;
  file: FileSource | null;
  loading?: boolean;
  /** shown instead of the chart and table when there is nothing to draw */
  empty?: string | null;
  /** what a click on the chart opens, in words (a tooltip line under the chart) */
  clickHint?: string;
}

function saveUrl(url: string, name: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "_");

export function ChartCard(props: Props) {
  const { id, title, periodLabel, option, table, height, file, loading, empty } = props;
  const [view, setView] = useState<"chart" | "table">("chart");
  const chart = useRef<ChartHandle>(null);
  const navigate = useNavigate();
  const headingId = useId();
  const fileName = safeName(`${title}_${periodLabel}`);

  const fileUrl = (params: Record<string, string>) => {
    if (!file) return "";
    const q = new URLSearchParams(file.query);
    q.set("title", title);
    for (const [k, v] of Object.entries(params)) q.set(k, v);
    return `${file.path}?${q.toString()}`;
  };
  const saveImage = (type: "png" | "svg") => {
    if (type === "png") {
      const url = chart.current?.png();
      if (url) saveUrl(url, `${fileName}.png`);
      return;
    }
    const svg = chart.current?.svg();
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    saveUrl(url, `${fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const ready = !loading && !empty && option !== null && table !== null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={3} size="h4" id={headingId}>
              {title}
            </Title>
            <Text size="xs" c="dimmed">
              {periodLabel}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as "chart" | "table")}
              data={[
                { value: "chart", label: "グラフ" },
                { value: "table", label: "表" },
              ]}
              aria-label={`${title}の表示`}
              disabled={!ready}
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" disabled={!ready} aria-label={`${title}をダウンロード`}>
                  ダウンロード
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>数値（表）</Menu.Label>
                <Menu.Item component="a" href={fileUrl({ format: "xlsx" })} download>
                  Excel（.xlsx）
                </Menu.Item>
                <Menu.Item component="a" href={fileUrl({ format: "csv" })} download>
                  CSV（UTF-8）
                </Menu.Item>
                <Menu.Item component="a" href={fileUrl({ format: "csv", encoding: "sjis" })} download>
                  CSV（Shift_JIS・古い Excel 向け）
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>グラフ（画像）</Menu.Label>
                <Menu.Item onClick={() => saveImage("png")} disabled={view !== "chart"}>
                  画像（PNG）
                </Menu.Item>
                <Menu.Item onClick={() => saveImage("svg")} disabled={view !== "chart"}>
                  画像（SVG）
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        {props.note}
        {loading ? (
          <Group h={height} justify="center">
            <Loader aria-label={`${title}を読み込み中`} />
          </Group>
        ) : empty || !option || !table ? (
          <Text c="dimmed" py="xl" ta="center" data-testid={`chart-${id}-empty`}>
            {empty ?? "表示できる数値がありません。"}
          </Text>
        ) : view === "chart" ? (
          <>
            <Suspense
              fallback={
                <Group h={height} justify="center">
                  <Loader aria-label="グラフを読み込み中" />
                </Group>
              }
            >
              <EChartView
                ref={chart}
                option={option}
                height={height}
                label={`${title}のグラフ（${periodLabel}）。数値は「表」に切り替えると読めます。`}
                onItemClick={(q) => navigate(`/voices?${q}`)}
                testId={`chart-${id}-canvas`}
              />
            </Suspense>
            {props.clickHint && (
              <Text size="xs" c="dimmed">
                {props.clickHint}
              </Text>
            )}
          </>
        ) : (
          <AnalysisTableView table={table} caption={`${title}（${periodLabel}）`} testId={`table-${id}`} />
        )}
      </Stack>
    </Paper>
  );
}
