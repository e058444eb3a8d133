// The monthly-figures grid's cells and their checks, apart from the screen: which columns a year has, how a
// cell is keyed, and turning the typed cells into rows to save — or into messages naming month and figure.
import {
  BUSINESS_METRIC_LABELS,
  type BusinessFigureBody,
  type BusinessMetric,
} from "../../../../src/features/activities/contract.js";

export interface Cell {
  month: string;
  metric: BusinessMetric;
  line: string;
  part: "num" | "den";
}
export type GridValues = Record<string, string>;

export const cellKey = (c: Cell) => `${c.month}|${c.metric}|${c.line}|${c.part}`;
export const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;

export interface Column {
  label: string;
  cell: Omit<Cell, "month">;
}

/** The counts, then 継続 and 満期 for each renewal line. */
export function columnsFor(lines: string[]): Column[] {
  const counts: BusinessMetric[] = ["consultations", "new_contracts", "early_lapses"];
  return [
    ...counts.map((metric) => ({
      label: BUSINESS_METRIC_LABELS[metric],
      cell: { metric, line: "", part: "num" as const },
    })),
    ...lines.flatMap((line) => [
      { label: `${line} 継続件数`, cell: { metric: "renewals" as const, line, part: "num" as const } },
      { label: `${line} 満期件数`, cell: { metric: "renewals" as const, line, part: "den" as const } },
    ]),
  ];
}

const parseCount = (s: string): number | null => {
  const t = s.normalize("NFKC").replace(/,/g, "").trim();
  return /^\d+$/.test(t) ? Number(t) : null;
};

/** The non-empty cells as rows to save (each with the cell it came from), or a message per bad cell. */
export function checkGrid(months: string[], columns: Column[], values: GridValues) {
  const errors: Record<string, string> = {};
  const rows: BusinessFigureBody[] = [];
  const cells: Cell[] = [];
  const text = (c: Cell) => (values[cellKey(c)] ?? "").trim();
  for (const month of months) {
    for (const col of columns) {
      if (col.cell.part === "den") continue;
      const num: Cell = { month, ...col.cell };
      const raw = text(num);
      if (col.cell.metric !== "renewals") {
        if (raw === "") continue;
        const n = parseCount(raw);
        if (n === null) {
          errors[cellKey(num)] = `${monthLabel(month)}の${col.label}は0以上の整数で入力してください`;
          continue;
        }
        rows.push({ month, metric: col.cell.metric, line: "", numerator: n, denominator: null });
        cells.push(num);
        continue;
      }
      const den: Cell = { ...num, part: "den" };
      const rawDen = text(den);
      if (raw === "" && rawDen === "") continue;
      const where = `${monthLabel(month)}の${col.cell.line}`;
      const n = parseCount(raw);
      const d = parseCount(rawDen);
      if (n === null) errors[cellKey(num)] = `${where}の継続件数は0以上の整数で入力してください`;
      if (d === null) errors[cellKey(den)] = `${where}の満期件数は0以上の整数で入力してください`;
      if (n === null || d === null) continue;
      if (n > d) {
        errors[cellKey(num)] = `${where}の継続件数が満期件数を超えています（継続率が100%を超えます）`;
        continue;
      }
      rows.push({ month, metric: "renewals", line: col.cell.line, numerator: n, denominator: d });
      cells.push(num);
    }
  }
  return { rows, cells, errors };
}
