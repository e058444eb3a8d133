// 使用中のモデル: which model the screen's suggestions come from, 再学習 (with its progress and outcome) and 前のモデルに戻す.
import { Alert, Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import type { ModelReport, RetrainResult } from "../../../../src/features/classifier/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";
import { Section } from "./model-page-parts.js";
import { RetrainOutcome, RetrainProgress, useRetrainJob } from "./retrain-status.js";

export function CurrentModel({ report, onChanged }: { report: ModelReport; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState<"retrain" | "restore" | null>(null);
  const [restored, setRestored] = useState<RetrainResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const retraining = useRetrainJob(onChanged);
  const job = retraining.job;
  const running = job?.state === "running";
  const current = report.versions.find((v) => v.id === report.current.version);

  async function startRetrain() {
    setBusy("retrain");
    setError(null);
    setRestored(null);
    setConfirmRestore(false);
    try {
      retraining.setJob(await api("POST /api/v1/model/retrain"));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function restore() {
    setBusy("restore");
    setError(null);
    setConfirmRestore(false);
    try {
      setRestored(await api("POST /api/v1/model/restore"));
      await onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="使用中のモデル" testId="current-model">
      <Text size="sm" data-testid="current-model-name">
        {report.current.source === "builtin"
          ? "組み込みモデル（koe に付属のモデル）"
          : `学習済みモデル ${report.current.version}版${current?.activatedAt ? `（${formatDateTime(current.activatedAt)} から使用）` : ""}`}
      </Text>
      <Group gap="sm">
        <Button
          onClick={() => void startRetrain()}
          loading={busy === "retrain"}
          disabled={busy !== null || running}
        >
          再学習
        </Button>
        {!confirmRestore ? (
          <Button
            variant="default"
            onClick={() => setConfirmRestore(true)}
            disabled={busy !== null || running || report.current.source === "builtin"}
          >
            前のモデルに戻す
          </Button>
        ) : (
          <Group gap="xs">
            <Text size="sm">
              使用中の{report.current.version}版をやめ、その前に使っていたモデルに戻します。よろしいですか。
            </Text>
            <Button color="orange" onClick={() => void restore()} loading={busy === "restore"}>
              戻す
            </Button>
            <Button variant="subtle" onClick={() => setConfirmRestore(false)}>
              やめる
            </Button>
          </Group>
        )}
      </Group>
      {(error ?? retraining.error) && (
        <Alert color="red" role="alert">
          {error ?? retraining.error}
        </Alert>
      )}
      {job && running && <RetrainProgress job={job} />}
      {job && !running && !restored && <RetrainOutcome job={job} />}
      {restored && (
        <Alert color={restored.activated ? "teal" : "gray"} data-testid="restore-result" role="status">
          {restored.message}
        </Alert>
      )}
    </Section>
  );
}
