// 保険会社への報告 on a voice's detail: due date and state, what was sent and answered, and the form to record it
// (for the voice's handlers, also after it closed: the insurer's answer often comes later).
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { canRecordInsurerReport } from "../../../../src/domain/roles.js";
import type { VoiceDetail } from "../../../../src/shared/api-contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatDate, formatDateTime, isoToInput, nowForInput } from "../../format.js";
import { useCurrentUser } from "../../session.js";

function State({ voice }: { voice: VoiceDetail }) {
  const r = voice.insurerReport;
  if (r.reportedAt) return <Badge color="teal">報告済</Badge>;
  if (r.overdue) return <Badge color="red">報告期限超過</Badge>;
  if (r.required) return <Badge color="orange">未報告</Badge>;
  return null;
}

export function InsurerReportPanel({
  voice,
  onChange,
}: {
  voice: VoiceDetail;
  onChange: (v: VoiceDetail) => void;
}) {
  const user = useCurrentUser();
  const r = voice.insurerReport;
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState({ insurer: "", reportedAt: "", answer: "", answeredAt: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const mayRecord =
    voice.status !== "voided" &&
    canRecordInsurerReport(user, {
      departmentId: voice.department.id,
      assigneeId: voice.assignee?.id ?? null,
    });
  if (!r.required && !r.insurer && !r.reportedAt && !r.answer) return null;

  function startEdit() {
    setValues({
      insurer: r.insurer ?? "",
      reportedAt: r.reportedAt ? isoToInput(r.reportedAt) : nowForInput(),
      answer: r.answer ?? "",
      answeredAt: r.answeredAt ? isoToInput(r.answeredAt) : "",
    });
    setErrors({});
    setError(null);
    setEditing(true);
  }
  async function save() {
    try {
      const updated = await api("POST /api/v1/voices/:id/insurer-report", {
        params: { id: voice.id },
        body: {
          insurer: values.insurer || null,
          reportedAt: values.reportedAt,
          answer: values.answer || null,
          answeredAt: values.answeredAt || null,
        },
      });
      onChange(updated);
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setErrors(e.fields ?? {});
    }
  }
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues({ ...values, [k]: e.currentTarget.value });

  return (
    <Paper withBorder p="md" data-testid="insurer-report">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>保険会社への報告</Title>
          <State voice={voice} />
        </Group>
        {mayRecord && !editing && (
          <Button size="xs" variant="light" onClick={startEdit}>
            {r.reportedAt ? "報告・回答を記録" : "報告を記録"}
          </Button>
        )}
      </Group>
      {r.required && !r.reportedAt && (
        <Text size="sm" c={r.overdue ? "red" : undefined} mb="xs">
          報告期限: {formatDate(r.dueDate)}（報告を記録するまで完了できません）
        </Text>
      )}
      {editing ? (
        <Stack gap="xs">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="保険会社"
              value={values.insurer}
              onChange={set("insurer")}
              error={errors.insurer}
            />
            <TextInput
              label="報告日時"
              required
              value={values.reportedAt}
              onChange={set("reportedAt")}
              error={errors.reportedAt}
            />
            <TextInput
              label="回答日時"
              value={values.answeredAt}
              onChange={set("answeredAt")}
              error={errors.answeredAt}
            />
          </SimpleGrid>
          <Textarea
            label="保険会社からの回答"
            autosize
            minRows={2}
            value={values.answer}
            onChange={set("answer")}
            error={errors.answer}
          />
          <Group gap="xs">
            <Button size="xs" onClick={() => void save()}>
              記録する
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              やめる
            </Button>
          </Group>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Text size="sm">保険会社: {r.insurer ?? "－"}</Text>
          <Text size="sm">報告日時: {formatDateTime(r.reportedAt)}</Text>
          <Text size="sm">回答日時: {formatDateTime(r.answeredAt)}</Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", gridColumn: "1 / -1" }}>
            回答: {r.answer ?? "－"}
          </Text>
        </SimpleGrid>
      )}
    </Paper>
  );
}
