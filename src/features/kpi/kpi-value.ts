/**
 * A KPI's value for a period: computed from koe's records through the source registry, or the hand-entered value
 * with its evidence; beside it last year's value, the year-over-year sentence, the breakdown and the records
 * behind it. The half-year review (feat/review) reads its figures through `kpiValue`.
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { jstToday } from "../../domain/jst.js";
import {
  formatKpiValue,
  type KpiUnit,
  type RateChangeStyle,
  yearOverYear,
} from "../../domain/kpi-wording.js";
import { invalidInput, notFound } from "../../errors.js";
import type { KpiBreakdownItem, KpiParams, KpiSource, KpiValue } from "./contract.js";
import {
  getKpiReporting,
  periodEntryKey,
  periodName,
  previousYearOf,
  reportingPeriod,
} from "./reporting-period.js";
import { KPI_SOURCE_REGISTRY, type KpiFigure } from "./sources.js";

export type { KpiValue } from "./contract.js";

export interface KpiValueOptions {
  /** JST date; a period starting after it is refused (defaults to today) */
  today?: string;
  /** overrides the reporting setting */
  rateChange?: RateChangeStyle;
}

type KpiRow = {
  id: number;
  theme_id: number;
  number: number;
  name: string;
  unit: string;
  source: string;
  params: string;
  target: string | null;
  retired_at: string | null;
  theme_number: number;
  theme_name: string;
};

async function loadKpi(db: Db, kpiId: number): Promise<KpiRow> {
  const row = await db
    .selectFrom("kpis as k")
    .innerJoin("kpi_themes as t", "t.id", "k.theme_id")
    .select([
      "k.id",
      "k.theme_id",
      "k.number",
      "k.name",
      "k.unit",
      "k.source",
      "k.params",
      "k.target",
      "k.retired_at",
      "t.number as theme_number",
      "t.name as theme_name",
    ])
    .where("k.id", "=", kpiId)
    .executeTakeFirst();
  if (!row) throw notFound("指標");
  return row;
}

async function entryOf(db: Db, kpiId: number, p: Period) {
  return db
    .selectFrom("kpi_entries")
    .selectAll()
    .where("kpi_id", "=", kpiId)
    .where("period_key", "=", periodEntryKey(p))
    .executeTakeFirst();
}

async function figureOf(db: Db, kpi: KpiRow, p: Period, today: string): Promise<KpiFigure> {
  const unit = kpi.unit as KpiUnit;
  if (kpi.source === "manual") {
    const e = await entryOf(db, kpi.id, p);
    const breakdown = e?.breakdown ? (JSON.parse(e.breakdown) as { label: string; value: number }[]) : [];
    return {
      value: e?.value ?? null,
      breakdown: breakdown.map(
        (b): KpiBreakdownItem => ({ ...b, unit, display: formatKpiValue(b.value, unit) }),
      ),
      sources: e?.evidence
        ? [{ kind: "evidence", id: e.id, date: null, label: "根拠", detail: e.evidence }]
        : [],
      sourceTotal: e?.evidence ? 1 : 0,
      voiceQuery: null,
      note: null,
    };
  }
  const source = KPI_SOURCE_REGISTRY[kpi.source as Exclude<KpiSource, "manual">];
  if (!source) throw new Error(`unknown KPI source: ${kpi.source}`);
  return source.compute({ db, period: p, params: JSON.parse(kpi.params) as KpiParams, today });
}

/** Only the value of a KPI for a period (a sparkline's point): no comparison, entry or wording. */
export async function kpiPeriodValue(
  db: Db,
  kpiId: number,
  p: Period,
  today: string,
): Promise<number | null> {
  return (await figureOf(db, await loadKpi(db, kpiId), p, today)).value;
}

/**
 * The value of one KPI for a period: a reporting year (2023, under the calendar/fiscal setting) or any analysis
 * period (a half, for the review). A period that has not started is refused with a Japanese error.
 */
export async function kpiValue(
  db: Db,
  kpiId: number,
  period: number | Period,
  opts: KpiValueOptions = {},
): Promise<KpiValue> {
  const today = opts.today ?? jstToday();
  const p = typeof period === "number" ? await reportingPeriod(db, period) : period;
  if (p.from > today)
    throw invalidInput({ period: `${periodName(p)}はまだ始まっていません（未来の期間は指定できません）` });
  const kpi = await loadKpi(db, kpiId);
  const unit = kpi.unit as KpiUnit;
  const prevPeriod = previousYearOf(p);
  const [current, previous, entry] = await Promise.all([
    figureOf(db, kpi, p, today),
    figureOf(db, kpi, prevPeriod, today),
    entryOf(db, kpi.id, p),
  ]);
  const rateChange = opts.rateChange ?? (await getKpiReporting(db)).rateChange;
  return {
    kpiId: kpi.id,
    themeNumber: kpi.theme_number,
    themeName: kpi.theme_name,
    number: kpi.number,
    name: kpi.name,
    unit,
    source: kpi.source as KpiSource,
    target: kpi.target,
    retiredAt: kpi.retired_at,
    period: { key: periodEntryKey(p), label: periodName(p), from: p.from, to: p.to },
    value: current.value,
    display: formatKpiValue(current.value, unit),
    previous: previous.value,
    previousDisplay: formatKpiValue(previous.value, unit),
    yoy: yearOverYear(current.value, previous.value, unit, rateChange),
    breakdown: current.breakdown,
    note: current.note,
    sources: current.sources,
    sourceTotal: current.sourceTotal,
    voiceQuery: current.voiceQuery,
    evidence: entry?.evidence ?? null,
    narrative: entry?.narrative ?? null,
  };
}
