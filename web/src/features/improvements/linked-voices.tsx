// On an improvement's page: the voices behind it (customer names masked by role) and its staff insights.
import { Anchor, Paper, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ImprovementDetail } from "../../../../src/features/improvements/contract.js";
import { formatDateTime } from "../../format.js";

export function LinkedVoices({ imp }: { imp: ImprovementDetail }) {
  return (
    <Paper withBorder p="sm">
      <Title order={4}>もとになった声（{imp.voices.length}件）</Title>
      <Table aria-label="もとになった声">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>受付番号</Table.Th>
            <Table.Th w={110}>受付日</Table.Th>
            <Table.Th w={80}>種別</Table.Th>
            <Table.Th>内容</Table.Th>
            <Table.Th w={120}>お客さま</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imp.voices.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Anchor component={Link} to={`/voices/${v.id}`}>
                  {v.receiptNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(v.receivedAt)}</Table.Td>
              <Table.Td>{v.type.name}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {v.excerpt}
                </Text>
              </Table.Td>
              <Table.Td>{v.customerName ?? "－"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {imp.insights.length > 0 && (
        <>
          <Title order={5} mt="sm">
            職員の気づき
          </Title>
          {imp.insights.map((s) => (
            <Text key={s.id} size="sm">
              ・{s.content}（{s.department.name}）
            </Text>
          ))}
        </>
      )}
    </Paper>
  );
}
