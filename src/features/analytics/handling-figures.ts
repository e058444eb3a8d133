/**
 * How the voices of a period were handled, per department and in total: acknowledged and resolved within their
 * deadlines, overdue now, median business days from receipt to close (complaints and requests apart), reopens and
 * complaints escalated to an insurer. Every figure is about the voices received in the period (the counted ones,
 * with the list's filters), so each opens in the voice list with the period's dates.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { dialectOf, jstDateOf } from "../../db/dialect.js";
import type { Period } from "../../domain/analysis-period.js";
import { businessDaysBetween } from "../../domain/business-days.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { COMPLAINT_TYPE_CODE } from "../../domain/voice-workflow.js";
import type { VoiceFilter } from "../voices/list-voices.js";
import {
  type AnalysisQuery,
  type AnalysisRequest,
  filterOver,
  listQueryOf,
  periodInfo,
  readAnalysisRequest,
} from "./analysis-request.js";
import type { HandlingFigures, HandlingResponse, HandlingRow } from "./contract.js";
import { countedVoices } from "./counted-voices.js";

const REQUEST_TYPE_CODE = "request";

interface Tally {
  ackDue: number;
  ackWithin: number;
  resDue: number;
  resWithin: number;
  insurer: number;
  overdue: number;
  reopened: number;
  /** business days to close → voices, per type code (complaint, request) */
  closeDays: { complaint: Map<number, number>; request: Map<number, number> };
}

const emptyTally = (): Tally => ({
  ackDue: 0,
  ackWithin: 0,
  resDue: 0,
  resWithin: 0,
  insurer: 0,
  overdue: 0,
  reopened: 0,
  closeDays: { complaint: new Map(), request: new Map() },
});

/** One period's tallies by department id. */
async function tallies(
  db: Db,
  filter: VoiceFilter,
  today: string,
  types: { complaint: number[]; request: number[] },
): Promise<Map<number, Tally>> {
  const dialect = dialectOf(db);
  const jst = (column: string) => jstDateOf(dialect, sql.ref(column));
  // Done: resolved (対応済) or closed; a praise closes without being resolved first.
  const doneAt = sql`coalesce(v.resolved_at, v.closed_at)`;
  const done = sql`v.status in ('resolved', 'closed') and ${doneAt} is not null`;
  // Acknowledged: the first start or response (acknowledged_at); a voice resolved or closed without either was
  // acknowledged by that answer.
  const ackAny = sql`coalesce(v.acknowledged_at, v.resolved_at, v.closed_at)`;
  const closeTypes = [...types.complaint, ...types.request];
  const counted = () => countedVoices(db, filter, today);

  const [deadlines, insurer, overdue, reopened, closes] = await Promise.all([
    // Only voices with a deadline take part: the term matches migration 0009's partial index voices_handling.
    counted()
      .where(sql<boolean>`(v.acknowledge_by is not null or v.resolve_by is not null)`)
      .select([
        "v.department_id as d",
        // Due: the deadline has passed, or it was met early; a voice still within its deadline is not yet due.
        sql<number>`sum(case when v.acknowledge_by is not null and (${ackAny} is not null or v.acknowledge_by < ${today}) then 1 else 0 end)`.as(
          "ack_due",
        ),
        sql<number>`sum(case when v.acknowledge_by is not null and ${ackAny} is not null and ${jstDateOf(dialect, ackAny)} <= v.acknowledge_by then 1 else 0 end)`.as(
          "ack_within",
        ),
        sql<number>`sum(case when v.resolve_by is not null and (${done} or v.resolve_by < ${today}) then 1 else 0 end)`.as(
          "res_due",
        ),
        sql<number>`sum(case when v.resolve_by is not null and ${done} and ${jstDateOf(dialect, doneAt)} <= v.resolve_by then 1 else 0 end)`.as(
          "res_within",
        ),
      ])
      .groupBy("v.department_id")
      .execute(),
    types.complaint.length === 0
      ? Promise.resolve([])
      : counted()
          .where("v.type_id", "in", types.complaint)
          .where("v.insurer_reported_at", "is not", null)
          .select(["v.department_id as d", sql<number>`count(*)`.as("n")])
          .groupBy("v.department_id")
          .execute(),
    // Overdue exactly as the list's overdue=true filter (the same code), so the number opens the same voices.
    countedVoices(db, { ...filter, overdue: true }, today)
      .select(["v.department_id as d", sql<number>`count(*)`.as("n")])
      .groupBy("v.department_id")
      .execute(),
    counted()
      .innerJoin("voice_events as e", "e.voice_id", "v.id")
      .where("e.kind", "=", "reopened")
      .select(["v.department_id as d", sql<number>`count(*)`.as("n")])
      .groupBy("v.department_id")
      .execute(),
    closeTypes.length === 0
      ? Promise.resolve([])
      : // Closed: closed_at is set by approve/close and cleared by reopen, so among counted (not voided) voices it
        // means status = closed; asked this way the planner reads voices_type_closed, not the status index.
        counted()
          .where("v.type_id", "in", closeTypes)
          .where("v.closed_at", "is not", null)
          .select([
            "v.department_id as d",
            "v.type_id as t",
            jst("v.received_at").as("r"),
            jst("v.closed_at").as("c"),
            sql<number>`count(*)`.as("n"),
          ])
          .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
          .execute(),
  ]);

  const out = new Map<number, Tally>();
  const of = (d: number) => {
    const t = out.get(d) ?? emptyTally();
    out.set(d, t);
    return t;
  };
  for (const r of deadlines) {
    const t = of(Number(r.d));
    t.ackDue = Number(r.ack_due ?? 0);
    t.ackWithin = Number(r.ack_within ?? 0);
    t.resDue = Number(r.res_due ?? 0);
    t.resWithin = Number(r.res_within ?? 0);
  }
  for (const r of insurer) of(Number(r.d)).insurer = Number(r.n);
  for (const r of overdue) of(Number(r.d)).overdue = Number(r.n);
  for (const r of reopened) of(Number(r.d)).reopened = Number(r.n);
  const days = new Map<string, number>();
  for (const r of closes) {
    if (r.r === null || r.c === null) continue;
    const pair = `${r.r}|${r.c}`;
    const n = days.get(pair) ?? businessDaysBetween(String(r.r), String(r.c));
    days.set(pair, n);
    const kind = types.complaint.includes(Number(r.t)) ? "complaint" : "request";
    const m = of(Number(r.d)).closeDays[kind];
    m.set(n, (m.get(n) ?? 0) + Number(r.n));
  }
  return out;
}

