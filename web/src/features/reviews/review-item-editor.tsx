// One item of a draft review: principle, the organisation's number, heading, 取り組み課題, 【数値・事実】 with its
// figure menu and preview, 【評価】, the next half's issue, and the cases (one may be taken from a voice).
import { ActionIcon, Button, Card, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { FSA_PRINCIPLES } from "../../../../src/domain/principle-review.js";
import type { FigureCatalog, ReviewItemInput } from "../../../../src/features/reviews/contract.js";
import { api, errorMessage } from "../../api.js";
import { FigureText, type ShownFigure } from "./figure-text.js";

export type EditableItem = Required<Omit<ReviewItemInput, "examples">> & {
  examples: { title: string; body: string; voiceId: number | null }[];
};

interface Props {
  index: number;
  item: EditableItem;
  onChange: (item: EditableItem) => void;
  onRemove: () => void;
  catalog: FigureCatalog["figures"];
  figures: ReadonlyMap<string, ShownFigure>;
  errors: Record<string, string>;
}

const PRINCIPLE_OPTIONS = FSA_PRINCIPLES.map((p) => ({
  value: String(p.number),
  label: `原則${p.number} ${p.name}`,
}));

export function ReviewItemEditor({ index, item, onChange, onRemove, catalog, figures, errors }: Props) {
  const factsRef = useRef<HTMLTextAreaElement>(null);
  const [voiceRef, setVoiceRef] = useState("");
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const err = (f: string) => errors[`items.${index}.${f}`];
  const set = <K extends keyof EditableItem>(k: K, v: EditableItem[K]) => onChange({ ...item, [k]: v });

  /** Puts the token where the cursor is in 【数値・事実】 (at the end when the field was never focused). */
  function insertFigure(key: string | null) {
    if (!key) return;
    const token = `{{${key}}}`;
    const el = factsRef.current;
    const at = el && document.activeElement === el ? el.selectionStart : item.facts.length;
    set("facts", item.facts.slice(0, at) + token + item.facts.slice(at));
  }

  async function addFromVoice() {
    setVoiceError(null);
    try {
      const ex = await api("GET /api/v1/reviews/voice-example", { query: { voice: voiceRef } });
      const body = ex.attribution ? `${ex.body}（${ex.attribution}）` : ex.body;
      set("examples", [...item.examples, { title: ex.title, body, voiceId: ex.voiceId }]);
      setVoiceRef("");
    } catch (e) {
      setVoiceError(errorMessage(e));
    }
  }

  const groups = [...new Set(catalog.map((f) => f.group))].map((g) => ({
    group: g,
    items: catalog
      .filter((f) => f.group === g)
      .map((f) => ({ value: f.key, label: `${f.label}: ${f.display}` })),
  }));
  const title = `項目${index + 1}`;
  return (
    <Card withBorder padding="md" aria-label={title} component="section">
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <Select
            label="原則"
            data={PRINCIPLE_OPTIONS}
            value={String(item.principle)}
            onChange={(v) => set("principle", Number(v))}
            allowDeselect={false}
            w={340}
            error={err("principle")}
          />
          <TextInput
            label="番号"
            placeholder="(2)1)"
            value={item.number}
            onChange={(e) => set("number", e.currentTarget.value)}
            w={120}
            error={err("number")}
          />
          <TextInput
            label="見出し"
            value={item.heading}
            onChange={(e) => set("heading", e.currentTarget.value)}
            style={{ flex: 1 }}
            error={err("heading")}
          />
          <Button variant="subtle" color="red" onClick={onRemove}>
            項目を削除
          </Button>
        </Group>
        <Textarea
          label="取り組み課題"
          autosize
          minRows={2}
          value={item.plan}
          onChange={(e) => set("plan", e.currentTarget.value)}
          error={err("plan")}
        />
        <Textarea
          ref={factsRef}
          label="【数値・事実】"
          description="数値は「数値を挿入」で埋め込むと、声や改善の記録から数えた値が表示され、承認時に確定します"
          autosize
          minRows={2}
          value={item.facts}
          onChange={(e) => set("facts", e.currentTarget.value)}
          error={err("facts")}
        />
        <Group gap="xs">
          <Select
            aria-label={`${title}の【数値・事実】に数値を挿入`}
            placeholder="数値を挿入"
            data={groups}
            value={null}
            onChange={insertFigure}
            searchable
            w={420}
          />
        </Group>
        {item.facts && (
          <Card bg="gray.0" padding="xs" aria-label={`${title}の【数値・事実】のプレビュー`}>
            <FigureText text={item.facts} figures={figures} />
          </Card>
        )}
        <Textarea
          label="【評価】"
          autosize
          minRows={2}
          value={item.evaluation}
          onChange={(e) => set("evaluation", e.currentTarget.value)}
          error={err("evaluation")}
        />
        <Textarea
          label="次期の課題"
          autosize
          minRows={1}
          value={item.nextIssue}
          onChange={(e) => set("nextIssue", e.currentTarget.value)}
          error={err("nextIssue")}
        />
        {item.examples.map((ex, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: unsaved cases have no id; position is their identity
          <Card key={k} withBorder padding="xs">
            <Group align="flex-end">
              <TextInput
                label="事例の見出し"
                value={ex.title}
                onChange={(e) =>
                  set(
                    "examples",
                    item.examples.map((x, j) => (j === k ? { ...x, title: e.currentTarget.value } : x)),
                  )
                }
                style={{ flex: 1 }}
                error={err(`examples.${k}.title`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="事例を削除"
                onClick={() =>
                  set(
                    "examples",
                    item.examples.filter((_, j) => j !== k),
                  )
                }
              >
                ×
              </ActionIcon>
            </Group>
            <Textarea
              label="事例の本文"
              autosize
              minRows={2}
              value={ex.body}
              onChange={(e) =>
                set(
                  "examples",
                  item.examples.map((x, j) => (j === k ? { ...x, body: e.currentTarget.value } : x)),
                )
              }
              error={err(`examples.${k}.body`)}
            />
          </Card>
        ))}
        <Group align="flex-end" gap="xs">
          <TextInput
            label="声から事例を追加（個人情報は除かれます）"
            placeholder="受付番号 2025-000123"
            value={voiceRef}
            onChange={(e) => setVoiceRef(e.currentTarget.value)}
            error={voiceError}
            w={300}
          />
          <Button variant="light" onClick={addFromVoice} disabled={voiceRef.trim() === ""}>
            事例を追加
          </Button>
          <Button
            variant="subtle"
            onClick={() => set("examples", [...item.examples, { title: "", body: "", voiceId: null }])}
          >
            事例を手入力
          </Button>
        </Group>
        {errors[`items.${index}`] && <Text c="red">{errors[`items.${index}`]}</Text>}
      </Stack>
    </Card>
  );
}
