/**
 * A survey's answers counted per JST month (survey_month_counts, migration 0026), kept in the answer's own
 * transaction, so that a period's results read a few thousand counts instead of every answer and item (issue 13:
 * results p95 < 200 ms at 100,000 answers). A month only partly inside a period (a custom period's edges) is
 * counted from the answers themselves, with the same meaning.
 *
 * What is counted (dim / key / value → n):
 * - `answers` / "" / headline level (0: no headline answer) — responses and the headline distribution;
 * - `item` / question key / level or option index — each question's distribution (free text has no value);
 * - `answered` / question key / 0 — answers that answered the question (a multiple choice counts once);
 * - a breakdown (`age_band`, `prefecture`, `product_line`, `department`, `staff`) / the attribute / headline level.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { type Period, periodInstants, periodMonths } from "../../domain/analysis-period.js";
import { addCalendarDays, jstDate, jstDateTimeToIso } from "../../domain/jst.js";
import { RESULT_BREAKDOWNS, type ResultBreakdown } from "./contract.js";

export type CountDim = "answers" | "item" | "answered" | ResultBreakdown;

/** dim → key → value → number of answers (or items) */
export type Counts = Map<string, Map<string, Map<number, number>>>;

/** An answer as written, with what is counted of it. */
export interface CountedAnswer {
  answeredAt: string;
  headlineValue: number | null;
  ageBand: string | null;
  prefecture: string | null;
  productLineId: number | null;
  departmentId: number | null;
  staffId: number | null;
  items: readonly { questionKey: string; value: number | null }[];
}

const BREAKDOWN_COLUMNS = {
  age_band: "age_band",
  prefecture: "prefecture",
  product_line: "product_line_id",
  department: "department_id",
  staff: "staff_id",
} as const satisfies Record<ResultBreakdown, string>;

const UPSERT_BATCH = 500;

function add(c: Counts, dim: string, key: string, value: number, n: number) {
  const byKey = c.get(dim) ?? new Map<string, Map<number, number>>();
  c.set(dim, byKey);
  const byValue = byKey.get(key) ?? new Map<number, number>();
  byKey.set(key, byValue);
  byValue.set(value, (byValue.get(value) ?? 0) + n);
}

/** The counts one answer adds (the same meaning as rawCounts' grouped reads). */
function countAnswer(c: Counts, a: CountedAnswer, prefix: string) {
  const level = a.headlineValue ?? 0;
  add(c, `${prefix}answers`, "", level, 1);
  const attrs: Record<ResultBreakdown, string | number | null> = {
    age_band: a.ageBand,
    prefecture: a.prefecture,
    product_line: a.productLineId,
    department: a.departmentId,
    staff: a.staffId,
  };
  for (const by of RESULT_BREAKDOWNS) {
    const v = attrs[by];
    if (v !== null) add(c, `${prefix}${by}`, String(v), level, 1);
  }
  const answered = new Set<string>();
  for (const it of a.items) {
    answered.add(it.questionKey);
    if (it.value !== null) add(c, `${prefix}item`, it.questionKey, it.value, 1);
  }
  for (const q of answered) add(c, `${prefix}answered`, q, 0, 1);
}

/** Adds written answers to their months' counts, in the caller's transaction. */
export async function addAnswerCounts(trx: Db, surveyId: number, answers: readonly CountedAnswer[]) {
  if (answers.length === 0) return;
  // The month rides in the dim's place while counting ("2025-04|item"), then is split out.
  const c: Counts = new Map();
  for (const a of answers) countAnswer(c, a, `${jstDate(a.answeredAt).slice(0, 7)}|`);
  const rows: { survey_id: number; month: string; dim: string; key: string; value: number; n: number }[] = [];
  for (const [monthDim, byKey] of c) {
    const [month, dim] = monthDim.split("|") as [string, string];
    for (const [key, byValue] of byKey)
      for (const [value, n] of byValue) rows.push({ survey_id: surveyId, month, dim, key, value, n });
  }
  // One order for every writer: two transactions adding to the same rows wait for each other, never deadlock.
  rows.sort(
    (x, y) =>
      x.month.localeCompare(y.month) ||
      x.dim.localeCompare(y.dim) ||
      x.key.localeCompare(y.key) ||
      x.value - y.value,
  );
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
    await trx
      .insertInto("survey_month_counts")
      .values(rows.slice(i, i + UPSERT_BATCH))
      .onConflict((oc) =>
        oc
          .columns(["survey_id", "month", "dim", "key", "value"])
          .doUpdateSet({ n: sql<number>`survey_month_counts.n + excluded.n` }),
      )
      .execute();
  }
}

