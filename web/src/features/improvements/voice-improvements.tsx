// On a voice's detail: the improvements it fed, a button to start one from it, and adding it to an existing one.
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { canProposeImprovement } from "../../../../src/domain/roles.js";
import type { ImprovementList } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { AddToImprovement } from "./add-to-improvement.js";
import { ImprovementStatusBadge } from "./improvement-ui.js";

export function VoiceImprovements({ voiceId }: { voiceId: number }) {
  const user = useCurrentUser();
  const [list, setList] = useState<ImprovementList | null>(null);
  const load = useCallback(() => {
    api("GET /api/v1/voices/:id/improvements", { params: { id: voiceId } }).then(setList, () =>
      setList(null),
    );
  }, [voiceId]);
  useEffect(load, [load]);
  return (
    <Paper withBorder p="md" data-testid="voice-improvements">
      <Group justify="space-between" mb="xs">
        <Title order={4}>この声にもとづく業務改善</Title>
        <Button size="xs" variant="light" component={Link} to={`/improvements/new?voices=${voiceId}`}>
          この声から改善課題を作る
        </Button>
      </Group>
      <Stack gap={4}>
        {list?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            まだありません。
          </Text>
        )}
        {list?.items.map((i) => (
          <Group key={i.id} gap="xs">
            <ImprovementStatusBadge status={i.status} />
            <Anchor component={Link} to={`/improvements/${i.id}`} size="sm">
              {i.title}
            </Anchor>
          </Group>
        ))}
        {canProposeImprovement(user) && <AddToImprovement voiceIds={[voiceId]} onAdded={load} />}
      </Stack>
    </Paper>
  );
}
