// Creating or editing a survey: name, kind, the period open, the intro and purpose-of-use notice, and the questions
// (one of the 5-level questions is the headline satisfaction question). What an edit may change once answers exist
// is the server's rule (survey-rules.ts); its Japanese message is shown here.
import {
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import type { QuestionType, Survey, SurveyKind } from "../../../../src/features/surveys/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

interface Draft {
  /** the row's identity while editing (keys may be typed over) */
  uid: number;
  key: string;
  type: QuestionType;
  label: string;
  required: boolean;
  options: string;
}

const TYPES: QuestionType[] = ["satisfaction", "single", "multiple", "text"];
// Written here, not imported from the contract, so this screen's chunk carries no zod.
const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  satisfaction: "満足度（5段階）",
  single: "単一選択",
  multiple: "複数選択",
  text: "自由記述",
};
const START: Draft[] = [
  {
    uid: 1,
    key: "q1",
    type: "satisfaction",
    label: "総合的にみて、今回の対応に満足されましたか",
    required: true,
    options: "",
  },
  {
    uid: 2,
    key: "q2",
    type: "text",
    label: "ご意見・ご要望がありましたらご記入ください",
    required: false,
    options: "",
  },
];

const draftsOf = (s: Survey): Draft[] =>
  s.questions.map((q, i) => ({
    uid: i + 1,
    key: q.key,
    type: q.type,
    label: q.label,
    required: q.required,
    options: (q.options ?? []).join("\n"),
  }));

export function SurveyEditor({
  survey,
  onSaved,
  onCancel,
}: {
  /** the survey to edit; none: a new one */
  survey?: Survey;
  onSaved: (saved: Survey) => void;
  onCancel: () => void;
}) {
  const [kinds, setKinds] = useState<SurveyKind[]>([]);
  const [name, setName] = useState(survey?.name ?? "");
  const [kind, setKind] = useState<string | null>(survey?.kind.code ?? "members");
  const [opensOn, setOpensOn] = useState(survey?.opensOn ?? "");
  const [closesOn, setClosesOn] = useState(survey?.closesOn ?? "");
  const [intro, setIntro] = useState(survey?.intro ?? "");
  const [questions, setQuestions] = useState<Draft[]>(survey ? draftsOf(survey) : START);
  const [headline, setHeadline] = useState(survey?.questions.find((q) => q.headline)?.key ?? "q1");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    api("GET /api/v1/surveys/kinds").then((r) => setKinds(r.items.filter((k) => k.active)));
  }, []);

  const update = (i: number, patch: Partial<Draft>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  async function save() {
    const body = {
      name,
      kind: kind ?? "",
      intro,
      opensOn: opensOn || null,
      closesOn: closesOn || null,
      questions: questions.map((q) => ({
        key: q.key,
        type: q.type,
        label: q.label,
        required: q.required,
        options: q.type === "single" || q.type === "multiple" ? q.options.split("\n") : null,
        headline: q.key === headline,
      })),
    };
    try {
      onSaved(
        survey
          ? await api("PATCH /api/v1/surveys/:id", {
              params: { id: survey.id },
              body: { ...body, version: survey.version },
            })
          : await api("POST /api/v1/surveys", { body }),
      );
    } catch (e) {
      setFields(e instanceof ApiError ? e.fields : {});
      setMessage(errorMessage(e));
    }
  }

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={survey ? "アンケートの編集" : "アンケートの作成"}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          {survey ? "アンケートの編集" : "アンケートの作成"}
        </Title>
        {message && (
          <Text c="red.8" role="alert">
            {message}
          </Text>
        )}
        {survey && survey.responses > 0 && (
          <Text size="sm" c="dimmed">
            回答が{survey.responses.toLocaleString("ja-JP")}
            件あります。回答のある設問は、削除や形式の変更ができません（質問文の修正や設問の追加はできます）。
          </Text>
        )}
        <TextInput
          label="アンケート名"
          withAsterisk
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
        />
        <Select
          label="種類"
          data={kinds.map((k) => ({ value: k.code, label: k.name }))}
          value={kind}
          onChange={setKind}
          error={fields.kind}
          allowDeselect={false}
        />
        <Group grow>
          <TextInput
            label="受付開始日"
            placeholder="2025/4/1"
            value={opensOn}
            onChange={(e) => setOpensOn(e.currentTarget.value)}
            error={fields.opensOn}
          />
          <TextInput
            label="受付終了日"
            placeholder="2026/3/31"
            value={closesOn}
            onChange={(e) => setClosesOn(e.currentTarget.value)}
            error={fields.closesOn}
          />
        </Group>
        <Textarea
          label="ごあいさつ（冒頭の文）"
          autosize
          minRows={2}
          value={intro}
          onChange={(e) => setIntro(e.currentTarget.value)}
        />
        <Text size="sm" c="dimmed">
          個人情報の利用目的は、指定しない場合は標準の文面を表示します。
        </Text>
        {fields.questions && <Text c="red.8">{fields.questions}</Text>}
        <Radio.Group label="総合満足度の設問" value={headline} onChange={setHeadline}>
          <Stack gap="md" mt="xs">
            {questions.map((q, i) => (
              <Paper key={q.uid} withBorder p="sm">
                <Stack gap="xs">
                  <Group grow align="flex-start">
                    <TextInput
                      label={`設問${i + 1}のキー`}
                      value={q.key}
                      onChange={(e) => update(i, { key: e.currentTarget.value })}
                      error={fields[`questions.${i}.key`]}
                    />
                    <Select
                      label="形式"
                      data={TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
                      value={q.type}
                      onChange={(v) => update(i, { type: (v ?? "text") as QuestionType })}
                      allowDeselect={false}
                    />
                  </Group>
                  <TextInput
                    label="質問文"
                    value={q.label}
                    onChange={(e) => update(i, { label: e.currentTarget.value })}
                    error={fields[`questions.${i}.label`]}
                  />
                  {(q.type === "single" || q.type === "multiple") && (
                    <Textarea
                      label="選択肢（1行に1つ）"
                      autosize
                      minRows={3}
                      value={q.options}
                      onChange={(e) => update(i, { options: e.currentTarget.value })}
                      error={fields[`questions.${i}.options`]}
                    />
                  )}
                  <Group>
                    <Checkbox
                      label="回答必須"
                      checked={q.required}
                      onChange={(e) => update(i, { required: e.currentTarget.checked })}
                    />
                    {q.type === "satisfaction" && <Radio value={q.key} label="総合満足度の設問にする" />}
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                    >
                      削除
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setQuestions((qs) => [
                ...qs,
                {
                  uid: Math.max(0, ...qs.map((x) => x.uid)) + 1,
                  key: `q${qs.length + 1}`,
                  type: "satisfaction",
                  label: "",
                  required: false,
                  options: "",
                },
              ])
            }
          >
            設問を追加
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            キャンセル
          </Button>
          <Button onClick={save}>保存</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
