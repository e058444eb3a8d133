/**
 * A survey's results for a period: responses, each question's distribution, the headline question's mean and
 * top-2-box with the change from the same period a year earlier, breakdowns by the respondent's attributes, the
 * free-text answers with their frequent words, and how many of the closed loop's voices are closed. Every figure
 * is a grouped count read from the period indexes of migration 0014; the math is src/domain/satisfaction.ts.
 */
import type { Db } from "../../db/database.js";
import { comparePeriod, type Period, periodInstants } from "../../domain/analysis-period.js";
import { emptyCounts, meanChange, pointChange, satisfactionFigures } from "../../domain/satisfaction.js";
import { topWords } from "../../text/word-stats.js";
import { tokenizeBatchInWorker } from "../../text/worker-pool.js";
import {
  BREAKDOWN_LABELS,
  type QuestionResult,
  RESULT_BREAKDOWNS,
  type ResultBreakdown,
  type SurveyResults,
} from "./contract.js";
import type { SurveyRecord } from "./survey-store.js";

/** The latest free-text answers shown and analysed per question: enough to read the themes, bounded in time. */
export const TEXTS_SHOWN = 50;
export const TEXTS_ANALYSED = 300;
const WORDS_SHOWN = 20;

const BREAKDOWN_COLUMNS = {
  age_band: "age_band",
  prefecture: "prefecture",
  product_line: "product_line_id",
  department: "department_id",
  staff: "staff_id",
} as const satisfies Record<ResultBreakdown, string>;

function inPeriod(p: Period) {
  const { fromIso, toIsoExclusive } = periodInstants(p);
  return { fromIso, toIsoExclusive };
}

/** Answers in the period per headline level (null: no headline answer). */
export async function headlineCounts(db: Db, surveyId: number, p: Period) {
  const { fromIso, toIsoExclusive } = inPeriod(p);
  const rows = await db
    .selectFrom("survey_answers")
    .select(["headline_value", (eb) => eb.fn.countAll<number>().as("n")])
    .where("survey_id", "=", surveyId)
    .where("answered_at", ">=", fromIso)
    .where("answered_at", "<", toIsoExclusive)
    .groupBy("headline_value")
    .execute();
  const counts = emptyCounts();
  let responses = 0;
  for (const r of rows) {
    const n = Number(r.n);
    responses += n;
    if (r.headline_value !== null && r.headline_value >= 1 && r.headline_value <= 5)
      counts[r.headline_value] = (counts[r.headline_value] ?? 0) + n;
  }
  return { responses, counts };
}

// Frequent words of the same texts are not analysed twice: the key changes when a new answer arrives.
const wordCache = new Map<string, { word: string; count: number }[]>();

async function frequentWords(cacheKey: string, texts: string[]) {
  const hit = wordCache.get(cacheKey);
  if (hit) return hit;
  const words = topWords(await tokenizeBatchInWorker(texts), WORDS_SHOWN);
  if (wordCache.size > 200) wordCache.clear();
  wordCache.set(cacheKey, words);
  return words;
}

async function questionResults(db: Db, survey: SurveyRecord, p: Period): Promise<QuestionResult[]> {
  const { fromIso, toIsoExclusive } = inPeriod(p);
  const inRange = db
    .selectFrom("survey_answer_items")
    .where("survey_id", "=", survey.id)
    .where("answered_at", ">=", fromIso)
    .where("answered_at", "<", toIsoExclusive);
  const valueRows = await inRange
    .select(["question_key", "value", (eb) => eb.fn.countAll<number>().as("n")])
    .where("value", "is not", null)
    .groupBy(["question_key", "value"])
    .execute();
  const counts = new Map<string, Map<number, number>>();
  for (const r of valueRows) {
    const m = counts.get(r.question_key) ?? new Map<number, number>();
    counts.set(r.question_key, m);
    m.set(Number(r.value), Number(r.n));
  }
  const multiple = survey.questions.filter((q) => q.type === "multiple").map((q) => q.key);
  // A multiple-choice question is answered once however many options were chosen.
  const multipleAnswered = new Map<string, number>();
  if (multiple.length > 0) {
    const rows = await inRange
      .select(["question_key", (eb) => eb.fn.count<number>("answer_id").distinct().as("n")])
      .where("question_key", "in", multiple)
      .groupBy("question_key")
      .execute();
    for (const r of rows) multipleAnswered.set(r.question_key, Number(r.n));
  }

  const out: QuestionResult[] = [];
  for (const q of survey.questions) {
    const m = counts.get(q.key) ?? new Map<number, number>();
    const base = { key: q.key, label: q.label, type: q.type, headline: q.headline === true };
    if (q.type === "satisfaction") {
      const c = emptyCounts();
      for (const [v, n] of m) if (v >= 1 && v <= 5) c[v] = (c[v] ?? 0) + n;
      const f = satisfactionFigures(c);
      out.push({
        ...base,
        answered: f.responses,
        figures: { responses: f.responses, mean: f.mean, topTwoBox: f.topTwoBox },
        distribution: f.counts,
        texts: [],
        words: [],
      });
    } else if (q.type === "single" || q.type === "multiple") {
      const answered =
        q.type === "multiple"
          ? (multipleAnswered.get(q.key) ?? 0)
          : [...m.values()].reduce((a, b) => a + b, 0);
      out.push({
        ...base,
        answered,
        figures: null,
        distribution: (q.options ?? []).map((label, i) => {
          const count = m.get(i) ?? 0;
          return {
            value: i,
            label,
            count,
            percent: answered ? Math.round((count / answered) * 1000) / 10 : 0,
          };
        }),
        texts: [],
        words: [],
      });
    } else {
      // A text question's items always carry text (an empty answer stores no item), so the count reads the index only.
      const [latest, total] = await Promise.all([
        inRange
          .select(["answered_at", "text", "answer_id"])
          .where("question_key", "=", q.key)
          .orderBy("answered_at", "desc")
          .orderBy("answer_id", "desc")
          .limit(TEXTS_ANALYSED)
          .execute(),
        inRange
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("question_key", "=", q.key)
          .executeTakeFirstOrThrow(),
      ]);
      const texts = latest.map((r) => r.text ?? "");
      const key = `${survey.id}|${p.key}|${q.key}|${Number(total.n)}|${latest[0]?.answer_id ?? 0}`;
      out.push({
        ...base,
        answered: Number(total.n),
        figures: null,
        distribution: [],
        texts: latest.slice(0, TEXTS_SHOWN).map((r) => ({
          answeredAt: new Date(r.answered_at).toISOString(),
          text: r.text ?? "",
        })),
        words: await frequentWords(key, texts),
      });
    }
  }
  return out;
}

