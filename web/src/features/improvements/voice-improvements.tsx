// On a voice's detail: the improvements it fed, and a button to start one from it.
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ImprovementList } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { ImprovementStatusBadge } from "./improvement-ui.js";

export function VoiceImprovements({ voiceId }: { voiceId: number }) {
  const [list, setList] = useState<ImprovementList | null>(null);
  useEffect(() => {
    api("GET /api/v1/voices/:id/improvements", { params: { id: voiceId } }).then(setList, () =>
      setList(null),
    );
  }, [voiceId]);
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
      </Stack>
    </Paper>
  );
}
