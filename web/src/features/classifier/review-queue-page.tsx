// 確認待ち (cs): imported and public-form voices that fired 「苦情の可能性」 or that the model could hardly type. Each
// row opens its voice; confirming the type (as it is, or changed) takes it off the list and teaches the next retraining.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import type { ComplaintReview } from "../../../../src/features/classifier/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { ErrorAlert, Loading } from "../../components/load-state.js";
import { formatCount, formatDateTime } from "../../format.js";
import { labelOptions, useReferenceData } from "../../reference-data.js";
import { announceReviewCountChanged } from "./review-count-badge.js";

const SOURCE_LABELS: Record<string, string> = {
  import: "取り込み",
  public_form: "フォーム",
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function ReviewQueuePage() {
  const [items, setItems] = useState<ComplaintReview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api("GET /api/v1/complaint-reviews")).items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const confirmed = (item: ComplaintReview, typeName: string) => {
    setItems((list) => list?.filter((i) => i.id !== item.id) ?? null);
    setDone(`${item.receiptNumber} を「${typeName}」で確認しました。`);
    announceReviewCountChanged();
  };

  return (
    <Stack gap="md">
      <Title order={2}>確認待ち</Title>
      <Text size="sm">
        取り込みや会員向けフォームから届いた声のうち、本文から「苦情の可能性」があると判定されたものと、
        種別の判定が僅差で自信のないものです。種別を確認すると一覧から外れ、確認した種別は分類モデルの学習に使われます。
      </Text>
      <ErrorAlert error={error} />
      {done && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {!items && !error && <Loading />}
      {items && items.length === 0 && (
        <Text c="dimmed" data-testid="review-queue-empty">
          確認待ちの声はありません。
        </Text>
      )}
      {items && items.length > 0 && (
        <>
          <Text size="sm" data-testid="review-queue-count">
            {formatCount(items.length)}件
          </Text>
          <Table.ScrollContainer minWidth={960}>
            <Table striped withTableBorder verticalSpacing="sm" data-testid="review-queue">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>受付番号</Table.Th>
                  <Table.Th>受付日時</Table.Th>
                  <Table.Th>内容</Table.Th>
                  <Table.Th>理由</Table.Th>
                  <Table.Th>経路</Table.Th>
                  <Table.Th>種別の確認</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <ReviewRow key={item.id} item={item} onConfirmed={confirmed} onStale={load} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

function ReviewRow({
  item,
  onConfirmed,
  onStale,
}: {
  item: ComplaintReview;
  onConfirmed: (item: ComplaintReview, typeName: string) => void;
  onStale: () => Promise<void>;
}) {
  const { taxonomy } = useReferenceData();
  const [type, setType] = useState(item.typeCode);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changing = type !== item.typeCode;
  const leavesComplaint = changing && item.typeCode === "complaint";
  const typeName = taxonomy?.type.find((t) => t.code === type)?.name ?? type;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await api("POST /api/v1/complaint-reviews/:id/confirm", {
        params: { id: item.id },
        body: changing
          ? { type, version: item.voiceVersion, ...(leavesComplaint ? { typeChangeReason: reason } : {}) }
          : { type },
      });
      onConfirmed(item, typeName);
    } catch (e) {
      setError(errorMessage(e));
      // Someone edited the voice meanwhile: show its current type and version.
      if (e instanceof ApiError && e.status === 409) await onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Table.Tr data-testid={`review-${item.receiptNumber}`}>
      <Table.Td>
        <Anchor component={Link} to={`/voices/${item.voiceId}`} fw={600}>
          {item.receiptNumber}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(item.receivedAt)}</Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" lineClamp={3}>
          {item.excerpt}
        </Text>
      </Table.Td>
      <Table.Td>
        {item.reason === "flag" ? (
          <Stack gap={2}>
            <Badge color="orange" variant="light">
              苦情の可能性
            </Badge>
            <Text size="xs" c="dimmed">
              苦情の確率 {pct(item.pComplaint)}
            </Text>
          </Stack>
        ) : (
          <Stack gap={2}>
            <Badge color="grape" variant="light">
              判定が僅差
            </Badge>
            <Text size="xs" c="dimmed">
              提案は「{item.suggestedTypeName}」
              {item.margin !== null ? `（次点との差 ${pct(item.margin)}）` : ""}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td>{SOURCE_LABELS[item.source] ?? item.source}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <Select
              size="xs"
              w={150}
              aria-label={`${item.receiptNumber} の種別`}
              data={labelOptions(taxonomy?.type, item.typeCode)}
              value={type}
              onChange={(v) => v && setType(v)}
              allowDeselect={false}
            />
            <Button
              size="xs"
              onClick={() => void confirm()}
              loading={busy}
              disabled={leavesComplaint && !reason.trim()}
            >
              {changing ? "種別を変えて確認" : "この種別で確認"}
            </Button>
          </Group>
          {changing && (
            <Text size="xs" c="dimmed">
              登録中の「{item.typeName}」から変更します（対応履歴に残ります）
            </Text>
          )}
          {leavesComplaint && (
            <TextInput
              size="xs"
              label="苦情から変更する理由"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
          {error && (
            <Text size="xs" c="red" role="alert">
              {error}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
