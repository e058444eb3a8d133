// 分類モデル: how the classifier does on the organisation's own recent voices, the corrections waiting to be learnt,
// the 「苦情の可能性」 curve and the settings chosen from it, gated retraining, restore, and the weekly retraining.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { COMPLAINT_BIAS_RANGE, chooseThreshold } from "../../../../src/domain/complaint-flag.js";
import type {
  ModelReport,
  ModelVersion,
  RetrainJob,
  RetrainResult,
} from "../../../../src/features/classifier/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatCount, formatDateTime } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";

const FlagCurveChart = lazy(() =>
  import("./flag-curve-chart.js").then((m) => ({ default: m.FlagCurveChart })),
);

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

const SOURCE_LABELS: Record<string, string> = {
  retrain: "手動の再学習",
  weekly: "毎週の自動学習",
  database: "対応済の声から学習（旧方式）",
};

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

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
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!report && !error && <Loader aria-label="読み込み中" />}
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
function useRetrainJob(onFinished: () => Promise<void>) {
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

function CurrentModel({ report, onChanged }: { report: ModelReport; onChanged: () => Promise<void> }) {
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

function startedLine(job: RetrainJob): string {
  const who = job.source === "weekly" ? "毎週の自動学習" : (job.startedBy?.name ?? "");
  return `${formatDateTime(job.startedAt)} 開始${who ? `（${who}）` : ""}`;
}

function RetrainProgress({ job }: { job: RetrainJob }) {
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

function RetrainOutcome({ job }: { job: RetrainJob }) {
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

function Accuracy({ report }: { report: ModelReport }) {
  const { taxonomy } = useReferenceData();
  const name = (code: string) => taxonomy?.type.find((t) => t.code === code)?.name ?? code;
  const a = report.accuracy;
  return (
    <Section title="この組織の最近の声での成績" testId="model-accuracy">
      {!a ? (
        <Text size="sm" c="dimmed">
          種別が確定した声（対応済・完了の声、提案を直した声、確認待ちで確認した声）がまだないため、成績を出せません。
        </Text>
      ) : (
        <>
          <Text size="sm">
            種別が確定した最近の声のうち、学習に使わず取り分けている{formatCount(a.n)}
            件で、使用中のモデルの提案（苦情の倍率を掛けた後）と登録された種別を比べています。
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="種別マクロF1" value={f3(a.typeMacroF1)} note="種別ごとのF1の平均" />
            <Figure label="種別の正解率" value={pct(a.typeAccuracy)} />
            <Figure
              label="苦情の再現率"
              value={pct(a.complaintRecall)}
              note="苦情のうち苦情と提案できた割合"
            />
            <Figure
              label="苦情の適合率"
              value={pct(a.complaintPrecision)}
              note="苦情と提案したうち本当に苦情だった割合"
            />
          </SimpleGrid>
          <Table withTableBorder withColumnBorders w="auto" data-testid="confusion-matrix">
            <Table.Caption>混同行列（行：登録された種別、列：モデルの提案、数字は件数）</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>登録＼提案</Table.Th>
                {a.confusion.labels.map((l) => (
                  <Table.Th key={l} ta="right">
                    {name(l)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.confusion.labels.map((gold, i) => (
                <Table.Tr key={gold}>
                  <Table.Th scope="row">{name(gold)}</Table.Th>
                  {a.confusion.labels.map((predicted, j) => {
                    const n = a.confusion.matrix[i]?.[j] ?? 0;
                    return (
                      <Table.Td
                        key={predicted}
                        ta="right"
                        fw={i === j ? 700 : undefined}
                        bg={i === j ? "teal.0" : n > 0 ? "orange.0" : undefined}
                      >
                        {formatCount(n)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Section>
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

function SafetyNet({ report, onSaved }: { report: ModelReport; onSaved: () => Promise<void> }) {
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
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
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
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
    </Section>
  );
}

function History({ versions, current }: { versions: ModelVersion[]; current: number }) {
  return (
    <Section title="学習の履歴" testId="model-history">
      {versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          まだ学習し直していません。組み込みモデルを使っています。
        </Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>版</Table.Th>
              <Table.Th>学習日時</Table.Th>
              <Table.Th>きっかけ</Table.Th>
              <Table.Th ta="right">学習件数</Table.Th>
              <Table.Th ta="right">確認用の声でのF1（新／旧）</Table.Th>
              <Table.Th>状態</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.id}版</Table.Td>
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                <Table.Td>{SOURCE_LABELS[v.source] ?? v.source}</Table.Td>
                <Table.Td ta="right">{formatCount(v.examples)}</Table.Td>
                <Table.Td ta="right">
                  {v.heldBack ? `${f3(v.heldBack.candidateF1)}／${f3(v.heldBack.currentF1)}` : "－"}
                </Table.Td>
                <Table.Td>
                  {v.id === current ? (
                    <Badge color="teal">使用中</Badge>
                  ) : v.activatedAt ? (
                    <Text size="sm">以前に使用</Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      使用していない（成績が下回った、または戻した）
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
