// The retraining as it runs and as it ended: the latest job (read on opening and polled while it runs), its
// progress, and its outcome with the held-back scores.
import { Alert, Group, Paper, Progress, Stack, Table, Text } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RetrainJob } from "../../../../src/features/classifier/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatCount, formatDateTime } from "../../format.js";
import { f3 } from "./model-page-parts.js";

/** How often the page asks how a running retraining is doing. */
const POLL_MS = 1000;

const STAGE_LABELS: Record<RetrainJob["stage"], string> = {
  loading: "学習に使う声を読み込んでいます",
  training: "学習しています",
  evaluating: "確認用の声で今のモデルと比べています",
  saving: "新しいモデルを保存しています",
  done: "終わりました",
};

/**
 * The latest retraining, read on opening the page (so a reload while it runs shows it again) and every second while
 * it runs; `onFinished` runs when a running job ends, to show the new model and its history.
 */
export function useRetrainJob(onFinished: () => Promise<void>) {
  const [job, setJobState] = useState<RetrainJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wasRunning = useRef(false);
  const setJob = useCallback(
    (latest: RetrainJob | null) => {
      const running = latest?.state === "running";
      if (wasRunning.current && !running) void onFinished();
      wasRunning.current = running;
      setJobState(latest);
    },
    [onFinished],
  );
  const refresh = useCallback(async () => {
    try {
      setJob((await api("GET /api/v1/model/retrain")).job);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [setJob]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const running = job?.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);
  return { job, setJob, error };
}

function startedLine(job: RetrainJob): string {
  const who = job.source === "weekly" ? "毎週の自動学習" : (job.startedBy?.name ?? "");
  return `${formatDateTime(job.startedAt)} 開始${who ? `（${who}）` : ""}`;
}

export function RetrainProgress({ job }: { job: RetrainJob }) {
  const passes =
    job.stage === "training" && job.progress ? `（${job.progress.total}回中 ${job.progress.done}回目）` : "";
  return (
    <Paper withBorder p="sm" data-testid="retrain-progress" role="status" aria-live="polite">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            再学習中：{STAGE_LABELS[job.stage]}
            {passes}
          </Text>
          <Text size="sm" fw={600} data-testid="retrain-percent">
            {job.percent}%
          </Text>
        </Group>
        <Progress value={job.percent} size="lg" striped animated aria-label="再学習の進み具合" />
        <Text size="xs" c="dimmed">
          {startedLine(job)}。組み込みの学習データと組織の声で学習し直すため、数分かかることがあります。
          この画面を閉じても学習は続きます。
        </Text>
      </Stack>
    </Paper>
  );
}

export function RetrainOutcome({ job }: { job: RetrainJob }) {
  const when = `${startedLine(job)}${job.finishedAt ? ` ・ ${formatDateTime(job.finishedAt)} 終了` : ""}`;
  const result = job.result;
  if (job.state !== "succeeded" || !result)
    return (
      <Alert
        color="orange"
        title={job.state === "interrupted" ? "前回の再学習は中断しました" : "前回の再学習はできませんでした"}
        data-testid="retrain-result"
        role="status"
      >
        <Stack gap={4}>
          <Text size="sm">{job.error}</Text>
          <Text size="xs" c="dimmed">
            {when}
          </Text>
        </Stack>
      </Alert>
    );
  const held = result.version?.heldBack;
  const title = result.activated
    ? "再学習の結果：新しいモデルを使います"
    : "再学習の結果：確認用の声で今のモデルより良くならなかったため、新しいモデルは使いません";
  return (
    <Alert
      color={result.activated ? "teal" : "orange"}
      title={title}
      data-testid="retrain-result"
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{result.message}</Text>
        {held && (
          <Table withTableBorder w="auto" data-testid="retrain-scores">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>確認用の声（{formatCount(held.n)}件）での種別マクロF1</Table.Th>
                <Table.Th ta="right">スコア</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>新しいモデル（{result.version?.id}版）</Table.Td>
                <Table.Td ta="right">{f3(held.candidateF1)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>学習前に使っていたモデル</Table.Td>
                <Table.Td ta="right">{f3(held.currentF1)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      </Stack>
    </Alert>
  );
}
