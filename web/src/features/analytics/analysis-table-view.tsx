// A chart's numbers as a real table (for screen readers, the keyboard and people who prefer numbers): the same
// table the XLSX/CSV download holds. Every count with a list query links to exactly those voices.
import { Table } from "@mantine/core";
import { Link } from "react-router";
import type { AnalysisTable } from "../../../../src/shared/analysis-tables.js";
import { cellText } from "./format-figures.js";

export function AnalysisTableView({
  table,
  caption,
  testId,
}: {
  table: AnalysisTable;
  caption: string;
  testId?: string;
}) {
  const numeric = (i: number) => table.columns[i]?.kind !== "label";
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table
        striped
        withTableBorder
        withColumnBorders
        highlightOnHover
        captionSide="top"
        fz="sm"
        data-testid={testId}
      >
        <Table.Caption style={{ textAlign: "left", fontWeight: 600, color: "var(--mantine-color-text)" }}>
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c, i) => (
              <Table.Th key={c.header} scope="col" style={{ textAlign: numeric(i) ? "right" : "left" }}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r, ri) => {
            const rowName = r.cells
              .filter((_, i) => !numeric(i))
              .map((c) => c.value)
              .filter(Boolean)
              .join("・");
            return (
              <Table.Tr
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for one table and never reordered
                key={ri}
                data-kind={r.kind}
                style={r.kind ? { fontWeight: 700 } : undefined}
              >
                {r.cells.map((cell, i) => {
                  const kind = table.columns[i]?.kind ?? "label";
                  const text = cellText(cell.value, kind);
                  const header = table.columns[i]?.header ?? "";
                  if (i === 0)
                    return (
                      <Table.Th key={header} scope="row" style={{ fontWeight: r.kind ? 700 : 400 }}>
                        {text}
                      </Table.Th>
                    );
                  return (
                    <Table.Td key={header} style={{ textAlign: numeric(i) ? "right" : "left" }}>
                      {cell.listQuery && typeof cell.value === "number" && cell.value > 0 ? (
                        <Link
                          to={`/voices?${cell.listQuery}`}
                          aria-label={`${rowName}、${header}：${text}件の声を一覧で開く`}
                        >
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
