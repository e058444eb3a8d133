// How the dashboard writes its figures: counts in 件 with thousands separators, changes with ▲▼, rates in % and
// their changes in ポイント (as the seed reports do).

export const count = (n: number) => n.toLocaleString("ja-JP");

/** +1.5 / −3 (one decimal where there is one) */
const signed = (n: number, digits = 1) =>
  `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toLocaleString("ja-JP", { maximumFractionDigits: digits })}`;

/** ▲ 1,234件（+5.2%）, ▼ 12件（−3.1%）, ±0件; the percent left out when the previous count was 0. */
export function countChange(change: number | null, changePercent: number | null): string | null {
  if (change === null) return null;
  const mark = change > 0 ? "▲ " : change < 0 ? "▼ " : "±";
  const pct = changePercent === null ? "" : `（${signed(changePercent)}%）`;
  return `${mark}${count(Math.abs(change))}件${pct}`;
}

/** ▲ 2.1ポイント / ▼ 0.4ポイント / ±0ポイント */
export function pointChange(now: number | null, before: number | null): string | null {
  if (now === null || before === null) return null;
  const d = Math.round((now - before) * 10) / 10;
  const mark = d > 0 ? "▲ " : d < 0 ? "▼ " : "±";
  return `${mark}${Math.abs(d).toLocaleString("ja-JP", { maximumFractionDigits: 1 })}ポイント`;
}

export const percentText = (p: number | null) =>
  p === null ? "－" : `${p.toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

export const daysText = (d: number | null) =>
  d === null ? "－" : `${d.toLocaleString("ja-JP", { maximumFractionDigits: 1 })}営業日`;

/** A table cell's number: counts 1,234; changes +12 / −3; percents 12.3 */
export function cellText(
  value: string | number | null,
  kind: "label" | "count" | "change" | "percent",
): string {
  if (value === null) return kind === "label" ? "" : "－";
  if (typeof value === "string") return value;
  if (kind === "change") return signed(value, 0);
  if (kind === "percent")
    return value.toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return count(value);
}

/** 2025-04-01 → 2025/4/1 */
export const slashDate = (d: string) =>
  `${Number(d.slice(0, 4))}/${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
