// 自動分類: which classifier is in use, and retraining it from the organisation's own handled voices.
import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import type { ModelStatus } from "../../../../src/features/text/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";

const JOB_LABELS: Record<ModelStatus["job"]["state"], string> = {
  idle: "—",
  running: "学習中…",
  succeeded: "完了",
  failed: "失敗",
};

export function ModelTab() {
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setStatus(await api("GET /api/v1/model"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const running = status?.job.state === "running";
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void load(), 2000);
    return () => clearInterval(t);
  }, [running, load]);

  async function train() {
    setError(null);
    try {
      setStatus(await api("POST /api/v1/model/train"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="sm">
        <Text size="sm">
          声の登録画面で、本文から種別と分類を提案します。対応済・完了の声（最新2万件）で学習し直すと、
          この組織の分け方に近づきます。
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {status && (
          <Stack gap={4} data-testid="model-status">
            <Text size="sm">
              使用中のモデル：
              {status.model.source === "builtin"
                ? "組み込みモデル"
                : `学習済みモデル（${status.model.trainedAt ? formatDateTime(status.model.trainedAt) : ""}、${status.model.examples?.toLocaleString("ja-JP")} 件で学習）`}
            </Text>
            <Text size="sm">
              学習の状態：{JOB_LABELS[status.job.state]}
              {status.job.error ? `（${status.job.error}）` : ""}
            </Text>
          </Stack>
        )}
        <Group>
          <Button onClick={train} loading={running}>
            データベースの声で学習し直す
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
