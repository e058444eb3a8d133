// How a KPI's value and its change from the previous year are written in the report (seed 000): counts in
// 名/回/件 with thousands separators (5,226件), rates to one decimal (44.1%), and the year-over-year sentence
// (前年より2名増加, 前年より33回減少, 昨年は開催なし, 前年と同数, 0.6ポイント減少 or, as seed 000 prints it, 0.6％減少).
// Pure and browser-safe: the API, the CLI and the register screen print the same words.

export type KpiUnit = "名" | "回" | "件" | "%";
export const KPI_UNITS: readonly KpiUnit[] = ["名", "回", "件", "%"];

/** A change of a rate in ポイント (the correct word) or in ％ (as many published reports, seed 000 among them). */
export type RateChangeStyle = "point" | "percent";

/** A rate rounded to one decimal the way the report prints it (44.117… → 44.1), free of float noise. */
export function roundRate(x: number): number {
  return Math.round(Number((x * 10).toFixed(6))) / 10;
}

/** numerator / denominator as a percentage to one decimal; null when there is no denominator. */
export function ratePercent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? roundRate((numerator / denominator) * 100) : null;
}

const grouped = (n: number) => n.toLocaleString("ja-JP", { maximumFractionDigits: 1 });

/** 30名, 5,226件, 44.1% (a rate always with one decimal: 92.0%). */
export function formatKpiValue(value: number | null, unit: KpiUnit): string {
  if (value === null) return "—";
  if (unit === "%") return `${roundRate(value).toFixed(1)}%`;
  return `${grouped(value)}${unit}`;
}

/**
 * The year-over-year sentence. `previous` null means nothing is recorded for the previous year (a hand-entered
 * KPI not yet entered then); a count of 0 for 回 means nothing was held: 昨年は開催なし.
 */
export function yearOverYear(
  current: number | null,
  previous: number | null,
  unit: KpiUnit,
  style: RateChangeStyle = "point",
): string {
  if (current === null) return "";
  if (previous === null) return "前年の実績なし";
  if (unit === "%") {
    const diff = roundRate(roundRate(current) - roundRate(previous));
    if (diff === 0) return "前年と同率";
    const word = style === "percent" ? "％" : "ポイント";
    return `前年より${Math.abs(diff).toFixed(1)}${word}${diff > 0 ? "増加" : "減少"}`;
  }
  if (previous === 0 && current > 0 && unit === "回") return "昨年は開催なし";
  const diff = current - previous;
  if (diff === 0) return "前年と同数";
  return `前年より${grouped(Math.abs(diff))}${unit}${diff > 0 ? "増加" : "減少"}`;
}
