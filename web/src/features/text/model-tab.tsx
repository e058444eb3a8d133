// 自動分類 (settings): which classifier is in use; learning, accuracy and the complaint safety net have their own
// screen, 「分類モデル」, where a retrained model is used only if it scores better on held-back voices.
import { Alert, Anchor, Paper, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ModelStatus } from "../../../../src/features/text/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";

export function ModelTab() {
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api("GET /api/v1/model")
      .then(setStatus)
      .catch((e) => setError(errorMessage(e)));
  }, []);

  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="sm">
        <Text size="sm">
          声の登録画面で、本文から種別と分類を提案します。成績の確認、学習し直し、前のモデルへの戻し、
          「苦情の可能性」の設定は「分類モデル」画面で行います。
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {status && (
          <Text size="sm" data-testid="model-status">
            使用中のモデル：
            {status.model.source === "builtin"
              ? "組み込みモデル"
              : `学習済みモデル（${status.model.trainedAt ? formatDateTime(status.model.trainedAt) : ""}、${status.model.examples?.toLocaleString("ja-JP")} 件で学習）`}
          </Text>
        )}
        <Anchor component={Link} to="/model">
          「分類モデル」画面を開く
        </Anchor>
      </Stack>
    </Paper>
  );
}
