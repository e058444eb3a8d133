// よく出る言葉: the most frequent content words of a period with the change from a year earlier, and their
// co-occurrence network (Apache ECharts).
import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { WordsAnalysis } from "../../../src/features/text/contract.js";
import { api, errorMessage } from "../api.js";
import { type ChartOption, init as initChart } from "../charts/echarts.js";
import { labelOptions, useReferenceData } from "../reference-data.js";

const FILTER_KEYS = ["from", "to", "type", "category", "department", "channel"] as const;

function useChart(option: ChartOption | null) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || !option) return;
    const chart = initChart(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return ref;
}

function barOption(data: WordsAnalysis): ChartOption {
  const words = [...data.words].reverse();
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["今期", "前年同期"] },
    grid: { left: 110, right: 30, top: 30, bottom: 20 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: words.map((w) => w.word) },
    series: [
      { name: "今期", type: "bar", data: words.map((w) => w.count), itemStyle: { color: "#0ca678" } },
      {
        name: "前年同期",
        type: "bar",
        data: words.map((w) => w.previousCount),
        itemStyle: { color: "#ced4da" },
      },
    ],
  };
}

function graphOption(data: WordsAnalysis): ChartOption {
  const max = Math.max(1, ...data.network.nodes.map((n) => n.count));
  return {
    animation: false,
    tooltip: {},
    series: [
      {
        type: "graph",
        layout: "force",
        roam: true,
        label: { show: true, fontSize: 12 },
        force: { repulsion: 160, edgeLength: [40, 140] },
        data: data.network.nodes.map((n) => ({
          name: n.id,
          value: n.count,
          symbolSize: 12 + 36 * Math.sqrt(n.count / max),
        })),
        links: data.network.links.map((l) => ({
          source: l.source,
          target: l.target,
          value: l.jaccard,
          lineStyle: { width: 1 + 8 * l.jaccard, opacity: 0.6 },
        })),
      },
    ],
  };
}

export function WordsPage() {
  const [params, setParams] = useSearchParams();
  const { taxonomy } = useReferenceData();
  const [data, setData] = useState<WordsAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""])),
  );
  const query = params.toString();

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    const p = new URLSearchParams(query);
    const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, p.get(k) ?? undefined]));
    api("GET /api/v1/analysis/words", { query: { ...filters, limit: 30 } })
      .then((r) => live && setData(r))
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query]);

  const bar = useMemo(() => (data?.words.length ? barOption(data) : null), [data]);
  const graph = useMemo(() => (data?.network.nodes.length ? graphOption(data) : null), [data]);
  const barRef = useChart(bar);
  const graphRef = useChart(graph);

  function apply(event: FormEvent) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(form).filter(([, v]) => v)));
  }
  const field = (k: (typeof FILTER_KEYS)[number]) => ({
    value: form[k] ?? "",
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [k]: value }));
    },
  });
  const none = [{ value: "", label: "すべて" }];

  return (
    <Stack gap="md">
      <Title order={2}>よく出る言葉</Title>
      <Paper withBorder p="sm" component="form" onSubmit={apply} aria-label="条件">
        <SimpleGrid cols={{ base: 2, md: 6 }} spacing="sm">
          <TextInput label="受付日（から）" placeholder="今年度の初め" {...field("from")} />
          <TextInput label="受付日（まで）" placeholder="今日" {...field("to")} />
          <NativeSelect label="種別" data={[...none, ...labelOptions(taxonomy?.type)]} {...field("type")} />
          <NativeSelect
            label="分類"
            data={[...none, ...labelOptions(taxonomy?.category)]}
            {...field("category")}
          />
          <NativeSelect
            label="部署"
            data={[
              ...none,
              ...(taxonomy?.departments ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: d.code, label: d.name })),
            ]}
            {...field("department")}
          />
          <NativeSelect
            label="チャネル"
            data={[...none, ...labelOptions(taxonomy?.channel)]}
            {...field("channel")}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit">集計する</Button>
        </Group>
      </Paper>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {loading && <Loader aria-label="読み込み中" />}
      {data && (
        <Text size="sm" c="dimmed" data-testid="words-period">
          {data.period.from} 〜 {data.period.to}（声 {data.n.toLocaleString("ja-JP")} 件）、比較：
          {data.previousPeriod.from} 〜 {data.previousPeriod.to}
          {data.pending > 0 &&
            `。${data.pending.toLocaleString("ja-JP")} 件は解析待ちです（バックグラウンドで処理中）`}
        </Text>
      )}
      {data && data.words.length === 0 && <Text>この条件の声から言葉は見つかりませんでした。</Text>}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            上位の言葉（前年同期との比較）
          </Text>
          <div ref={barRef} style={{ width: "100%", height: 640 }} data-testid="words-bar" />
        </Paper>
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            一緒に出る言葉（共起ネットワーク）
          </Text>
          <div ref={graphRef} style={{ width: "100%", height: 640 }} data-testid="words-network" />
        </Paper>
      </SimpleGrid>
      {data && data.words.length > 0 && (
        <Paper withBorder p="sm">
          <table aria-label="よく出る言葉" style={{ width: "100%", borderCollapse: "collapse" }}>
            <thead>
              <tr>
                <th style={{ textAlign: "left" }}>言葉</th>
                <th style={{ textAlign: "right" }}>件数</th>
                <th style={{ textAlign: "right" }}>前年同期</th>
                <th style={{ textAlign: "right" }}>増減</th>
              </tr>
            </thead>
            <tbody>
              {data.words.map((w) => (
                <tr key={w.word}>
                  <td>{w.word}</td>
                  <td style={{ textAlign: "right" }}>{w.count.toLocaleString("ja-JP")}</td>
                  <td style={{ textAlign: "right" }}>{w.previousCount.toLocaleString("ja-JP")}</td>
                  <td style={{ textAlign: "right" }}>
                    {w.change > 0 ? "+" : ""}
                    {w.change.toLocaleString("ja-JP")}
                    {w.changeRate !== null &&
                      `（${w.changeRate > 0 ? "+" : ""}${Math.round(w.changeRate * 100)}%）`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Paper>
      )}
    </Stack>
  );
}
