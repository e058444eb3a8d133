// The period's tiles: the total and each type with the change from 前年同期, then the handling figures (overdue now,
// within-deadline rates, median days to close). Counts open the voice list on exactly the voices they count.
import type { CountsResponse, HandlingResponse } from "../../../../src/features/analytics/contract.js";
import { typeColor } from "./chart-options.js";
import { Tile } from "./dashboard-tiles.js";
import { count, countChange, daysText, percentText, pointChange } from "./format-figures.js";

export function CountTiles({ data }: { data: CountsResponse }) {
  const change = (x: { change: number | null; changePercent: number | null }) =>
    countChange(x.change, x.changePercent);
  const before = (x: { previous: number | null }) =>
    x.previous === null ? null : `前年同期 ${count(x.previous)}件`;
  return (
    <>
      <Tile
        id="total"
        label="声の総数"
        value={count(data.total.count)}
        unit="件"
        change={change(data.total)}
        detail={before(data.total)}
        listQuery={data.total.count > 0 ? data.total.listQuery : null}
        accent="var(--mantine-color-teal-6)"
      />
      {(data.byDimension[0] ?? []).map((t, i) => (
        <Tile
          key={t.keys[0]?.id ?? i}
          id={`type-${t.keys[0]?.key ?? i}`}
          label={t.keys[0]?.label ?? ""}
          value={count(t.count)}
          unit="件"
          change={change(t)}
          detail={before(t)}
          listQuery={t.count > 0 ? t.listQuery : null}
          upIsBad={t.keys[0]?.key === "complaint"}
          accent={typeColor(t.keys[0]?.key ?? null, i)}
        />
      ))}
    </>
  );
}

export function HandlingTiles({ data }: { data: HandlingResponse }) {
  const t = data.total;
  const p = t.previous;
  const rate = (x: { due: number; withinDeadline: number }) =>
    x.due > 0 ? `期限内 ${count(x.withinDeadline)}／${count(x.due)}件` : "期限を迎えた声はまだありません";
  return (
    <>
      <Tile
        id="overdue"
        label="期限超過（現在）"
        value={count(t.overdueNow.count)}
        unit="件"
        detail="この期間の声で、期限を過ぎて未完了のもの"
        listQuery={t.overdueNow.count > 0 ? t.overdueNow.listQuery : null}
        accent="var(--mantine-color-orange-6)"
      />
      <Tile
        id="ack-rate"
        label="受付連絡の期限内率"
        value={percentText(t.acknowledged.percent)}
        change={pointChange(t.acknowledged.percent, p?.acknowledged.percent ?? null)}
        detail={rate(t.acknowledged)}
      />
      <Tile
        id="resolve-rate"
        label="期限内の解決率"
        value={percentText(t.resolved.percent)}
        change={pointChange(t.resolved.percent, p?.resolved.percent ?? null)}
        detail={rate(t.resolved)}
      />
      <Tile
        id="days-to-close"
        label="完了までの日数（中央値）"
        value={daysText(t.daysToClose.complaint.medianBusinessDays)}
        detail={
          t.daysToClose.complaint.closed + t.daysToClose.request.closed === 0
            ? "完了した苦情・意見要望はまだありません"
            : `苦情（完了 ${count(t.daysToClose.complaint.closed)}件）。意見・要望は ${daysText(t.daysToClose.request.medianBusinessDays)}（完了 ${count(t.daysToClose.request.closed)}件）`
        }
      />
    </>
  );
}
