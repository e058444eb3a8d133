// 回覧を作る: voices (ids from a voice's detail, or the voice list's filter), an improvement (from its page), or a note, to departments, roles or
// users, with a message and an optional reminder.
import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { ImprovementDetail } from "../../../../src/features/improvements/contract.js";
import { ROLES, type Role } from "../../../../src/shared/constants.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { ROLE_LABELS } from "../../labels.js";
import { useReferenceData } from "../../reference-data.js";

export function CirculationForm() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { taxonomy, users } = useReferenceData();
  const [title, setTitle] = useState("");
  const [message, setMessage] = useState("");
  const [note, setNote] = useState("");
  const [voiceIds, setVoiceIds] = useState(params.get("voiceIds") ?? "");
  const [voiceQuery, setVoiceQuery] = useState(params.get("voiceQuery") ?? "");
  const improvementId = Number(params.get("improvementId") ?? 0) || null;
  const [improvement, setImprovement] = useState<ImprovementDetail | null>(null);
  useEffect(() => {
    if (improvementId)
      api("GET /api/v1/improvements/:id", { params: { id: improvementId } }).then(setImprovement, (e) =>
        setError(errorMessage(e)),
      );
  }, [improvementId]);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [remindAfterDays, setRemindAfterDays] = useState<number | "">(3);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function send() {
    setBusy(true);
    try {
      const ids = voiceIds
        .split(/[,、\s]+/)
        .filter(Boolean)
        .map(Number);
      const sent = await api("POST /api/v1/circulations", {
        body: {
          title,
          message,
          note: note || null,
          voiceIds: ids,
          voiceQuery: voiceQuery || null,
          improvementId,
          to: {
            departmentIds: departmentIds.map(Number),
            roles: roles as Role[],
            userIds: userIds.map(Number),
          },
          remindAfterDays: remindAfterDays === "" ? null : remindAfterDays,
        },
      });
      navigate(`/circulations/${sent.id}`);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields ?? {});
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={900}>
      <Title order={2}>回覧を作る</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Card withBorder>
        <Stack gap="sm">
          <TextInput
            label="件名"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fields.title}
          />
          <Textarea
            label="メッセージ"
            required
            autosize
            minRows={3}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={fields.message}
          />
          {improvementId && (
            <Text size="sm" data-testid="circulate-improvement">
              回覧する改善課題: {improvement ? `「${improvement.title}」` : `ID ${improvementId}`}
              {fields.improvementId && (
                <Text span c="red" size="sm">
                  {" "}
                  {fields.improvementId}
                </Text>
              )}
            </Text>
          )}
          <TextInput
            label="回覧する声のID（カンマ区切り）"
            value={voiceIds}
            onChange={(e) => setVoiceIds(e.currentTarget.value)}
            error={fields.voiceIds}
          />
          <TextInput
            label="声の一覧の絞り込み条件（送る時点の該当の声、最大200件）"
            value={voiceQuery}
            onChange={(e) => setVoiceQuery(e.currentTarget.value)}
            error={fields.voiceQuery}
          />
          <Textarea
            label="お知らせ文（声を付けずに送るとき）"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fields.note}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>宛先</Title>
          {fields.to && (
            <Text c="red" size="sm">
              {fields.to}
            </Text>
          )}
          <MultiSelect
            label="部署"
            data={(taxonomy?.departments ?? [])
              .filter((d) => d.active)
              .map((d) => ({ value: String(d.id), label: d.name }))}
            value={departmentIds}
            onChange={setDepartmentIds}
            error={fields["to.departmentIds"]}
            searchable
          />
          <MultiSelect
            label="役割"
            data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={roles}
            onChange={setRoles}
          />
          <MultiSelect
            label="職員"
            data={users.map((u) => ({ value: String(u.id), label: u.name }))}
            value={userIds}
            onChange={setUserIds}
            error={fields["to.userIds"]}
            searchable
          />
          <NumberInput
            label="督促（未読の人に、何営業日後に1回）"
            min={1}
            max={30}
            value={remindAfterDays}
            onChange={(v) => setRemindAfterDays(v === "" ? "" : Number(v))}
            error={fields.remindAfterDays}
            w={300}
          />
        </Stack>
      </Card>
      <Group>
        <Button onClick={() => void send()} loading={busy}>
          回覧を送る
        </Button>
      </Group>
    </Stack>
  );
}
