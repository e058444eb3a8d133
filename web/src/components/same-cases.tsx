// 同じ事例: the voices most like this one, near-duplicates flagged with a merge; and the merged voices' timelines.
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { SimilarResponse } from "../../../src/features/text/contract.js";
import type { VoiceDetail, VoiceStatus } from "../../../src/shared/api-contract.js";
import { api, errorMessage } from "../api.js";
import { VoiceTimeline } from "./voice-timeline.js";

export function SameCases({ voice, onChange }: { voice: VoiceDetail; onChange: (v: VoiceDetail) => void }) {
  const [items, setItems] = useState<SimilarResponse["items"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api("GET /api/v1/voices/:id/similar", { params: { id: voice.id } })
      .then((r) => live && setItems(r.items))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [voice.id]);

  async function merge(intoId: number, receiptNumber: string) {
    if (!window.confirm(`この声を受付番号 ${receiptNumber} に統合し、この声は取り消します。よろしいですか？`))
      return;
    setBusy(true);
    setError(null);
    try {
      onChange(await api("POST /api/v1/voices/:id/merge", { params: { id: voice.id }, body: { intoId } }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  // Merging voids this voice: offered to whoever the server lets void it, while it is still open (the
  // server also checks the voice merged into: its department and that it is open).
  const canMerge = voice.allowedActions.includes("void") && voice.status !== "closed";
  const canMergeInto = (status: VoiceStatus) => status !== "closed" && status !== "voided";
  const duplicates = (items ?? []).filter((i) => i.nearDuplicate);
  return (
    <Stack gap="md">
      {duplicates.length > 0 && voice.status !== "voided" && (
        <Alert color="orange" title="重複の可能性があります" data-testid="near-duplicate">
          7日以内に、ほぼ同じ内容の声が登録されています（
          {duplicates.map((d) => d.receiptNumber).join("、")}）。同じお申し出なら統合してください。
        </Alert>
      )}
      <Paper withBorder p="md" data-testid="same-cases">
        <Title order={4} mb="sm">
          同じ事例
        </Title>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        {items && items.length === 0 && (
          <Text size="sm" c="dimmed">
            似ている声はありません
          </Text>
        )}
        <Stack gap={6}>
          {(items ?? []).map((v) => (
            <Group key={v.id} gap="xs" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/voices/${v.id}`} size="sm" style={{ whiteSpace: "nowrap" }}>
                {v.receiptNumber}
              </Anchor>
              <Badge size="xs" variant="outline">
                {Math.round(v.score * 100)}%
              </Badge>
              {v.nearDuplicate && (
                <Badge size="xs" color="orange">
                  重複の可能性
                </Badge>
              )}
              <Text size="sm" lineClamp={2} style={{ flex: 1 }}>
                {v.excerpt}
              </Text>
              {canMerge && v.nearDuplicate && canMergeInto(v.status) && (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="orange"
                  loading={busy}
                  onClick={() => merge(v.id, v.receiptNumber)}
                >
                  この声に統合
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      </Paper>
      {(voice.mergedVoices ?? []).map((m) => (
        <Paper withBorder p="md" key={m.id} data-testid="merged-voice">
          <Title order={4} mb="sm">
            統合した声{" "}
            <Anchor component={Link} to={`/voices/${m.id}`}>
              {m.receiptNumber}
            </Anchor>{" "}
            の対応履歴
          </Title>
          <VoiceTimeline events={m.timeline} />
        </Paper>
      ))}
    </Stack>
  );
}
