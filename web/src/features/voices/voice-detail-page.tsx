// 声の詳細: every field, the customer (masked or not), deadlines, the allowed actions, 対応履歴, and 編集.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { canChangeComplaintType, canManageClassifier } from "../../../../src/domain/roles.js";
import type { Customer, VoiceDetail, VoiceReview } from "../../../../src/shared/api-contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatDate, formatDateTime } from "../../format.js";
import { PRIORITY_LABELS } from "../../labels.js";
import { useCurrentUser } from "../../session.js";
import { VoiceImprovements } from "../improvements/voice-improvements.js";
import { InsurerReportPanel } from "../insurer-reports/insurer-report-panel.js";
import { SameCases } from "../text/same-cases.js";
import { VoiceActions } from "./voice-actions.js";
import { OverdueMark, PriorityBadge, StatusBadge } from "./voice-badges.js";
import { changedInput, VoiceForm, type VoiceFormValues, valuesFromVoice } from "./voice-form.js";
import { VoiceTimeline } from "./voice-timeline.js";

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="div" size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {children === null || children === undefined || children === "" ? "－" : children}
      </Text>
    </div>
  );
}

function CustomerBlock({ customer }: { customer: Customer | null }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>お客さま情報</Title>
        {customer?.masked && (
          <Badge color="gray" variant="light">
            一部を伏せて表示しています
          </Badge>
        )}
      </Group>
      {customer ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Field label="氏名">{customer.name}</Field>
          <Field label="フリガナ">{customer.kana}</Field>
          <Field label="組合員番号">{customer.memberNumber}</Field>
          <Field label="電話番号">{customer.phone}</Field>
          <Field label="メール">{customer.email}</Field>
          <Field label="都道府県">{customer.prefecture}</Field>
          <Field label="住所">{customer.address}</Field>
          <Field label="年代">{customer.ageBand}</Field>
          <Field label="性別">{customer.gender}</Field>
          <Field label="連絡可否">{customer.contactConsent ? "連絡可" : "連絡不可"}</Field>
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          お客さま情報は登録されていません。
        </Text>
      )}
    </Paper>
  );
}

/**
 * The voice waits in 確認待ち: everyone who may see it is told (staff handling it should know its type is not
 * settled yet); those who may settle it get the link to the queue.
 */
