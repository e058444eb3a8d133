// 回覧の詳細: the message, the voices or the improvement sent round, who has read it (and who not yet), 既読にする, and comments.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { CirculationDetail } from "../../../../src/features/circulation/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatDate, formatDateTime } from "../../format.js";
import { ImprovementStatusBadge } from "../improvements/improvement-ui.js";
import { VoiceTable } from "../voices/voice-table.js";

export function CirculationDetailPage() {
  const { id } = useParams();
  const [c, setC] = useState<CirculationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  useEffect(() => {
    api("GET /api/v1/circulations/:id", { params: { id: Number(id) } })
      .then(setC)
      .catch((e) => setError(errorMessage(e)));
  }, [id]);
  async function run(f: () => Promise<CirculationDetail>) {
    try {
      setC(await f());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  if (!c) return error ? <Alert color="red">{error}</Alert> : <Loader />;
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <div>
          <Title order={2}>{c.title}</Title>
          <Text size="sm" c="dimmed">
            {c.sender.name}・{formatDateTime(c.createdAt)}
            {c.remindAfterDays ? `・未読の人には${c.remindAfterDays}営業日後に督促` : ""}
          </Text>
        </div>
        {c.isRecipient &&
          (c.myReadAt ? (
            <Badge color="teal" size="lg">
              既読 {formatDateTime(c.myReadAt)}
            </Badge>
          ) : (
            <Button
              onClick={() =>
                void run(() => api("POST /api/v1/circulations/:id/read", { params: { id: c.id } }))
              }
            >
              既読にする
            </Button>
          ))}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Card withBorder>
        <Text style={{ whiteSpace: "pre-wrap" }}>{c.message}</Text>
        {c.note && (
          <Text mt="sm" style={{ whiteSpace: "pre-wrap" }}>
            {c.note}
          </Text>
        )}
      </Card>
      {c.improvement && (
        <Card withBorder data-testid="circulated-improvement">
          <Group gap="xs" mb="xs">
            <Title order={4}>回覧する改善課題</Title>
            <ImprovementStatusBadge status={c.improvement.status} />
          </Group>
          <Anchor component={Link} to={`/improvements/${c.improvement.id}`} fw={600}>
            {c.improvement.title}
          </Anchor>
          {c.improvementDetail && (
            <Stack gap={4} mt="xs">
              <Text size="sm" c="dimmed">
                担当: {c.improvementDetail.ownerDepartment}・期限 {formatDate(c.improvement.dueDate)}
                ・もとになった声 {c.improvementDetail.voiceCount}件
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                課題: {c.improvementDetail.problem}
              </Text>
              {c.improvementDetail.result && (
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  改善したこと: {c.improvementDetail.result}
                </Text>
              )}
            </Stack>
          )}
        </Card>
      )}
      {c.voices.length > 0 && (
        <>
          <Title order={4}>回覧する声（{c.voices.length}件）</Title>
          <VoiceTable items={c.voices} emptyText="声はありません。" />
        </>
      )}
      <Card withBorder>
        <Title order={4} mb="xs">
          既読の状況（{c.readCount} / {c.recipientCount} 人）
        </Title>
        {c.notRead.length > 0 && (
          <Text size="sm" c="red.7" mb="xs" data-testid="not-read">
            まだ読んでいない人: {c.notRead.map((u) => u.name).join("、")}
          </Text>
        )}
        <Table>
          <Table.Tbody>
            {c.recipients.map((r) => (
              <Table.Tr key={r.user.id}>
                <Table.Td>{r.user.name}</Table.Td>
                <Table.Td>{r.department ?? ""}</Table.Td>
                <Table.Td>{r.readAt ? `既読 ${formatDateTime(r.readAt)}` : "未読"}</Table.Td>
                <Table.Td>{r.remindedAt ? `督促済 ${formatDateTime(r.remindedAt)}` : ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">
          コメント
        </Title>
        <Stack gap="xs">
          {c.comments.map((m) => (
            <Text key={m.id} size="sm" style={{ whiteSpace: "pre-wrap" }}>
              <b>{m.user.name}</b>（{formatDateTime(m.createdAt)}）: {m.body}
            </Text>
          ))}
          <Textarea
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            aria-label="コメント"
          />
          <Group>
            <Button
              size="xs"
              disabled={!comment.trim()}
              onClick={() =>
                void run(async () => {
                  const r = await api("POST /api/v1/circulations/:id/comments", {
                    params: { id: c.id },
                    body: { body: comment },
                  });
                  setComment("");
                  return r;
                })
              }
            >
              コメントする
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
