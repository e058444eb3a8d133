// 学習の履歴: every trained version, what started it, its held-back scores and whether it is or was used.
import { Badge, Table, Text } from "@mantine/core";
import type { ModelVersion } from "../../../../src/features/classifier/contract.js";
import { formatCount, formatDateTime } from "../../format.js";
import { f3, Section } from "./model-page-parts.js";

const SOURCE_LABELS: Record<string, string> = {
  retrain: "手動の再学習",
  weekly: "毎週の自動学習",
  database: "対応済の声から学習（旧方式）",
};

export function History({ versions, current }: { versions: ModelVersion[]; current: number }) {
  return (
    <Section title="学習の履歴" testId="model-history">
      {versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          まだ学習し直していません。組み込みモデルを使っています。
        </Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>版</Table.Th>
              <Table.Th>学習日時</Table.Th>
              <Table.Th>きっかけ</Table.Th>
              <Table.Th ta="right">学習件数</Table.Th>
              <Table.Th ta="right">確認用の声でのF1（新／旧）</Table.Th>
              <Table.Th>状態</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.id}版</Table.Td>
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                <Table.Td>{SOURCE_LABELS[v.source] ?? v.source}</Table.Td>
                <Table.Td ta="right">{formatCount(v.examples)}</Table.Td>
                <Table.Td ta="right">
                  {v.heldBack ? `${f3(v.heldBack.candidateF1)}／${f3(v.heldBack.currentF1)}` : "－"}
                </Table.Td>
                <Table.Td>
                  {v.id === current ? (
                    <Badge color="teal">使用中</Badge>
                  ) : v.activatedAt ? (
                    <Text size="sm">以前に使用</Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      使用していない（成績が下回った、または戻した）
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
