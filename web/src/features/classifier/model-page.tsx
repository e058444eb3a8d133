// 分類モデル: how the classifier does on the organisation's own recent voices, the corrections waiting to be learnt,
// the 「苦情の可能性」 curve and the settings chosen from it, gated retraining, restore, and the weekly retraining.
// The panels live beside it: current-model-panel.tsx (with retrain-status.tsx), model-accuracy.tsx,
// safety-net-panel.tsx, model-history.tsx; what they share in model-page-parts.tsx.
import { Anchor, Paper, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import type { ModelReport } from "../../../../src/features/classifier/contract.js";
import { api, errorMessage } from "../../api.js";
import { ErrorAlert, Loading } from "../../components/load-state.js";
import { formatCount } from "../../format.js";
import { CurrentModel } from "./current-model-panel.js";
import { Accuracy } from "./model-accuracy.js";
import { History } from "./model-history.js";
import { Figure, Section } from "./model-page-parts.js";
import { SafetyNet } from "./safety-net-panel.js";

export function ModelPage() {
  const [report, setReport] = useState<ModelReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setReport(await api("GET /api/v1/model/report"));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>分類モデル</Title>
      <Text size="sm">
        声の登録画面で種別と分類を提案するモデルです。職員が提案を直した声や確認した声から学習し直すと、
        この組織の分け方に近づきます。新しいモデルは、学習に使わず取り分けた声で今のモデルより成績が良いときだけ使います。
      </Text>
      <ErrorAlert error={error} />
      {!report && !error && <Loading />}
      {report && (
        <>
          <CurrentModel report={report} onChanged={load} />
          <Accuracy report={report} />
          <Waiting report={report} />
          <SafetyNet report={report} onSaved={load} />
          <WeeklyRetrain report={report} onSaved={load} />
          <History versions={report.versions} current={report.current.version} />
        </>
      )}
    </Stack>
  );
}

function Waiting({ report }: { report: ModelReport }) {
  return (
    <Section title="学習待ちと確認待ち">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Figure
          label="学習待ちの修正"
          value={`${formatCount(report.correctionsAwaiting)}件`}
          note="使用中のモデルの後に、職員が提案を直した件数。再学習で取り込まれます"
        />
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            確認待ちの声
          </Text>
          <Text size="xl" fw={700} data-testid="reviews-waiting">
            {formatCount(report.reviewsWaiting)}件
          </Text>
          <Anchor component={Link} to="/complaint-reviews" size="xs">
            確認待ちの一覧を開く
          </Anchor>
        </Paper>
      </SimpleGrid>
    </Section>
  );
}

function WeeklyRetrain({ report, onSaved }: { report: ModelReport; onSaved: () => Promise<void> }) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle(on: boolean) {
    setSaving(true);
    setError(null);
    try {
      await api("PUT /api/v1/model/settings", { body: { weeklyRetrain: on } });
      await onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Section title="毎週の自動学習">
      <Switch
        label="毎週1回、自動で学習し直す（再学習ボタンと同じく、成績が良くなったときだけ使います）"
        checked={report.settings.weeklyRetrain}
        disabled={saving}
        onChange={(e) => void toggle(e.currentTarget.checked)}
      />
      <ErrorAlert error={error} />
    </Section>
  );
}