/** The exact median of a multiset given as value → how many; the mean of the two middle values when even. */
export function weightedMedian(counts: Map<number, number>): number | null {
  const entries = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (rank < seen) return v;
    }
    return entries[entries.length - 1]?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

function merge(ts: Tally[]): Tally {
  const out = emptyTally();
  for (const t of ts) {
    out.ackDue += t.ackDue;
    out.ackWithin += t.ackWithin;
    out.resDue += t.resDue;
    out.resWithin += t.resWithin;
    out.insurer += t.insurer;
    out.overdue += t.overdue;
    out.reopened += t.reopened;
    for (const k of ["complaint", "request"] as const)
      for (const [d, n] of t.closeDays[k]) out.closeDays[k].set(d, (out.closeDays[k].get(d) ?? 0) + n);
  }
  return out;
}

function figures(t: Tally, overdueListQuery: string): HandlingFigures {
  const closed = (m: Map<number, number>) => ({
    closed: [...m.values()].reduce((s, n) => s + n, 0),
    medianBusinessDays: weightedMedian(m),
  });
  return {
    acknowledged: { due: t.ackDue, withinDeadline: t.ackWithin, percent: percent(t.ackWithin, t.ackDue) },
    resolved: { due: t.resDue, withinDeadline: t.resWithin, percent: percent(t.resWithin, t.resDue) },
    overdueNow: { count: t.overdue, listQuery: overdueListQuery },
    daysToClose: { complaint: closed(t.closeDays.complaint), request: closed(t.closeDays.request) },
    reopened: t.reopened,
    complaintsEscalatedToInsurer: t.insurer,
  };
}

export async function handlingFigures(
  db: Db,
  actor: Actor,
  q: AnalysisQuery,
  opts: { now?: Date } = {},
): Promise<HandlingResponse> {
  const req = await readAnalysisRequest(db, actor, q, opts.now);
  return handlingFor(db, req);
}

async function handlingFor(db: Db, req: AnalysisRequest): Promise<HandlingResponse> {
  const { period, comparison, filter, tax, today } = req;
  const idsOf = (code: string) => tax.taxonomy.type.filter((l) => l.code === code).map((l) => l.id);
  const types = { complaint: idsOf(COMPLAINT_TYPE_CODE), request: idsOf(REQUEST_TYPE_CODE) };
  const run = (p: Period) =>
    filter ? tallies(db, filterOver(filter, p), today, types) : new Map<number, Tally>();
  const [current, previous] = await Promise.all([run(period), comparison ? run(comparison) : null]);

  const overdueQuery = (p: Period, department?: string) =>
    listQueryOf(p, req.listParams, { overdue: "true", ...(department ? { department } : {}) });
  const departments = tax.taxonomy.departments.filter(
    (d) => current.has(d.id) || previous?.has(d.id) || req.department?.id === d.id,
  );
  const row = (
    cur: Tally,
    prev: Tally | null,
    department: { id: number; code: string; name: string } | null,
  ): HandlingRow => ({
    department,
    ...figures(cur, overdueQuery(period, department?.code)),
    previous: prev && comparison ? figures(prev, overdueQuery(comparison, department?.code)) : null,
  });
  return {
    period: periodInfo(period, req.now),
    comparison: comparison ? periodInfo(comparison, req.now) : null,
    department: req.department
      ? { id: req.department.id, code: req.department.code, name: req.department.name }
      : null,
    total: row(merge([...current.values()]), previous ? merge([...previous.values()]) : null, null),
    departments: departments.map((d) =>
      row(current.get(d.id) ?? emptyTally(), previous ? (previous.get(d.id) ?? emptyTally()) : null, {
        id: d.id,
        code: d.code,
        name: d.name,
      }),
    ),
  };
}
