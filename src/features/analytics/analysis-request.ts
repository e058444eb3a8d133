/**
 * Reads an analytics query (period, comparison, the voice list's filters) for one user: the period and its 前年同期,
 * the role's scope (staff: their own department), and the filter of counted voices, or a Japanese 400/403.
 */

import type { Db } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import {
  comparePeriod,
  type Period,
  parsePeriodQuery,
  periodInstants,
  periodProgress,
} from "../../domain/analysis-period.js";
import { jstToday } from "../../domain/jst.js";
import { analyticsScopeFor } from "../../domain/roles.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { forbidden, invalidInput } from "../../errors.js";
import type { Department, VoiceListQuery } from "../../shared/api-contract.js";
import { getSettings } from "../users-and-settings/settings.js";
import { type TaxonomyIndex, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { parseVoiceFilter, type VoiceFilter } from "../voices/list-voices.js";
import type { CompareOption, PeriodInfo } from "./contract.js";
import { countedFilter, countedStatuses } from "./counted-voices.js";

/** The voice list's filters as the analytics take them (no from/to: the period decides those). */
export type ListFilters = Pick<
  VoiceListQuery,
  "type" | "category" | "channel" | "status" | "department" | "assignee" | "overdue" | "q"
>;

export interface AnalysisQuery extends ListFilters {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  compare?: CompareOption | undefined;
}

export interface AnalysisRequest {
  now: Date;
  today: string;
  period: Period;
  comparison: Period | null;
  tax: TaxonomyIndex;
  /** the department the user is limited to (staff), else null */
  department: Department | null;
  /** the counted voices' filter without the period; null when nothing can be counted (status=voided) */
  filter: VoiceFilter | null;
  /** the list filters as query-string values, ready to open the list (department and counted statuses applied) */
  listParams: Record<string, string>;
}

const FILTER_KEYS = [
  "type",
  "category",
  "channel",
  "department",
  "status",
  "assignee",
  "overdue",
  "q",
] as const;

export const NO_DEPARTMENT_MESSAGE =
  "所属部署が設定されていないため、集計を表示できません。管理者に部署の設定を依頼してください";
export const OTHER_DEPARTMENT_MESSAGE = "担当者は所属部署の集計だけを表示できます";

/**
 * The department a user's counts cover (analytics, frequent words, downloads): staff see their own department's
 * only — a department filter naming another is refused, none means their own; everyone else counts as asked.
 */
export function countingDepartment(
  actor: Actor,
  asked: string | undefined,
  tax: TaxonomyIndex,
): { department: Department | null; filter: string | undefined } {
  const scope = analyticsScopeFor(actor);
  if (scope.kind === "none") throw forbidden(NO_DEPARTMENT_MESSAGE);
  if (scope.kind === "organization") return { department: null, filter: asked };
  const own = tax.taxonomy.departments.find((d) => d.id === scope.departmentId);
  if (!own) throw forbidden(NO_DEPARTMENT_MESSAGE);
  const named = (asked ?? "").split(",").filter((s) => s.trim() !== "");
  for (const v of named) {
    const d = tax.find("department", /^\d+$/.test(v.trim()) ? Number(v) : v);
    if (d && d.id !== own.id) throw forbidden(OTHER_DEPARTMENT_MESSAGE);
  }
  return { department: own, filter: named.length === 0 ? own.code : asked };
}

export async function readAnalysisRequest(
  db: Db,
  actor: Actor,
  q: AnalysisQuery,
  now: Date = new Date(),
): Promise<AnalysisRequest> {
  const [settings, tax] = await Promise.all([getSettings(db), taxonomyIndex(db)]);
  const parsed = parsePeriodQuery(q, { startMonth: settings.fiscalYearStartMonth, now });
  if (!parsed.ok) throw invalidInput(parsed.fields, "集計期間の指定に誤りがあります");
  const period = parsed.period;
  const comparison = q.compare === "none" ? null : comparePeriod(period, { elapsedAt: now });

  const { department, filter: departmentFilter } = countingDepartment(actor, q.department, tax);
  const filters: ListFilters = { ...q, department: departmentFilter };
  const parsedFilter = parseVoiceFilter(filters, tax, actor, dialectOf(db));
  const filter = countedFilter(parsedFilter);

  const listParams: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v !== undefined && v.trim() !== "") listParams[k] = v;
  }
  listParams.status = countedStatuses(filter).join(",");
  return { now, today: jstToday(now), period, comparison, tax, department, filter, listParams };
}

/** The filter over one period: received_at in [from, toExclusive) in JST. */
export function filterOver(filter: VoiceFilter, p: Period): VoiceFilter {
  const { fromIso, toIsoExclusive } = periodInstants(p);
  return { ...filter, fromIso, toIsoExclusive };
}

export function periodInfo(p: Period, now: Date): PeriodInfo {
  const progress = periodProgress(p, now);
  return {
    kind: p.kind,
    key: p.key,
    label: p.label,
    rangeLabel: p.rangeLabel,
    from: p.from,
    to: p.to,
    state: progress.state,
    elapsedDays: progress.elapsedDays,
    totalDays: progress.totalDays,
  };
}

/** The voice list's query string: the period's days (or narrower ones), the filters, then the cell's own keys. */
export function listQueryOf(
  days: { from: string; to: string },
  params: Record<string, string>,
  overrides: Record<string, string> = {},
): string {
  const merged: Record<string, string> = { ...params, ...overrides };
  const out = new URLSearchParams({ from: days.from, to: days.to });
  for (const k of FILTER_KEYS) {
    const v = merged[k];
    if (v !== undefined) out.set(k, v);
  }
  return out.toString();
}
