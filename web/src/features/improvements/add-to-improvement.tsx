// Adds voices (the voice list's selection, or one voice from its detail) to an improvement that already exists.
import { Alert, Anchor, Button, Group, Select, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ImprovementList } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { errorText } from "./improvement-ui.js";

// a dropped improvement refuses new links; the rest may still take a voice (even a completed one: more evidence)
const LINKABLE = "proposed,under_review,in_progress,completed,effect_confirmed";

export function AddToImprovement({
  voiceIds,
  onAdded,
}: {
  voiceIds: readonly number[];
  onAdded?: (improvementId: number) => void;
}) {
  const [list, setList] = useState<ImprovementList | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: number; title: string; added: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api("GET /api/v1/improvements", { query: { status: LINKABLE, limit: 200 } }).then(setList, (e) =>
      setError(errorText(e)),
    );
  }, []);
  async function add() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const before = list?.items.find((i) => String(i.id) === chosen)?.voiceCount ?? 0;
      const imp = await api("POST /api/v1/improvements/:id/links", {
        params: { id: Number(chosen) },
        body: { voiceIds: [...voiceIds] },
      });
      setDone({ id: imp.id, title: imp.title, added: imp.voices.length - before });
      onAdded?.(imp.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Group gap="xs" align="flex-end" data-testid="add-to-improvement">
      <Select
        size="xs"
        w={320}
        label="既存の改善課題に追加"
        placeholder="改善課題を選ぶ"
        searchable
        data={(list?.items ?? []).map((i) => ({ value: String(i.id), label: i.title }))}
        value={chosen}
        onChange={(v) => {
          setChosen(v);
          setDone(null);
        }}
        nothingFoundMessage="該当する改善課題がありません"
      />
      <Button size="xs" variant="light" onClick={() => void add()} disabled={!chosen} loading={busy}>
        追加する
      </Button>
      {done && (
        <Text size="sm" role="status">
          <Anchor component={Link} to={`/improvements/${done.id}`}>
            「{done.title}」
          </Anchor>
          に{done.added > 0 ? `声を${done.added}件追加しました` : "追加しました（すでに紐づいていました）"}
        </Text>
      )}
      {error && (
        <Alert color="red" role="alert" py={4}>
          {error}
        </Alert>
      )}
    </Group>
  );
}
