// The voices a section features: the chosen ones with their edited text, reply and theme, and suggestions to add.
import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import type {
  FeaturedVoiceInput,
  ReportDetail,
  ReportSectionOut,
  SuggestedVoice,
  Suggestions,
} from "../../../../src/features/reports/contract.js";
import { api, errorMessage } from "../../api.js";

type Chosen = FeaturedVoiceInput & { receiptNumber: string | null; attribution: string };

const fromSection = (s: ReportSectionOut): Chosen[] =>
  s.voices.map((v) => ({
    voiceId: v.voiceId,
    receiptNumber: v.receiptNumber,
    text: v.text,
    reply: v.reply,
    theme: v.theme,
    attribution: v.attribution,
    showAttribution: v.attribution !== "",
  }));

export function FeaturedVoicesEditor(props: {
  report: ReportDetail;
  section: ReportSectionOut;
  editable: boolean;
  onSaved: (r: ReportDetail) => void;
}) {
  const { report, section, editable } = props;
  const [chosen, setChosen] = useState<Chosen[]>(() => fromSection(section));
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const findings = report.personalData.filter((f) => f.sectionId === section.id);

  const change = (i: number, patch: Partial<Chosen>) =>
    setChosen((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const add = (v: SuggestedVoice, theme = "") =>
    setChosen((cs) =>
      cs.some((c) => c.voiceId === v.voiceId)
        ? cs
        : [
            ...cs,
            {
              voiceId: v.voiceId,
              receiptNumber: v.receiptNumber,
              text: v.text,
              reply: v.reply,
              theme,
              attribution: v.attribution,
              showAttribution: true,
            },
          ],
    );

  async function suggest() {
    setBusy(true);
    setError(null);
    try {
      setSuggestions(
        await api("GET /api/v1/reports/:id/sections/:sectionId/suggestions", {
          params: { id: report.id, sectionId: section.id },
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  async function save() {
    setBusy(true);
    setError(null);
    try {
      const r = await api("PUT /api/v1/reports/:id/sections/:sectionId/voices", {
        params: { id: report.id, sectionId: section.id },
        body: {
          revision: report.revision,
          voices: chosen.map(({ receiptNumber: _r, attribution: _a, ...v }) => v),
        },
      });
      props.onSaved(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        掲載する声（{chosen.length}件）
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {findings.map((f) => (
        <Alert key={f.voiceId} color="orange">
          {f.message}
        </Alert>
      ))}
      {chosen.map((c, i) => (
        <Card
          key={c.voiceId}
          withBorder
          padding="sm"
          aria-label={`掲載する声 ${c.receiptNumber ?? c.voiceId}`}
        >
          <Stack gap={4}>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                受付番号 {c.receiptNumber ?? "—"}
                {c.showAttribution && c.attribution ? `・${c.attribution}` : ""}
              </Text>
              {editable && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setChosen((cs) => cs.filter((_, j) => j !== i))}
                >
                  外す
                </Button>
              )}
            </Group>
            <Textarea
              label="掲載する文章（個人情報は載せません）"
              value={c.text}
              disabled={!editable}
              autosize
              minRows={2}
              onChange={(e) => change(i, { text: e.currentTarget.value })}
            />
            <Textarea
              label={
                section.block === "voices_by_theme"
                  ? "職員の返信（私たちの対応）"
                  : "職員の返信（感謝の声をいただいて）"
              }
              value={c.reply ?? ""}
              disabled={!editable}
              autosize
              minRows={1}
              onChange={(e) => change(i, { reply: e.currentTarget.value })}
            />
            <Group>
              <TextInput
                label="テーマ"
                value={c.theme ?? ""}
                disabled={!editable}
                onChange={(e) => change(i, { theme: e.currentTarget.value })}
                w={320}
              />
              <Checkbox
                mt="lg"
                label="都道府県・年代・性別を表示"
                checked={c.showAttribution ?? true}
                disabled={!editable}
                onChange={(e) => change(i, { showAttribution: e.currentTarget.checked })}
              />
            </Group>
          </Stack>
        </Card>
      ))}
      {editable && (
        <Group>
          <Button size="xs" onClick={save} loading={busy}>
            掲載する声を保存
          </Button>
          <Button size="xs" variant="default" onClick={suggest} loading={busy}>
            候補を表示
          </Button>
        </Group>
      )}
      {suggestions && suggestions.praise.length + suggestions.themes.length === 0 && (
        <Text size="sm">候補は見つかりませんでした。</Text>
      )}
      {suggestions?.praise.map((v) => (
        <Card key={v.voiceId} withBorder padding="xs" bg="gray.0">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">
              <Badge size="xs" mr={6}>
                確信度 {Math.round((v.confidence ?? 0) * 100)}%
              </Badge>
              {v.text}
            </Text>
            <Button size="xs" variant="light" onClick={() => add(v)}>
              追加
            </Button>
          </Group>
        </Card>
      ))}
      {suggestions?.themes.map((t) => (
        <Card key={`${t.typeCode}-${t.voices[0]?.voiceId}`} withBorder padding="xs" bg="gray.0">
          <Text size="sm" fw={600}>
            {t.theme}（似た声 {t.size}件）
          </Text>
          {t.voices.map((v) => (
            <Group key={v.voiceId} justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="sm">● {v.text}</Text>
              <Button size="xs" variant="light" onClick={() => add(v, t.theme)}>
                追加
              </Button>
            </Group>
          ))}
        </Card>
      ))}
    </Stack>
  );
}
