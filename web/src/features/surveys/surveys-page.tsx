// /surveys: the satisfaction surveys with their answers so far; cs and admins create new ones here.
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { canManageSurveys } from "../../../../src/domain/roles.js";
import type { Survey } from "../../../../src/features/surveys/contract.js";
import { api, errorMessage } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { SurveyEditor } from "./survey-editor.js";

export function SurveysPage() {
  const user = useCurrentUser();
  const [items, setItems] = useState<Survey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(
    () =>
      api("GET /api/v1/surveys").then(
        (r) => setItems(r.items),
        (e) => setError(errorMessage(e)),
      ),
    [],
  );
  useEffect(() => {
    document.title = "アンケート";
    load();
  }, [load]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>満足度アンケート</Title>
        {canManageSurveys(user) && !creating && (
          <Button onClick={() => setCreating(true)}>アンケートを作成</Button>
        )}
      </Group>
      {error && <Text c="red.8">{error}</Text>}
      {creating && (
        <SurveyEditor
          onSaved={() => {
            setCreating(false);
            load();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <Table striped withTableBorder aria-label="アンケートの一覧">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>アンケート</Table.Th>
            <Table.Th>種類</Table.Th>
            <Table.Th>受付期間</Table.Th>
            <Table.Th>状態</Table.Th>
            <Table.Th ta="right">回答数</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(items ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/surveys/${s.id}`}>
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.kind.name}</Table.Td>
              <Table.Td>
                {s.opensOn ?? "—"}〜{s.closesOn ?? ""}
              </Table.Td>
              <Table.Td>
                <Badge color={s.open ? "teal" : "gray"}>{s.open ? "受付中" : "受付終了"}</Badge>
              </Table.Td>
              <Table.Td ta="right">{s.responses.toLocaleString("ja-JP")}</Table.Td>
            </Table.Tr>
          ))}
          {items?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>アンケートはまだありません</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
