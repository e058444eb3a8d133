// 苦情の見逃し防止: the recall / false-flag curve (chart or table) and the flag threshold and complaint bias chosen from it.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Table,
  Text,
} from "@mantine/core";
import { lazy, Suspense, useEffect, useState } from "react";
import { COMPLAINT_BIAS_RANGE, chooseThreshold } from "../../../../src/domain/complaint-flag.js";
import type { ModelReport } from "../../../../src/features/classifier/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { ErrorAlert } from "../../components/load-state.js";
import { pct, Section } from "./model-page-parts.js";

const FlagCurveChart = lazy(() =>
  import("./flag-curve-chart.js").then((m) => ({ default: m.FlagCurveChart })),
);

export function SafetyNet({ report, onSaved }: { report: ModelReport; onSaved: () => Promise<void> }) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const [threshold, setThreshold] = useState(report.settings.flagThreshold);
  const [bias, setBias] = useState<number | string>(report.settings.complaintBias);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  useEffect(() => {
    setThreshold(report.settings.flagThreshold);
    setBias(report.settings.complaintBias);
  }, [report.settings.flagThreshold, report.settings.complaintBias]);

  const recommended = chooseThreshold(report.curve);
  const pointOf = (t: number) => report.curve.find((p) => p.threshold === t);
  const options = report.curve.map((p) => ({
    value: String(p.threshold),
    label: `${p.threshold}（苦情の${pct(p.recall)}を拾い、ほかの声の${pct(p.falseFlagRate)}に表示）`,
  }));
  if (!pointOf(threshold)) options.unshift({ value: String(threshold), label: `${threshold}（現在の設定）` });
  const chosen = pointOf(threshold);
  const changed =
    threshold !== report.settings.flagThreshold || Number(bias) !== report.settings.complaintBias;

  async function save() {
    setSaving(true);
    setMessage(null);
    setError(null);
    setFields({});
    try {
      await api("PUT /api/v1/model/settings", {
        body: { flagThreshold: threshold, complaintBias: Number(bias) },
      });
      setMessage("設定を保存しました。声の登録画面の提案と「苦情の可能性」の表示に使われます。");
      await onSaved();
    } catch (e) {
      setError(errorMessage(e));
      setFields(e instanceof ApiError ? e.fields : {});
    } finally {
      setSaving(false);
    }
  }

  return (
    <Section title="苦情の見逃し防止（「苦情の可能性」の表示と苦情の提案）" testId="safety-net">
      <Text size="sm">
        モデルが出す「苦情の確率」がしきい値以上の声には、登録画面で「苦情の可能性があります」と表示し、
        取込・フォームの声は確認待ちに入れます。しきい値を下げるほど苦情を見逃しにくくなりますが、苦情でない声にも表示が増えます。
      </Text>
      <Text size="xs" c="dimmed" data-testid="curve-source">
        {report.curveSource === "organisation"
          ? "曲線は、この組織の種別が確定した声（取り分けた分）で計算しています。"
          : "この組織の種別が確定した声に苦情とそれ以外が20件ずつそろうまでは、koe に付属の実際の声（評価用）で計算しています。"}
        現在の設定では、苦情の{pct(report.flag.recall)}を拾い、ほかの声の{pct(report.flag.falseFlagRate)}
        に表示されます。
      </Text>
      <Group justify="space-between" align="center">
        <Text size="sm" fw={600}>
          しきい値ごとの再現率と誤表示
        </Text>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as "chart" | "table")}
          data={[
            { value: "chart", label: "グラフ" },
            { value: "table", label: "表" },
          ]}
          aria-label="再現率と誤表示の表示"
        />
      </Group>
      {view === "chart" ? (
        <Suspense fallback={<Loader aria-label="グラフを読み込み中" />}>
          <FlagCurveChart curve={report.curve} threshold={threshold} />
        </Suspense>
      ) : (
        <Table striped withTableBorder data-testid="flag-curve-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">しきい値</Table.Th>
              <Table.Th ta="right">苦情を拾えた割合（再現率）</Table.Th>
              <Table.Th ta="right">苦情以外に出た割合（誤表示）</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.curve.map((p) => (
              <Table.Tr key={p.threshold} bg={p.threshold === threshold ? "teal.0" : undefined}>
                <Table.Td ta="right">{p.threshold}</Table.Td>
                <Table.Td ta="right">{pct(p.recall)}</Table.Td>
                <Table.Td ta="right">{pct(p.falseFlagRate)}</Table.Td>
                <Table.Td>
                  {p.threshold === threshold ? (
                    <Badge color="teal" variant="light">
                      選択中
                    </Badge>
                  ) : (
                    <Button size="compact-xs" variant="light" onClick={() => setThreshold(p.threshold)}>
                      このしきい値にする
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {recommended && (
        <Text size="xs" c="dimmed">
          目安：苦情の90%以上を拾い、誤表示を20%以下に抑える中で最も高いしきい値は {recommended.threshold}
          です（再現率 {pct(recommended.recall)}、誤表示 {pct(recommended.falseFlagRate)}）。
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="「苦情の可能性」のしきい値"
          description={
            chosen
              ? `この値では苦情の${pct(chosen.recall)}を拾い、ほかの声の${pct(chosen.falseFlagRate)}に表示されます`
              : "曲線の点から選んでください"
          }
          data={options}
          value={String(threshold)}
          onChange={(v) => v && setThreshold(Number(v))}
          allowDeselect={false}
          error={fields.flagThreshold}
        />
        <NumberInput
          label="苦情の確率に掛ける倍率（種別の提案）"
          description="大きくすると苦情と提案されやすくなります。1 で倍率なし。上の成績はこの倍率で計算しています"
          min={COMPLAINT_BIAS_RANGE.min}
          max={COMPLAINT_BIAS_RANGE.max}
          step={0.5}
          decimalScale={2}
          value={bias}
          onChange={setBias}
          error={fields.complaintBias}
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => void save()} loading={saving} disabled={!changed}>
          この設定を保存
        </Button>
      </Group>
      {message && (
        <Alert color="teal" role="status">
          {message}
        </Alert>
      )}
      <ErrorAlert error={error} />
    </Section>
  );
}
