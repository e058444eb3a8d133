// What the dashboard says when a period holds no voices: not begun yet, or nothing received (in a department,
// with filters) — an honest sentence instead of empty charts.
import { Alert } from "@mantine/core";
import type { CountsResponse } from "../../../../src/features/analytics/contract.js";
import { slashDate } from "./format-figures.js";

export function EmptyState({
  data,
  department,
  filtered,
}: {
  data: CountsResponse | null;
  department: string | null;
  filtered: boolean;
}) {
  if (!data) return null;
  const p = data.period;
  if (p.state === "upcoming")
    return (
      <Alert color="blue" title={`${p.label}はまだ始まっていません`} data-testid="dashboard-empty">
        {slashDate(p.from)}から始まります。始まると、受け付けた声がここに集計されます。
      </Alert>
    );
  if (data.total.count > 0) return null;
  const where = department ? `${department}で` : "";
  return (
    <Alert color="gray" title="この期間の声はありません" data-testid="dashboard-empty">
      {where}
      {p.label}
      {p.state === "in_progress" ? "に受け付けた声は、まだありません。" : "に受け付けた声はありません。"}
      {filtered && "絞り込みの条件を変えると表示されることがあります。"}
    </Alert>
  );
}