function ReviewNotice({ review, canSettle }: { review: VoiceReview; canSettle: boolean }) {
  const why =
    review.reason === "flag"
      ? `本文から「苦情の可能性」があると判定されました（koe の提案：${review.suggestedType.name}）。`
      : `種別の判定が僅差でした（koe の提案：${review.suggestedType.name}）。`;
  return (
    <Alert color="yellow" title="確認待ちの声です" role="status" data-testid="voice-review-notice">
      <Stack gap={4} align="flex-start">
        <Text size="sm">
          {why}
          取り込み・フォームから届いた声のため、種別が確認されるまで確認待ちに入っています（
          {formatDateTime(review.since)} から）。
        </Text>
        {canSettle ? (
          <Anchor component={Link} to="/complaint-reviews" size="sm" fw={600}>
            確認待ちで種別を確認する
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            種別の確認は、お客様相談室（CS）か管理者が行います。
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

const STALE_MESSAGE = "他の人が先に更新しました。最新の内容を読み込み直してください";

export function VoiceDetailPage() {
  const { id } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [voice, setVoice] = useState<VoiceDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [saveBusy, setSaveBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveFields, setSaveFields] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const created = (location.state as { created?: string } | null)?.created;

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const loaded = await api("GET /api/v1/voices/:id", { params: { id: String(id) } });
      setVoice(loaded);
      return loaded;
    } catch (e) {
      setLoadError(errorMessage(e));
      return null;
    }
  }, [id]);

  useEffect(() => {
    setVoice(null);
    setEditing(false);
    void load();
  }, [load]);

  async function reloadAfterStale() {
    const loaded = await load();
    if (loaded) {
      setStale(false);
      setSaveError(null);
      setSaveFields({});
      setFormKey((k) => k + 1);
    }
  }

  async function handleSave(current: VoiceDetail, values: VoiceFormValues) {
    const changes = changedInput(valuesFromVoice(current), values);
    if (Object.keys(changes).length === 0) {
      setEditing(false);
      return;
    }
    setSaveBusy(true);
    setSaveError(null);
    setSaveFields({});
    try {
      // Changing a complaint to another type needs a reason (the form asks for it then).
      const leavesComplaint = changes.type !== undefined && current.type.code === "complaint";
      const updated = await api("PATCH /api/v1/voices/:id", {
        params: { id: current.id },
        body: {
          ...changes,
          ...(leavesComplaint ? { typeChangeReason: values.typeChangeReason?.trim() ?? "" } : {}),
          version: current.version,
        },
      });
      setVoice(updated);
      setEditing(false);
      setNotice("変更を保存しました。");
    } catch (e) {
      if (e instanceof ApiError && e.code === "stale_version") {
        setStale(true);
      } else {
        setSaveError(errorMessage(e));
        if (e instanceof ApiError) setSaveFields(e.fields);
      }
    } finally {
      setSaveBusy(false);
    }
  }

  if (loadError && !voice) {
    return (
      <Stack align="flex-start">
        <Alert color="red" title="声を表示できません" role="alert">
          {loadError}
        </Alert>
        <Button variant="light" onClick={() => navigate("/voices")}>
          声の一覧へ戻る
        </Button>
      </Stack>
    );
  }
  if (!voice) {
    return (
      <Center p="xl">
        <Loader aria-label="読み込み中" />
      </Center>
    );
  }

  // The server may edit a voice exactly when the user handles it (comment allowed) and it is still open.
  const canEdit = voice.allowedActions.includes("comment") && voice.status !== "closed";
  // The same rule as the server's (src/domain/roles.ts), so staff see why the type is fixed instead of a 403.
  const complaintType =
    voice.type.code === "complaint"
      ? canChangeComplaintType(user, voice.department.id)
        ? ("reason" as const)
        : ("locked" as const)
      : undefined;

  return (
    <Stack gap="md" maw={1280}>
      {created && (
        <Alert
          color="teal"
          title="登録しました"
          role="status"
          withCloseButton
          onClose={() => navigate(".", { replace: true, state: null })}
        >
          受付番号 <strong data-testid="created-receipt-number">{created}</strong> で登録しました。
        </Alert>
      )}
      {notice && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {voice.review && <ReviewNotice review={voice.review} canSettle={canManageClassifier(user)} />}
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            <Link to="/voices">声の一覧</Link> ／ 声の詳細
          </Text>
          <Group gap="sm" align="center">
            <Title order={2} data-testid="receipt-number">
              {voice.receiptNumber}
            </Title>
            <span data-testid="voice-status">
              <StatusBadge status={voice.status} size="lg" />
            </span>
            <PriorityBadge priority={voice.priority} />
            {voice.overdue && <OverdueMark />}
          </Group>
        </div>
        <Group gap="xs">
          <Button variant="default" component={Link} to={`/circulations/new?voiceIds=${voice.id}`}>
            回覧する
          </Button>
          {canEdit && !editing && (
            <Button variant="default" onClick={() => setEditing(true)}>
              編集
            </Button>
          )}
        </Group>
      </Group>

      {editing ? (
        <Paper withBorder p="md">
          <Title order={3} mb="sm">
            声の編集
          </Title>
          <VoiceForm
            key={formKey}
            initial={valuesFromVoice(voice)}
            submitLabel="変更を保存"
            busy={saveBusy}
            error={saveError}
            fields={saveFields}
            customerLocked={voice.customer?.masked ?? false}
            complaintType={complaintType}
            onSubmit={(values) => void handleSave(voice, values)}
            onCancel={() => {
              setEditing(false);
              setStale(false);
              setSaveError(null);
              setSaveFields({});
            }}
            notice={
              stale && (
                <Alert color="orange" title="保存できませんでした" role="alert">
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{STALE_MESSAGE}</Text>
                    <Button size="xs" variant="white" color="orange" onClick={() => void reloadAfterStale()}>
                      最新の内容を読み込む
                    </Button>
                  </Stack>
                </Alert>
              )
            }
          />
        </Paper>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }} order={{ base: 2, lg: 1 }}>
            <Stack gap="md">
              <Paper withBorder p="md">
                <Title order={4} mb="sm">
                  内容
                </Title>
                <Text
                  style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
                  data-testid="voice-content"
                >
                  {voice.content}
                </Text>
                {voice.remedySought && (
                  <Stack gap={2} mt="md">
                    <Text size="xs" c="dimmed" fw={500}>
                      ご要望
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                      {voice.remedySought}
                    </Text>
                  </Stack>
                )}
              </Paper>
              <Paper withBorder p="md">
                <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
                  <Field label="受付日時">{formatDateTime(voice.receivedAt)}</Field>
                  <Field label="チャネル">{voice.channel.name}</Field>
                  <Field label="部署">{voice.department.name}</Field>
                  <Field label="種別">{voice.type.name}</Field>
                  <Field label="分類">{voice.category?.name}</Field>
                  <Field label="商品区分">{voice.productLine?.name}</Field>
                  <Field label="優先度">{PRIORITY_LABELS[voice.priority]}</Field>
                  <Field label="登録者">{voice.createdBy?.name}</Field>
                  <Field label="登録日時">{formatDateTime(voice.createdAt)}</Field>
                </SimpleGrid>
              </Paper>
              <CustomerBlock customer={voice.customer} />
              <InsurerReportPanel voice={voice} onChange={setVoice} />
            </Stack>
          </Grid.Col>
          {/* On tablets the status, deadlines and actions come first: they are what the handler needs. */}
          <Grid.Col span={{ base: 12, lg: 4 }} order={{ base: 1, lg: 2 }}>
            <Stack gap="md">
              <Paper withBorder p="md">
                <Title order={4} mb="sm">
                  対応
                </Title>
                <Stack gap="sm">
                  <SimpleGrid cols={2} spacing="sm">
                    <Field label="担当者">{voice.assignee?.name ?? "未割り当て"}</Field>
                    <Field label="最終更新">{formatDateTime(voice.updatedAt)}</Field>
                    <Field label="受付連絡の期限">
                      <Group gap={4}>
                        {formatDate(voice.acknowledgeBy)}
                        {voice.overdue && voice.status === "received" && <OverdueMark />}
                      </Group>
                    </Field>
                    <Field label="対応完了の期限">
                      <Group gap={4}>
                        {formatDate(voice.resolveBy)}
                        {voice.overdue && voice.status !== "received" && <OverdueMark />}
                      </Group>
                    </Field>
                    {voice.resolvedBy && <Field label="対応済にした人">{voice.resolvedBy.name}</Field>}
                    {voice.voidReason && (
                      <Field label="無効の理由" wide>
                        {voice.voidReason}
                      </Field>
                    )}
                  </SimpleGrid>
                  <VoiceActions voice={voice} onChange={setVoice} />
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={12} order={3}>
            <Paper withBorder p="md">
              <Title order={4} mb="md">
                対応履歴
              </Title>
              <VoiceTimeline events={voice.timeline} />
            </Paper>
          </Grid.Col>
          <Grid.Col span={12} order={4}>
            <SameCases voice={voice} onChange={setVoice} />
          </Grid.Col>
          <Grid.Col span={12} order={5}>
            <VoiceImprovements voiceId={voice.id} />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