function merge(into: Counts, from: Counts) {
  for (const [dim, byKey] of from)
    for (const [key, byValue] of byKey) for (const [value, n] of byValue) add(into, dim, key, value, n);
}

/** The counts of the answers in [fromIso, toIsoExclusive), read from the answers and items themselves. */
export async function rawCounts(
  db: Db,
  surveyId: number,
  fromIso: string,
  toIsoExclusive: string,
  dims: readonly CountDim[],
): Promise<Counts> {
  const c: Counts = new Map();
  const answers = db
    .selectFrom("survey_answers")
    .where("survey_id", "=", surveyId)
    .where("answered_at", ">=", fromIso)
    .where("answered_at", "<", toIsoExclusive);
  const items = db
    .selectFrom("survey_answer_items")
    .where("survey_id", "=", surveyId)
    .where("answered_at", ">=", fromIso)
    .where("answered_at", "<", toIsoExclusive);
  if (dims.includes("answers")) {
    const rows = await answers
      .select(["headline_value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("headline_value")
      .execute();
    for (const r of rows) add(c, "answers", "", r.headline_value ?? 0, Number(r.n));
  }
  for (const by of RESULT_BREAKDOWNS) {
    if (!dims.includes(by)) continue;
    const column = BREAKDOWN_COLUMNS[by];
    const rows = await answers
      .select([`${column} as k`, "headline_value", (eb) => eb.fn.countAll<number>().as("n")])
      .where(column, "is not", null)
      .groupBy([column, "headline_value"])
      .execute();
    for (const r of rows) add(c, by, String(r.k), r.headline_value ?? 0, Number(r.n));
  }
  if (dims.includes("item")) {
    const rows = await items
      .select(["question_key", "value", (eb) => eb.fn.countAll<number>().as("n")])
      .where("value", "is not", null)
      .groupBy(["question_key", "value"])
      .execute();
    for (const r of rows) add(c, "item", r.question_key, Number(r.value), Number(r.n));
  }
  if (dims.includes("answered")) {
    const rows = await items
      .select(["question_key", (eb) => eb.fn.count<number>("answer_id").distinct().as("n")])
      .groupBy("question_key")
      .execute();
    for (const r of rows) add(c, "answered", r.question_key, 0, Number(r.n));
  }
  return c;
}

/** The counts of the months read from survey_month_counts. */
async function monthCounts(db: Db, surveyId: number, months: readonly string[], dims: readonly CountDim[]) {
  const c: Counts = new Map();
  if (months.length === 0) return c;
  const rows = await db
    .selectFrom("survey_month_counts")
    .select(["dim", "key", "value", (eb) => eb.fn.sum<number>("n").as("n")])
    .where("survey_id", "=", surveyId)
    .where("month", ">=", months[0] as string)
    .where("month", "<=", months[months.length - 1] as string)
    .where("dim", "in", dims)
    .groupBy(["dim", "key", "value"])
    .execute();
  for (const r of rows) add(c, r.dim, r.key, Number(r.value), Number(r.n));
  return c;
}

/** A survey's counts for a period: whole months from the monthly counts, the days of partial months from the answers. */
export async function periodCounts(
  db: Db,
  surveyId: number,
  p: Period,
  dims: readonly CountDim[],
): Promise<Counts> {
  const whole = periodMonths(p).filter(
    (m) => `${m}-01` >= p.from && addCalendarDays(nextMonthStart(m), -1) <= p.to,
  );
  const c = await monthCounts(db, surveyId, whole, dims);
  const { fromIso, toIsoExclusive } = periodInstants(p);
  const edges: [string, string][] = [];
  if (whole.length === 0) edges.push([fromIso, toIsoExclusive]);
  else {
    const first = jstDateTimeToIso(`${whole[0]}-01`);
    const after = jstDateTimeToIso(nextMonthStart(whole[whole.length - 1] as string));
    if (fromIso < first) edges.push([fromIso, first]);
    if (after < toIsoExclusive) edges.push([after, toIsoExclusive]);
  }
  for (const [from, to] of edges) merge(c, await rawCounts(db, surveyId, from, to, dims));
  return c;
}

function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The counts of one dim and key: value → n. */
export function countsOf(c: Counts, dim: CountDim, key = ""): Map<number, number> {
  return c.get(dim)?.get(key) ?? new Map();
}
