/**
 * The effect check's arithmetic (pure): the months around the completion month and the before/after counts.
 * Before = the N months before the completion month, after = the N months after it; the completion month itself
 * is shown but counted in neither (the change was under way during it).
 */

export interface EffectMonth {
  month: string;
  count: number;
  phase: "before" | "completion" | "after";
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}`;
}

export function effectWindow(
  completionMonth: string,
  n: number,
  countsByMonth: ReadonlyMap<string, number>,
  currentMonth: string,
) {
  const series: EffectMonth[] = [];
  for (let k = -n; k <= n; k++) {
    const month = addMonths(completionMonth, k);
    series.push({
      month,
      count: countsByMonth.get(month) ?? 0,
      phase: k < 0 ? "before" : k === 0 ? "completion" : "after",
    });
  }
  const sum = (phase: EffectMonth["phase"]) =>
    series.filter((s) => s.phase === phase).reduce((a, s) => a + s.count, 0);
  const before = sum("before");
  const after = sum("after");
  return {
    series,
    before,
    after,
    change: after - before,
    changeRate: before > 0 ? Math.round(((after - before) / before) * 1000) / 1000 : null,
    afterComplete: addMonths(completionMonth, n) < currentMonth,
  };
}
