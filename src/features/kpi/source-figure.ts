/** What a computed KPI source returns, and the small builders the sources share. */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { formatKpiValue, type KpiUnit } from "../../domain/kpi-wording.js";
import type { KpiBreakdownItem, KpiParams, KpiSourceItem } from "./contract.js";

export interface SourceContext {
  db: Db;
  period: Period;
  params: KpiParams;
  today: string;
}

/** A computed value; null when nothing is recorded for the period (e.g. no monthly figures entered). */
export interface KpiFigure {
  value: number | null;
  breakdown: KpiBreakdownItem[];
  sources: KpiSourceItem[];
  sourceTotal: number;
  voiceQuery: string | null;
  note: string | null;
}

export interface KpiSourceDefinition {
  unit: KpiUnit;
  compute(ctx: SourceContext): Promise<KpiFigure>;
}

/** How many records behind a value are listed; the total is always given. */
export const SOURCE_LIST_LIMIT = 200;

export const item = (label: string, value: number, unit: KpiUnit): KpiBreakdownItem => ({
  label,
  value,
  unit,
  display: formatKpiValue(value, unit),
});

export const figure = (f: Partial<KpiFigure> & { value: number | null }): KpiFigure => ({
  breakdown: [],
  sources: [],
  sourceTotal: f.sources?.length ?? 0,
  voiceQuery: null,
  note: null,
  ...f,
});
