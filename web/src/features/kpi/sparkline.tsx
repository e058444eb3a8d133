// A KPI's trend over recent reporting periods as a small inline SVG line: no chart library, so the register's
// chunk stays small. A period with nothing recorded breaks the line; the latest point is marked.
import type { KpiTrendPoint } from "../../../../src/features/kpi/contract.js";

const W = 96;
const H = 28;
const PAD = 3;

export function Sparkline({ points, unit }: { points: KpiTrendPoint[]; unit: string }) {
  const known = points.filter((p) => p.value !== null).map((p) => p.value as number);
  const described = points
    .map((p) => `${p.label} ${p.value === null ? "記録なし" : `${p.value.toLocaleString("ja-JP")}${unit}`}`)
    .join("、");
  if (known.length === 0)
    return (
      <svg width={W} height={H} role="img" aria-label={`推移: ${described}`} data-role="sparkline">
        <title>{described}</title>
      </svg>
    );
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(points.length - 1, 1);
  // a flat series sits in the middle rather than on an edge
  const y = (v: number) => (max === min ? H / 2 : H - PAD - ((v - min) * (H - 2 * PAD)) / (max - min));
  // consecutive recorded points form one segment each run
  const runs: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run.join(" "));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(" "));
  const lastIndex = points.length - 1;
  const last = points[lastIndex];
  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`推移: ${described}`}
      data-role="sparkline"
    >
      <title>{described}</title>
      {runs.map((r) =>
        r.includes(" ") ? (
          <polyline key={r} points={r} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={1.5} />
        ) : (
          <circle
            key={r}
            cx={r.split(",")[0]}
            cy={r.split(",")[1]}
            r={1.5}
            fill="var(--mantine-color-blue-6)"
          />
        ),
      )}
      {last?.value !== null && last !== undefined && (
        <circle cx={x(lastIndex)} cy={y(last.value)} r={2.5} fill="var(--mantine-color-blue-8)" />
      )}
    </svg>
  );
}
