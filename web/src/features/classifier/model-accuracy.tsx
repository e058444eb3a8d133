// この組織の最近の声での成績: the current model's figures and confusion matrix on the held-back recent voices.
import { SimpleGrid, Table, Text } from "@mantine/core";
import type { ModelReport } from "../../../../src/features/classifier/contract.js";
import { formatCount } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";
import { Figure, f3, pct, Section } from "./model-page-parts.js";

export function Accuracy({ report }: { report: ModelReport }) {
  const { taxonomy } = useReferenceData();
  const name = (code: string) => taxonomy?.type.find((t) => t.code === code)?.name ?? code;
  const a = report.accuracy;
  return (
    <Section title="この組織の最近の声での成績" testId="model-accuracy">
      {!a ? (
        <Text size="sm" c="dimmed">
          種別が確定した声（対応済・完了の声、提案を直した声、確認待ちで確認した声）がまだないため、成績を出せません。
        </Text>
      ) : (
        <>
          <Text size="sm">
            種別が確定した最近の声のうち、学習に使わず取り分けている{formatCount(a.n)}
            件で、使用中のモデルの提案（苦情の倍率を掛けた後）と登録された種別を比べています。
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="種別マクロF1" value={f3(a.typeMacroF1)} note="種別ごとのF1の平均" />
            <Figure label="種別の正解率" value={pct(a.typeAccuracy)} />
            <Figure
              label="苦情の再現率"
              value={pct(a.complaintRecall)}
              note="苦情のうち苦情と提案できた割合"
            />
            <Figure
              label="苦情の適合率"
              value={pct(a.complaintPrecision)}
              note="苦情と提案したうち本当に苦情だった割合"
            />
          </SimpleGrid>
          <Table withTableBorder withColumnBorders w="auto" data-testid="confusion-matrix">
            <Table.Caption>混同行列（行：登録された種別、列：モデルの提案、数字は件数）</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>登録＼提案</Table.Th>
                {a.confusion.labels.map((l) => (
                  <Table.Th key={l} ta="right">
                    {name(l)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.confusion.labels.map((gold, i) => (
                <Table.Tr key={gold}>
                  <Table.Th scope="row">{name(gold)}</Table.Th>
                  {a.confusion.labels.map((predicted, j) => {
                    const n = a.confusion.matrix[i]?.[j] ?? 0;
                    return (
                      <Table.Td
                        key={predicted}
                        ta="right"
                        fw={i === j ? 700 : undefined}
                        bg={i === j ? "teal.0" : n > 0 ? "orange.0" : undefined}
                      >
                        {formatCount(n)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Section>
  );
}
