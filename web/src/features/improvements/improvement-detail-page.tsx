// One improvement: its problem, status moves (見送り asks for a reason, 完了 for 改善したこと, 効果確認済 for the
// verdict), the voices behind it (customer names masked by role), insights, progress notes on the append-only
// timeline, the public summary, and the effect check's chart.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { canSendCirculation } from "../../../../src/domain/roles.js";
import {
  EFFECT_VERDICT_LABELS,
  type EffectCheck,
  type EffectVerdict,
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementDetail,
  type ImprovementStatus,
} from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useCurrentUser } from "../../session.js";
import { errorText, ImprovementStatusBadge } from "./improvement-ui.js";
import { LinkedVoices } from "./linked-voices.js";

const AUDIT_KINDS: Record<string, string> = { self: "自主点検", internal: "内部監査", external: "外部監査" };

/** The audit improvement items this improvement was registered from (「改善として登録」 on the 活動記録 screen). */
function AuditOrigins({ imp }: { imp: ImprovementDetail }) {
  if (imp.auditItems.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="audit-origins">
      <Title order={4} mb={4}>
        元になった点検・監査の改善項目
      </Title>
      <Stack gap={2}>
        {imp.auditItems.map((a) => (
          <Text key={a.id} size="sm">
            <Anchor component={Link} to={`/activities?year=${a.heldOn.slice(0, 4)}&tab=audits`}>
              {AUDIT_KINDS[a.auditKind] ?? a.auditKind}（{formatDate(a.heldOn)}、{a.auditor}）
            </Anchor>
            ：{a.content}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

const EffectChart = lazy(() => import("./effect-chart.js").then((m) => ({ default: m.EffectChart })));

const EVENT_LABELS: Record<string, string> = {
  created: "作成",
  status: "状態の変更",
  note: "進捗メモ",
  linked: "声・気づきの追加",
  changed: "内容の変更",
  decision: "委員会の決定",
};

/** The event's heading; an audit item's registration is a 「linked」 event of its own kind of origin. */
function eventLabel(e: ImprovementDetail["timeline"][number]): string {
  if (e.kind === "linked" && Array.isArray((e.data as Record<string, unknown>).auditItemIds))
    return "点検・監査の改善項目から登録";
  return EVENT_LABELS[e.kind] ?? e.kind;
}

function eventText(e: ImprovementDetail["timeline"][number]): string {
  const d = e.data as Record<string, unknown>;
  if (e.kind === "status") {
    const to = IMPROVEMENT_STATUS_LABELS[d.to as ImprovementStatus] ?? String(d.to);
    const extra = [d.reason, d.result, d.note].filter((x) => typeof x === "string" && x).join(" / ");
    return `→ ${to}${extra ? `：${extra}` : ""}`;
  }
  if (e.kind === "note") return String(d.text ?? "");
  if (e.kind === "decision")
    return `${String(d.committee ?? "")}（${String(d.heldOn ?? "")}）：${String(d.text ?? "")}`;
  if (
    e.kind === "created" &&
    !(d.voiceIds as unknown[] | undefined)?.length &&
    !(d.insightIds as unknown[] | undefined)?.length
  )
    return "改善課題として登録";
  if (e.kind === "created")
    return `声 ${(d.voiceIds as unknown[] | undefined)?.length ?? 0}件、気づき ${(d.insightIds as unknown[] | undefined)?.length ?? 0}件から`;
  if (e.kind === "linked" && Array.isArray(d.auditItemIds))
    return `${String(d.audit ?? "点検・監査")}：${String(d.item ?? "")}`;
  if (e.kind === "linked")
    return `声 ${(d.voiceIds as unknown[] | undefined)?.length ?? 0}件、気づき ${(d.insightIds as unknown[] | undefined)?.length ?? 0}件`;
  return Object.keys(d).join("、");
}

function StatusForm({ imp, onDone }: { imp: ImprovementDetail; onDone: (d: ImprovementDetail) => void }) {
  const [to, setTo] = useState<ImprovementStatus | null>(null);
  const [text, setText] = useState("");
  const [verdict, setVerdict] = useState<string | null>(null);
  const [completedOn, setCompletedOn] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (!imp.canManage || imp.nextStatuses.length === 0) return null;
  async function submit() {
    if (!to) return;
    setError(null);
    try {
      const body =
        to === "dropped"
          ? { to, reason: text }
          : to === "completed"
            ? { to, result: text || null, completedOn: completedOn || null }
            : to === "effect_confirmed"
              ? { to, verdict: (verdict as EffectVerdict | null) ?? null, note: text || null }
              : { to, note: text || null };
      onDone(await api("POST /api/v1/improvements/:id/status", { params: { id: imp.id }, body }));
      setTo(null);
      setText("");
    } catch (e) {
      setError(errorText(e));
    }
  }
  const textLabel =
    to === "dropped"
      ? "見送りの理由"
      : to === "completed"
        ? "改善したこと"
        : to === "effect_confirmed"
          ? "効果のメモ"
          : "メモ";
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group gap="xs">
          {imp.nextStatuses.map((s) => (
            <Button key={s} size="xs" variant={to === s ? "filled" : "light"} onClick={() => setTo(s)}>
              {IMPROVEMENT_STATUS_LABELS[s]}にする
            </Button>
          ))}
        </Group>
        {to && (
          <>
            {to === "effect_confirmed" && (
              <Select
                label="効果の判定"
                data={Object.entries(EFFECT_VERDICT_LABELS).map(([value, label]) => ({ value, label }))}
                value={verdict}
                onChange={setVerdict}
              />
            )}
            {to === "completed" && (
              <TextInput
                label="完了日（省略時は今日）"
                type="date"
                value={completedOn}
                onChange={(e) => setCompletedOn(e.currentTarget.value)}
              />
            )}
            <Textarea
              label={textLabel}
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Group>
              <Button size="xs" onClick={submit}>
                「{IMPROVEMENT_STATUS_LABELS[to]}」に変更
              </Button>
            </Group>
          </>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function PublicSummary({ imp, onDone }: { imp: ImprovementDetail; onDone: (d: ImprovementDetail) => void }) {
  const [isPublic, setPublic] = useState(imp.isPublic);
  const [kind, setKind] = useState(imp.publicKind ?? "");
  const [voice, setVoice] = useState(imp.publicVoice ?? "");
  const [result, setResult] = useState(imp.publicResult ?? imp.result ?? "");
  const [error, setError] = useState<string | null>(null);
  async function save() {
    setError(null);
    try {
      onDone(
        await api("PATCH /api/v1/improvements/:id", {
          params: { id: imp.id },
          body: {
            isPublic,
            publicKind: kind || null,
            publicVoice: voice || null,
            publicResult: result || null,
          },
        }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={4}>公開用の要約（個人情報は書かない）</Title>
        <Checkbox
          label="改善事例として公開する"
          checked={isPublic}
          onChange={(e) => setPublic(e.currentTarget.checked)}
          disabled={!imp.canManage}
        />
        <TextInput
          label="種目"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          disabled={!imp.canManage}
        />
        <Textarea
          label="声の内容"
          autosize
          value={voice}
          onChange={(e) => setVoice(e.currentTarget.value)}
          disabled={!imp.canManage}
        />
        <Textarea
          label="改善したこと"
          autosize
          value={result}
          onChange={(e) => setResult(e.currentTarget.value)}
          disabled={!imp.canManage}
        />
        {imp.canManage && (
          <Group>
            <Button size="xs" variant="light" onClick={save}>
              公開用の要約を保存
            </Button>
          </Group>
        )}
        {error && <Alert color="red">{error}</Alert>}
      </Stack>
    </Paper>
  );
}

function EffectSection({ imp }: { imp: ImprovementDetail }) {
  const [effect, setEffect] = useState<EffectCheck | null>(null);
  const [months, setMonths] = useState("6");
  useEffect(() => {
    if (!imp.completedOn) return;
    api("GET /api/v1/improvements/:id/effect", {
      params: { id: imp.id },
      query: { months: Number(months) },
    }).then(setEffect, () => setEffect(null));
  }, [imp.id, imp.completedOn, months]);
  if (!imp.completedOn) return null;
  return (
    <Paper withBorder p="sm" data-testid="effect-check">
      <Group justify="space-between">
        <Title order={4}>効果確認（似た声の月別件数）</Title>
        <Select
          aria-label="前後の月数"
          w={120}
          data={["3", "6", "12"].map((m) => ({ value: m, label: `前後${m}か月` }))}
          value={months}
          onChange={(v) => setMonths(v ?? "6")}
          allowDeselect={false}
        />
      </Group>
      {!effect ? (
        <Loader size="sm" />
      ) : (
        <>
          <Text size="sm" data-testid="effect-summary">
            完了前 {effect.months}か月: {effect.before}件 → 完了後 {effect.months}か月: {effect.after}件（
            {effect.change >= 0 ? "+" : ""}
            {effect.change}件{effect.changeRate !== null ? `、${Math.round(effect.changeRate * 100)}%` : ""}）
            {!effect.afterComplete && "※完了後の期間はまだ途中です"}
          </Text>
          {effect.verdict && (
            <Text size="sm">
              判定: {EFFECT_VERDICT_LABELS[effect.verdict]}
              {effect.note ? `（${effect.note}）` : ""}
            </Text>
          )}
          <Suspense fallback={<Loader size="sm" />}>
            <EffectChart effect={effect} />
          </Suspense>
        </>
      )}
    </Paper>
  );
}

export function ImprovementDetailPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const [imp, setImp] = useState<ImprovementDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const load = useCallback(() => {
    api("GET /api/v1/improvements/:id", { params: { id: Number(id) } }).then(setImp, (e) =>
      setError(errorText(e)),
    );
  }, [id]);
  useEffect(load, [load]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!imp) return <Loader aria-label="読み込み中" />;
  async function addNote() {
    if (!imp) return;
    try {
      setImp(
        await api("POST /api/v1/improvements/:id/notes", { params: { id: imp.id }, body: { text: note } }),
      );
      setNote("");
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{imp.title}</Title>
        <Group gap="xs">
          <ImprovementStatusBadge status={imp.status} />
          {canSendCirculation(user) && (
            <Button
              size="xs"
              variant="default"
              component={Link}
              to={`/circulations/new?improvementId=${imp.id}`}
            >
              この改善課題を回覧する
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <Text size="sm">
          担当: {imp.ownerDepartment.name}
          {imp.owner ? `・${imp.owner.name}` : ""}
        </Text>
        <Text size="sm" c={imp.overdue ? "red" : undefined}>
          期限: {formatDate(imp.dueDate)}
          {imp.overdue ? "（超過）" : ""}
        </Text>
        <Text size="sm">完了日: {imp.completedOn ? formatDate(imp.completedOn) : "－"}</Text>
        <Text size="sm">作成: {formatDateTime(imp.createdAt)}</Text>
      </SimpleGrid>
      <Paper withBorder p="sm">
        <Text fw={600} size="sm">
          課題
        </Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{imp.problem}</Text>
        {imp.result && (
          <>
            <Text fw={600} size="sm" mt="sm">
              改善したこと
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }} data-testid="improvement-result">
              {imp.result}
            </Text>
          </>
        )}
        {imp.dropReason && <Text mt="sm">見送りの理由: {imp.dropReason}</Text>}
      </Paper>
      <AuditOrigins imp={imp} />
      <StatusForm imp={imp} onDone={setImp} />
      <EffectSection imp={imp} />
      <LinkedVoices imp={imp} />
      <PublicSummary key={imp.id} imp={imp} onDone={setImp} />
      <Paper withBorder p="sm">
        <Title order={4} mb="sm">
          経過
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {imp.timeline.map((e) => (
            <Timeline.Item
              key={e.id}
              title={`${eventLabel(e)}　${formatDateTime(e.at)}　${e.actor?.name ?? ""}`}
            >
              <Text size="sm">{eventText(e)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {imp.canManage && (
          <Group mt="sm" align="flex-end">
            <Textarea
              label="進捗メモ"
              autosize
              style={{ flex: 1 }}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button onClick={addNote} disabled={!note.trim()}>
              追記
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
