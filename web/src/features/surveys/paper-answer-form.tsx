// Staff enter a member's paper answer: the form's number keeps the same paper from being entered twice.
import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { SATISFACTION_LEVELS } from "../../../../src/domain/satisfaction.js";
import type { Survey } from "../../../../src/features/surveys/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

export function PaperAnswerForm({ survey }: { survey: Survey }) {
  const [answerId, setAnswerId] = useState("");
  const [answeredAt, setAnsweredAt] = useState("");
  const [ageBand, setAgeBand] = useState("");
  const [prefecture, setPrefecture] = useState("");
  const [values, setValues] = useState<Record<string, string | string[]>>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const answers: Record<string, number | number[] | string> = {};
    for (const q of survey.questions) {
      const v = values[q.key];
      if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      answers[q.key] =
        q.type === "text" ? (v as string) : q.type === "multiple" ? (v as string[]).map(Number) : Number(v);
    }
    try {
      const r = await api("POST /api/v1/surveys/:id/answers", {
        params: { id: survey.id },
        body: {
          answerId: answerId || null,
          answeredAt: answeredAt || null,
          answers,
          respondent: { ageBand: ageBand || null, prefecture: prefecture || null },
        },
      });
      setResult(
        r.created
          ? `回答を保存しました${r.voiceReceiptNumber ? `。声として登録しました（受付番号 ${r.voiceReceiptNumber}）` : ""}`
          : "この用紙番号の回答はすでに保存されています（変更はありません）",
      );
      setFields({});
      setError(null);
      setValues({});
      setAnswerId("");
    } catch (e) {
      setFields(e instanceof ApiError ? e.fields : {});
      setError(errorMessage(e));
    }
  }

  return (
    <Stack gap="sm">
      {result && <Alert color="teal">{result}</Alert>}
      {error && <Text c="red.8">{error}</Text>}
      <Group grow>
        <TextInput
          label="用紙番号（回答ID）"
          value={answerId}
          onChange={(e) => setAnswerId(e.currentTarget.value)}
          error={fields.answerId}
        />
        <TextInput
          label="回答日"
          placeholder="2025/4/1"
          value={answeredAt}
          onChange={(e) => setAnsweredAt(e.currentTarget.value)}
          error={fields.answeredAt}
        />
      </Group>
      <Group grow>
        <TextInput
          label="年代"
          placeholder="60代"
          value={ageBand}
          onChange={(e) => setAgeBand(e.currentTarget.value)}
          error={fields["respondent.ageBand"]}
        />
        <TextInput
          label="都道府県"
          placeholder="大阪府"
          value={prefecture}
          onChange={(e) => setPrefecture(e.currentTarget.value)}
          error={fields["respondent.prefecture"]}
        />
      </Group>
      {survey.questions.map((q, i) => {
        const label = `問${i + 1}. ${q.label}`;
        const error = fields[`answers.${q.key}`];
        const set = (v: string | string[]) => setValues((s) => ({ ...s, [q.key]: v }));
        if (q.type === "text")
          return (
            <Textarea
              key={q.key}
              label={label}
              autosize
              minRows={2}
              value={(values[q.key] as string) ?? ""}
              onChange={(e) => set(e.currentTarget.value)}
              error={error}
            />
          );
        if (q.type === "multiple")
          return (
            <Checkbox.Group
              key={q.key}
              label={label}
              value={(values[q.key] as string[]) ?? []}
              onChange={set}
              error={error}
            >
              <Group mt="xs">
                {(q.options ?? []).map((o, j) => (
                  <Checkbox key={o} value={String(j)} label={o} />
                ))}
              </Group>
            </Checkbox.Group>
          );
        const options =
          q.type === "satisfaction"
            ? SATISFACTION_LEVELS.map((l) => ({ value: String(l.value), label: l.label }))
            : (q.options ?? []).map((o, j) => ({ value: String(j), label: o }));
        return (
          <Radio.Group
            key={q.key}
            label={label}
            withAsterisk={q.required}
            value={(values[q.key] as string) ?? ""}
            onChange={set}
            error={error}
          >
            <Group mt="xs">
              {options.map((o) => (
                <Radio key={o.value} value={o.value} label={o.label} />
              ))}
            </Group>
          </Radio.Group>
        );
      })}
      <Group>
        <Button onClick={save}>回答を保存</Button>
      </Group>
    </Stack>
  );
}
