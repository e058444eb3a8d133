/**
 * The 5-level satisfaction scale and its figures (seed 000): the mean on the scale, the satisfaction score
 * (満足度スコア: the share of 満足 + やや満足, "top-2-box") and the change from the previous period in ポイント.
 * Pure: the results, the KPI figures and the UI all compute with these.
 */

/** The levels as the seed names them, from 5 (満足) down to 1 (不満). */
export const SATISFACTION_LEVELS = [
  { value: 5, label: "満足" },
  { value: 4, label: "やや満足" },
  { value: 3, label: "ふつう" },
  { value: 2, label: "やや不満" },
  { value: 1, label: "不満" },
] as const;

export type SatisfactionValue = 1 | 2 | 3 | 4 | 5;

/** やや不満 or 不満: a dissatisfied answer, which the closed loop turns into a voice. */
export const DISSATISFIED_AT_MOST = 2;

export function satisfactionLabel(value: number): string {
  return SATISFACTION_LEVELS.find((l) => l.value === value)?.label ?? String(value);
}

/** Reads 1–5 or a level's label (as a paper count or another tool writes it); null when it is neither. */
export function parseSatisfaction(v: unknown): SatisfactionValue | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 5 ? (v as SatisfactionValue) : null;
  if (typeof v !== "string") return null;
  const s = v.normalize("NFKC").trim();
  if (/^[1-5]$/.test(s)) return Number(s) as SatisfactionValue;
  return (SATISFACTION_LEVELS.find((l) => l.label === s)?.value as SatisfactionValue | undefined) ?? null;
}

/** Counts per level: index 0 unused, 1..5 the levels. */
export type LevelCounts = readonly [number, number, number, number, number, number];

export const emptyCounts = (): [number, number, number, number, number, number] => [0, 0, 0, 0, 0, 0];

export interface SatisfactionFigures {
  responses: number;
  /** the mean on the 5-level scale, 2 decimals; null without answers */
  mean: number | null;
  /** 満足 + やや満足 as a percentage of the answers, 1 decimal; null without answers */
  topTwoBox: number | null;
  /** the counts from 満足 (5) down to 不満 (1) */
  counts: { value: number; label: string; count: number; percent: number }[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  // The epsilon keeps 86.85 (stored as 86.8499…) rounding the way people round it on paper.
  return Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
};

export function satisfactionFigures(counts: LevelCounts): SatisfactionFigures {
  let n = 0;
  let sum = 0;
  for (let v = 1; v <= 5; v++) {
    n += counts[v] ?? 0;
    sum += v * (counts[v] ?? 0);
  }
  const top = (counts[5] ?? 0) + (counts[4] ?? 0);
  return {
    responses: n,
    mean: n === 0 ? null : round(sum / n, 2),
    topTwoBox: n === 0 ? null : round((top / n) * 100, 1),
    counts: SATISFACTION_LEVELS.map((l) => ({
      value: l.value,
      label: l.label,
      count: counts[l.value] ?? 0,
      percent: n === 0 ? 0 : round(((counts[l.value] ?? 0) / n) * 100, 1),
    })),
  };
}

export interface PointChange {
  /** current − previous in percentage points, 1 decimal, from the figures as printed */
  points: number;
  /** 0.6ポイント減少 / 1.1ポイント増加 / 前年と同じ */
  label: string;
}

/** The change of a percentage from the previous period, as the KPI report writes it (rates in ポイント). */
export function pointChange(current: number | null, previous: number | null): PointChange | null {
  if (current === null || previous === null) return null;
  const points = round(current - previous, 1);
  if (points === 0) return { points: 0, label: "増減なし" };
  return { points, label: `${Math.abs(points).toFixed(1)}ポイント${points > 0 ? "増加" : "減少"}` };
}

/** The change of the mean on the scale, 2 decimals (no unit: it is a score, not a rate). */
export function meanChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return round(current - previous, 2);
}
