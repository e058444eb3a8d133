// A survey's results for a period: the headline figures (satisfaction score, change in ポイント, mean), each
// question as a bar chart with its table view (the same numbers), the breakdowns, the comments with their
// frequent words, the closed loop's voices, and the Excel download.
import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import type { QuestionResult, SurveyResults } from "../../../../src/features/surveys/contract.js";
import { api, apiUrl, errorMessage } from "../../api.js";

const pct = (x: number | null) => (x === null ? "—" : `${x.toFixed(1)}%`);
const mean = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const n = (x: number) => x.toLocaleString("ja-JP");

/** Bars drawn as plain boxes: each bar says its count and share in text, so the chart reads without colour. */
function BarChart({ q }: { q: QuestionResult }) {
  const max = Math.max(1, ...q.distribution.map((d) => d.count));
  return (
    <Stack gap={6} role="img" aria-label={`${q.label}のグラフ`} data-testid={`chart-${q.key}`}>
      {q.distribution.map((d) => (
        <Group key={d.value} gap="xs" wrap="nowrap">
          <Text size="sm" w={90} ta="right">
            {d.label}
          </Text>
          <Box bg="teal.6" h={18} w={`${Math.max(1, (d.count / max) * 60)}%`} style={{ borderRadius: 3 }} />
          <Text size="sm" data-testid="bar-value">
            {n(d.count)}件（{d.percent.toFixed(1)}%）
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function DistributionTable({ q }: { q: QuestionResult }) {
  return (
    <Table withTableBorder aria-label={`${q.label}の表`} data-testid={`table-${q.key}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>回答</Table.Th>
          <Table.Th ta="right">件数</Table.Th>
          <Table.Th ta="right">割合</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.distribution.map((d) => (
          <Table.Tr key={d.value}>
            <Table.Td>{d.label}</Table.Td>
            <Table.Td ta="right" data-testid="cell-count">
              {n(d.count)}
            </Table.Td>
            <Table.Td ta="right">{d.percent.toFixed(1)}%</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function QuestionCard({ q }: { q: QuestionResult }) {
  const [asTable, setAsTable] = useState(false);
  if (q.type === "text") {
    return (
      <Paper withBorder p="md">
        <Title order={4} size="h5">
          {q.label}（{n(q.answered)}件）
        </Title>
        {q.words.length > 0 && (
          <Group gap={6} mt="xs" aria-label="よく出る言葉">
            {q.words.map((w) => (
              <Badge key={w.word} variant="light">
                {w.word} {w.count}
              </Badge>
            ))}
          </Group>
        )}
        <Stack gap={4} mt="sm" component="ul" style={{ paddingLeft: "1.2em" }}>
          {q.texts.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced whole on each load
            <Text component="li" size="sm" key={i}>
              {t.text}
            </Text>
          ))}
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Title order={4} size="h5">
          {q.label}（回答 {n(q.answered)}件
          {q.figures ? `・満足度スコア ${pct(q.figures.topTwoBox)}・平均 ${mean(q.figures.mean)}` : ""}）
        </Title>
        <Button variant="subtle" size="xs" onClick={() => setAsTable((t) => !t)} aria-pressed={asTable}>
          {asTable ? "グラフで見る" : "表で見る"}
        </Button>
      </Group>
      <Box mt="sm">{asTable ? <DistributionTable q={q} /> : <BarChart q={q} />}</Box>
    </Paper>
  );
}

export function ResultsView({ surveyId }: { surveyId: number }) {
  // Empty: the server answers for the current fiscal year (its start month is a setting).
  const [period, setPeriod] = useState("");
  const [shown, setShown] = useState(period);
  const [r, setR] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api("GET /api/v1/surveys/:id/results", { params: { id: surveyId }, query: { period: shown } }).then(
      (res) => {
        setR(res);
        setError(null);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [surveyId, shown]);

  const h = r?.headline;
  return (
    <Stack gap="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShown(period);
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="期間"
            description="例: fy2023、2023年度上期、2023-04"
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
            error={error ?? undefined}
          />
          <Button type="submit">表示</Button>
          {r && (
            <Anchor
              href={apiUrl("GET /api/v1/surveys/:id/results/download", {
                params: { id: surveyId },
                query: { period: shown },
              })}
              download
            >
              Excel でダウンロード
            </Anchor>
          )}
        </Group>
      </form>
      {r && (
        <>
          <Text size="sm" c="dimmed">
            {r.period.label}（{r.period.from}〜{r.period.to}）・比較: {r.previousPeriod.label}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                回答数
              </Text>
              <Text fz="xl" fw={700} data-testid="responses">
                {n(r.responses)}件
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                満足度スコア（満足＋やや満足）
              </Text>
              <Text fz="xl" fw={700} data-testid="top-two-box">
                {pct(h?.topTwoBox ?? null)}
              </Text>
              <Text size="xs">{h?.change ? `前年同期より${h.change.label}` : "前年同期の回答なし"}</Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                平均（5段階）
              </Text>
              <Text fz="xl" fw={700} data-testid="mean">
                {mean(h?.mean ?? null)}
              </Text>
              <Text size="xs">前年同期 {mean(h?.previous.mean ?? null)}</Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                アンケートから登録された声
              </Text>
              <Text fz="xl" fw={700} data-testid="loop-voices">
                {n(r.voices.created)}件
              </Text>
              <Text size="xs">うち完了 {n(r.voices.closed)}件</Text>
            </Paper>
          </SimpleGrid>
          {r.questions.map((q) => (
            <QuestionCard key={q.key} q={q} />
          ))}
          {r.breakdowns.map((b) => (
            <Paper withBorder p="md" key={b.by}>
              <Title order={4} size="h5">
                {b.label}別
              </Title>
              <Table mt="xs" aria-label={`${b.label}別の満足度`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{b.label}</Table.Th>
                    <Table.Th ta="right">回答数</Table.Th>
                    <Table.Th ta="right">満足度スコア</Table.Th>
                    <Table.Th ta="right">平均</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.rows.map((row) => (
                    <Table.Tr key={row.key}>
                      <Table.Td>{row.label}</Table.Td>
                      <Table.Td ta="right">{n(row.responses)}</Table.Td>
                      <Table.Td ta="right">{pct(row.topTwoBox)}</Table.Td>
                      <Table.Td ta="right">{mean(row.mean)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}