async function breakdowns(db: Db, survey: SurveyRecord, p: Period): Promise<SurveyResults["breakdowns"]> {
  const { fromIso, toIsoExclusive } = inPeriod(p);
  const names = await labelNames(db);
  const out: SurveyResults["breakdowns"] = [];
  for (const by of RESULT_BREAKDOWNS) {
    const column = BREAKDOWN_COLUMNS[by];
    const rows = await db
      .selectFrom("survey_answers")
      .select([`${column} as k`, "headline_value", (eb) => eb.fn.countAll<number>().as("n")])
      .where("survey_id", "=", survey.id)
      .where("answered_at", ">=", fromIso)
      .where("answered_at", "<", toIsoExclusive)
      .where(column, "is not", null)
      .groupBy([column, "headline_value"])
      .execute();
    if (rows.length === 0) continue;
    const groups = new Map<string, ReturnType<typeof emptyCounts>>();
    const responses = new Map<string, number>();
    for (const r of rows) {
      const k = String(r.k);
      const c = groups.get(k) ?? emptyCounts();
      groups.set(k, c);
      const n = Number(r.n);
      responses.set(k, (responses.get(k) ?? 0) + n);
      if (r.headline_value !== null) c[r.headline_value] = (c[r.headline_value] ?? 0) + n;
    }
    const label = (k: string) =>
      by === "product_line"
        ? (names.productLines.get(Number(k)) ?? k)
        : by === "department"
          ? (names.departments.get(Number(k)) ?? k)
          : by === "staff"
            ? (names.users.get(Number(k)) ?? k)
            : k;
    out.push({
      by,
      label: BREAKDOWN_LABELS[by],
      rows: [...groups]
        .map(([k, c]) => {
          const f = satisfactionFigures(c);
          return {
            key: k,
            label: label(k),
            responses: responses.get(k) ?? 0,
            mean: f.mean,
            topTwoBox: f.topTwoBox,
          };
        })
        .sort((a, b) => b.responses - a.responses || a.label.localeCompare(b.label, "ja")),
    });
  }
  return out;
}

async function labelNames(db: Db) {
  const [labels, departments, users] = await Promise.all([
    db.selectFrom("taxonomy_labels").select(["id", "name"]).where("kind", "=", "product_line").execute(),
    db.selectFrom("departments").select(["id", "name"]).execute(),
    db.selectFrom("users").select(["id", "name"]).execute(),
  ]);
  return {
    productLines: new Map(labels.map((l) => [l.id, l.name])),
    departments: new Map(departments.map((d) => [d.id, d.name])),
    users: new Map(users.map((u) => [u.id, u.name])),
  };
}

async function loopVoices(db: Db, surveyId: number, p: Period) {
  const { fromIso, toIsoExclusive } = inPeriod(p);
  const r = await db
    .selectFrom("survey_answers as a")
    .innerJoin("voices as v", "v.id", "a.voice_id")
    .select([
      (eb) => eb.fn.countAll<number>().as("created"),
      (eb) => eb.fn.sum<number>(eb.case().when("v.status", "=", "closed").then(1).else(0).end()).as("closed"),
    ])
    .where("a.survey_id", "=", surveyId)
    .where("a.answered_at", ">=", fromIso)
    .where("a.answered_at", "<", toIsoExclusive)
    .executeTakeFirstOrThrow();
  return { created: Number(r.created ?? 0), closed: Number(r.closed ?? 0) };
}

export async function surveyResults(db: Db, survey: SurveyRecord, period: Period): Promise<SurveyResults> {
  const previous = comparePeriod(period);
  const [now, before, questions, byAttribute, voices] = await Promise.all([
    headlineCounts(db, survey.id, period),
    headlineCounts(db, survey.id, previous),
    questionResults(db, survey, period),
    breakdowns(db, survey, period),
    loopVoices(db, survey.id, period),
  ]);
  const hq = survey.questions.find((q) => q.headline);
  const cur = satisfactionFigures(now.counts);
  const prev = satisfactionFigures(before.counts);
  return {
    survey: { id: survey.id, name: survey.name, kind: survey.kind.name },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    previousPeriod: { key: previous.key, label: previous.label },
    responses: now.responses,
    headline: hq
      ? {
          key: hq.key,
          label: hq.label,
          responses: cur.responses,
          mean: cur.mean,
          topTwoBox: cur.topTwoBox,
          previous: { responses: prev.responses, mean: prev.mean, topTwoBox: prev.topTwoBox },
          change: pointChange(cur.topTwoBox, prev.topTwoBox),
          meanChange: meanChange(cur.mean, prev.mean),
        }
      : null,
    questions,
    breakdowns: byAttribute,
    voices,
  };
}
