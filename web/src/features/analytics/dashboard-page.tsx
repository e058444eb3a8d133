// ダッシュボード: what waits for me (work queues), what came in during a period and how it changed (tiles), and
// the charts of the annual voice report — monthly trend, each type by category, channels, department × category,
// rising words. Every number opens the voice list on exactly those voices; every chart has a table view and
// downloads. The period and filters live in the address, so a view can be shared.
import { Alert, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { useEffect, useMemo } from "react";
import { useSearchParams } from "react-router";
import { jstToday } from "../../../../src/domain/jst.js";
import { analyticsScopeFor } from "../../../../src/domain/roles.js";
import type { CountsResponse } from "../../../../src/features/analytics/contract.js";
import {
  crossTable,
  dimensionTable,
  fiscalMonthsTable,
  groupedTable,
  risingWords,
  risingWordsTable,
} from "../../../../src/shared/analysis-tables.js";
import { api } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";
import { OverdueInsurerReportsTile } from "../insurer-reports/overdue-reports-tile.js";
import { ChartCard } from "./chart-card.js";
import {
  channelsOption,
  donutGrid,
  donutsOption,
  donutTypes,
  heatmapOption,
  trendOption,
  wordsOption,
} from "./chart-options.js";
import { EmptyState } from "./dashboard-empty-state.js";
import { DashboardFilters } from "./dashboard-filters.js";
import { baseQuery, FILTER_KEYS, periodState, withParams } from "./dashboard-query.js";
import { Tile, TileSkeletons, WorkQueues } from "./dashboard-tiles.js";
import { count, slashDate } from "./format-figures.js";
import { CountTiles, HandlingTiles } from "./period-tiles.js";
import { type Loaded, useLoad } from "./use-load.js";

const TITLES = {
  trend: "月別の件数（今年度と前年度）",
  donuts: "種別ごとの分類別件数",
  channels: "受付チャネル別の件数",
  heatmap: "部署×分類の件数",
  words: "前年同期より増えている言葉",
} as const;

export function DashboardPage() {
  const user = useCurrentUser();
  const { taxonomy } = useReferenceData();
  const [params, setParams] = useSearchParams();
  const today = jstToday();
  const base = useMemo(() => baseQuery(params), [params]);
  const baseKey = base.toString();
  const { ref: widthRef, width } = useElementSize();

  const settings = useLoad("settings", () => api("GET /api/v1/settings"));
  const startMonth = settings.data?.fiscalYearStartMonth ?? null;
  const state = useMemo(() => (startMonth ? periodState(params, startMonth) : null), [params, startMonth]);

  // Staff see their own department's counts (the server holds them to it); the 部署 filter shows it fixed.
  const scope = analyticsScopeFor(user);
  const ownDepartment =
    scope.kind === "department"
      ? (taxonomy?.departments.find((d) => d.id === scope.departmentId) ?? null)
      : null;
  const byType = useLoadCounts(`type-category?${baseKey}`, withParams(base, { by: "type,category" }));
  // Requests compete for the server (on SQLite it runs one query at a time), so the charts' counts are asked for
  // once the tiles' are in: the numbers paint first.
  const chartsGo = !byType.loading;
  const channels = useLoadCounts(chartsGo ? `channel?${baseKey}` : null, withParams(base, { by: "channel" }));
  const departments = useLoadCounts(
    chartsGo ? `department-category?${baseKey}` : null,
    withParams(base, { by: "department,category" }),
  );

  // 未対応の苦情: complaints of the period still 受付 or 対応中, unless the type filter leaves complaints out.
  const typeFilter = params.get("type");
  const complaintsShown = !typeFilter || typeFilter.split(",").includes("complaint");
  const openComplaints = useLoadCounts(
    complaintsShown ? `open-complaints?${baseKey}` : null,
    withParams(base, { by: "type", type: "complaint", status: "received,in_progress", compare: "none" }),
  );
  const handling = useLoad(`handling?${baseKey}`, () =>
    api("GET /api/v1/analysis/handling", { query: base }),
  );
  // The queues of the user's role (none for a viewer, who handles nothing).
  const queues = useLoad("queues", () => api("GET /api/v1/analysis/queues"));

  // The trend: the fiscal year the period falls in, and the one before, whole.
  const filtersOnly = withParams(base, { period: undefined, from: undefined, to: undefined });
  const fy = state?.fiscalYear ?? null;
  const trendNow = useLoadCounts(
    fy === null || !chartsGo ? null : `trend-${fy}?${filtersOnly}`,
    withParams(filtersOnly, { period: `fy${fy}`, by: "month", compare: "none" }),
  );
  const trendBefore = useLoadCounts(
    fy === null || !chartsGo ? null : `trend-${fy === null ? "" : fy - 1}?${filtersOnly}`,
    withParams(filtersOnly, { period: `fy${fy === null ? "" : fy - 1}`, by: "month", compare: "none" }),
  );

  // Rising words: the period's days up to today, the same filters (staff: their department).
  const period = byType.data?.period ?? null;
  const wordsQuery = useMemo(() => {
    if (!period || period.state === "upcoming") return null;
    const q = new URLSearchParams({
      from: period.from,
      to: period.state === "in_progress" ? today : period.to,
    });
    for (const k of FILTER_KEYS) {
      const v = k === "department" && ownDepartment ? ownDepartment.code : params.get(k);
      if (v) q.set(k, v);
    }
    return q;
  }, [period, today, params, ownDepartment]);
  // Word analysis is the heaviest call (it reads every analysed text of both periods): it is asked for once the
  // counts are in, so it never holds up the numbers and the other charts.
  const countsIn = [channels, departments, handling, trendNow, trendBefore].every((x) => !x.loading);
  const words = useLoad(wordsQuery && countsIn ? `words?${wordsQuery}` : null, () =>
    api("GET /api/v1/analysis/words", {
      query: withParams(wordsQuery ?? new URLSearchParams(), { limit: "100" }),
    }),
  );

  const numbersShown = byType.data !== null;
  useEffect(() => {
    // The first meaningful paint: the tiles' numbers are on screen (measured by the browser test).
    if (numbersShown) performance.mark("koe:dashboard-numbers");
  }, [numbersShown]);

  const setQuery = (values: Record<string, string | undefined>) =>
    setParams((prev) => withParams(prev, values), { replace: true });

  const dept =
    (params.get("department") &&
      taxonomy?.departments.find((d) => d.code === params.get("department"))?.name) ||
    byType.data?.department?.name ||
    null;

  return (
    <Stack gap="md" ref={widthRef}>
      <Group justify="space-between" align="baseline">
        <Title order={2}>ダッシュボード</Title>
        {byType.data?.department && (
          <Text size="sm" c="dimmed">
            {byType.data.department.name}の集計
          </Text>
        )}
      </Group>

      {queues.data && <WorkQueues queues={queues.data.queues} />}
      <OverdueInsurerReportsTile />
      {queues.error && (
        <Alert color="red" role="alert">
          作業キューを読み込めませんでした：{queues.error}
        </Alert>
      )}

      {state && startMonth && (
        <DashboardFilters
          params={params}
          state={state}
          startMonth={startMonth}
          taxonomy={taxonomy}
          fixedDepartment={ownDepartment ? { code: ownDepartment.code, name: ownDepartment.name } : null}
          onChange={setQuery}
        />
      )}

      {byType.error && (
        <Alert color="red" role="alert" title="集計を表示できません">
          {byType.error}
        </Alert>
      )}

      {period && (
        <Text size="sm" data-testid="dashboard-period">
          <Text span fw={700}>
            {period.label}
          </Text>
          {period.kind !== "custom" && `（${period.rangeLabel}）`}
          {period.state === "in_progress" && `・${period.elapsedDays}日目／${period.totalDays}日`}
          {byType.data?.comparison &&
            `。増減は前年同期（${byType.data.comparison.label === byType.data.comparison.rangeLabel ? byType.data.comparison.rangeLabel : `${byType.data.comparison.label}・${byType.data.comparison.rangeLabel}`}）との比較です`}
        </Text>
      )}

      <EmptyState data={byType.data} department={dept} filtered={FILTER_KEYS.some((k) => params.get(k))} />

      {period?.state !== "upcoming" && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-label="件数" component="section">
            {byType.data ? <CountTiles data={byType.data} /> : <TileSkeletons n={5} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-label="対応状況" component="section">
            {complaintsShown &&
              (openComplaints.data ? (
                <Tile
                  id="open-complaints"
                  label="未対応の苦情"
                  value={count(openComplaints.data.total.count)}
                  unit="件"
                  detail="この期間に受け付け、受付・対応中のもの"
                  listQuery={openComplaints.data.total.listQuery}
                  accent="var(--mantine-color-red-6)"
                />
              ) : (
                <TileSkeletons n={1} />
              ))}
            {handling.data ? (
              <HandlingTiles data={handling.data} />
            ) : handling.error ? (
              <Alert color="red">{handling.error}</Alert>
            ) : (
              <TileSkeletons n={4} />
            )}
          </SimpleGrid>

          {trendNow.data && trendBefore.data ? (
            <ChartCard
              id="trend"
              title={TITLES.trend}
              periodLabel={`${trendNow.data.period.label}と${trendBefore.data.period.label}`}
              option={trendOption(trendNow.data, trendBefore.data, today)}
              table={fiscalMonthsTable(trendNow.data, trendBefore.data, { title: TITLES.trend, today })}
              height={300}
              empty={
                trendNow.data.total.count + trendBefore.data.total.count === 0
                  ? `この条件の声は、${trendNow.data.period.label}・${trendBefore.data.period.label}ともありません。`
                  : null
              }
              file={{
                path: "/api/v1/analysis/counts/download",
                query: withParams(filtersOnly, { period: `fy${fy}`, table: "fiscal_months" }),
              }}
              clickHint="棒（今年度）や点（前年度）を押すと、その月の声の一覧を開きます。"
            />
          ) : (
            <ChartCard {...loadingCard("trend", TITLES.trend, 300, trendNow.error ?? trendBefore.error)} />
          )}

          {byType.data && byType.data.total.count > 0 ? (
            <ChartCard
              id="donuts"
              title={TITLES.donuts}
              periodLabel={byType.data.period.label}
              option={donutsOption(byType.data, width)}
              table={groupedTable(byType.data, { title: TITLES.donuts, dimensionLabels: ["種別", "分類"] })}
              height={donutGrid(donutTypes(byType.data).length, width).height}
              file={{
                path: "/api/v1/analysis/counts/download",
                query: withParams(base, { by: "type,category", table: "grouped" }),
              }}
              clickHint="扇形を押すと、その種別・分類の声の一覧を開きます。"
            />
          ) : (
            byType.loading && <ChartCard {...loadingCard("donuts", TITLES.donuts, 600, null)} />
          )}

          {byType.data && byType.data.total.count > 0 && (
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              {channels.data ? (
                <ChartCard
                  id="channels"
                  title={TITLES.channels}
                  periodLabel={channels.data.period.label}
                  option={channelsOption(channels.data)}
                  table={dimensionTable(channels.data, {
                    title: TITLES.channels,
                    dimensionLabel: "受付チャネル",
                  })}
                  height={320}
                  file={{
                    path: "/api/v1/analysis/counts/download",
                    query: withParams(base, { by: "channel", table: "rows" }),
                  }}
                  clickHint="棒を押すと、そのチャネルの声の一覧を開きます。"
                />
              ) : (
                <ChartCard {...loadingCard("channels", TITLES.channels, 320, channels.error)} />
              )}
              {words.data && wordsQuery ? (
                <ChartCard
                  id="words"
                  title={TITLES.words}
                  periodLabel={`${slashDate(words.data.period.from)}〜${slashDate(words.data.period.to)}`}
                  option={wordsOption(risingWords(words.data.words), (w) =>
                    withParams(wordsQuery, { q: w }).toString(),
                  )}
                  table={risingWordsTable(words.data.words, { title: TITLES.words })}
                  empty={
                    risingWords(words.data.words).length === 0
                      ? words.data.pending > 0
                        ? `言葉の解析が終わっていません（解析待ち ${count(words.data.pending)} 件）。しばらくしてから開き直してください。`
                        : "前年同期より増えた言葉はありません。"
                      : null
                  }
                  height={320}
                  file={{
                    path: "/api/v1/analysis/words/download",
                    query: withParams(wordsQuery, { limit: "10" }),
                  }}
                  note={
                    <Text size="xs" c="dimmed">
                      件数はその言葉を含む声の数です。棒を押すとその言葉で声を検索します（検索は言い回しの違いも拾うため、件数が異なることがあります）。
                      {words.data.pending > 0 && `解析待ちが ${count(words.data.pending)} 件あります。`}
                    </Text>
                  }
                />
              ) : (
                <ChartCard {...loadingCard("words", TITLES.words, 320, words.error)} />
              )}
            </SimpleGrid>
          )}

          {byType.data &&
            byType.data.total.count > 0 &&
            (departments.data ? (
              <ChartCard
                id="heatmap"
                title={TITLES.heatmap}
                periodLabel={departments.data.period.label}
                option={heatmapOption(departments.data)}
                table={crossTable(departments.data, {
                  title: TITLES.heatmap,
                  dimensionLabels: ["部署", "分類"],
                })}
                height={110 + 34 * (departments.data.byDimension[0]?.length ?? 1)}
                file={{
                  path: "/api/v1/analysis/counts/download",
                  query: withParams(base, { by: "department,category", table: "cross" }),
                }}
                clickHint="マスを押すと、その部署・分類の声の一覧を開きます。"
              />
            ) : (
              <ChartCard {...loadingCard("heatmap", TITLES.heatmap, 400, departments.error)} />
            ))}
        </>
      )}
    </Stack>
  );
}

function useLoadCounts(key: string | null, query: URLSearchParams): Loaded<CountsResponse> {
  return useLoad(key, () => api("GET /api/v1/analysis/counts", { query }));
}

function loadingCard(id: string, title: string, height: number, error: string | null) {
  return {
    id,
    title,
    periodLabel: "",
    option: null,
    table: null,
    height,
    file: null,
    loading: error === null,
    empty: error ? `読み込めませんでした：${error}` : null,
  };
}
