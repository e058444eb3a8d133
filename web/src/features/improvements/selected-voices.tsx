// Choosing voices in the voice list to start an improvement from them, or add them to an existing one (the
// selection is kept while paging and filtering).
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useCallback, useMemo, useState } from "react";
import { Link } from "react-router";
import type { VoiceSelection } from "../voices/voice-table.js";
import { AddToImprovement } from "./add-to-improvement.js";

export function useVoiceSelection(): VoiceSelection & { clear: () => void } {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback((id: number) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return useMemo(() => ({ selected, toggle, clear }), [selected, toggle, clear]);
}

export function SelectedVoicesBar({ selection }: { selection: VoiceSelection & { clear: () => void } }) {
  const n = selection.selected.size;
  if (n === 0) return null;
  return (
    <Paper withBorder p="xs" data-testid="selected-voices">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm">{n}件の声を選んでいます</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={selection.clear}>
              選択を解除
            </Button>
            <Button
              size="xs"
              component={Link}
              to={`/improvements/new?voices=${[...selection.selected].join(",")}`}
            >
              選んだ声から改善課題を作る
            </Button>
          </Group>
        </Group>
        <AddToImprovement voiceIds={[...selection.selected]} />
      </Stack>
    </Paper>
  );
}
