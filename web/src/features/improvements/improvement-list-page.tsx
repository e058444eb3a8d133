// 業務改善課題の一覧: status, owner, due date (overdue marked), how many voices and insights, and this fiscal
// year's 「声に基づく改善件数」.
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ImprovementCount, ImprovementList } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { formatDate } from "../../format.js";
import { errorText, ImprovementStatusBadge } from "./improvement-ui.js";

export function ImprovementListPage() {
  const [list, setList] = useState<ImprovementList | null>(null);
  const [count, setCount] = useState<ImprovementCount | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([
      api("GET /api/v1/improvements", { query: { limit: 200 } }),
      api("GET /api/v1/improvements/count"),
    ])
      .then(([l, c]) => {
        setList(l);
        setCount(c);
      })
      .catch((e) => setError(errorText(e)));
  }, []);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>業務改善課題</Title>
        <Group gap="xs">
          <Button component={Link} to="/insights" variant="default">
            職員の気づき
          </Button>
          <Button component={Link} to="/improvements/new">
            改善課題を作る
          </Button>
        </Group>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {count && (
        <Paper withBorder p="sm" data-testid="improvement-count">
          <Text size="sm">
            {count.period.label}の声に基づく改善件数: <strong>{count.count}件</strong>
          </Text>
        </Paper>
      )}
      <Table highlightOnHover aria-label="業務改善課題の一覧">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>件名</Table.Th>
            <Table.Th w={110}>状態</Table.Th>
            <Table.Th w={160}>担当</Table.Th>
            <Table.Th w={110}>期限</Table.Th>
            <Table.Th w={110}>完了日</Table.Th>
            <Table.Th w={90}>声・気づき</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>改善課題はまだありません。</Table.Td>
            </Table.Tr>
          )}
          {list?.items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Anchor component={Link} to={`/improvements/${i.id}`}>
                  {i.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <ImprovementStatusBadge status={i.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {i.ownerDepartment.name}
                  {i.owner ? `・${i.owner.name}` : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={i.overdue ? "red" : undefined}>
                  {formatDate(i.dueDate)}
                  {i.overdue ? "（超過）" : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.completedOn ? formatDate(i.completedOn) : "－"}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {i.voiceCount}・{i.insightCount}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
