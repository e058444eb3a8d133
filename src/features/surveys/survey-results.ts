/**
 * A survey's results for a period: responses, each question's distribution, the headline question's mean and
 * top-2-box with the change from the same period a year earlier, breakdowns by the respondent's attributes, the
 * free-text answers with their frequent words, and how many of the closed loop's voices are closed. Every figure
 * is read from the monthly counts (answer-counts.ts, migration 0026); the math is src/domain/satisfaction.ts.
 */
import type { Db } from "../../db/database.js";
import { comparePeriod, type Period, periodInstants } from "../../domain/analysis-period.js";
import { emptyCounts, meanChange, pointChange, satisfactionFigures } from "../../domain/satisfaction.js";
import { topWords } from "../../text/word-stats.js";
import { tokenizeBatchInWorker } from "../../text/worker-pool.js";
import { type CountDim, type Counts, countsOf, periodCounts } from "./answer-counts.js";
import { BREAKDOWN_LABELS, type QuestionResult, RESULT_BREAKDOWNS, type SurveyResults } from "./contract.js";
import type { SurveyRecord } from "./survey-store.js";

/** The latest free-text answers shown and analysed per question: enough to read the themes, bounded in time. */
export const TEXTS_SHOWN = 50;
export const TEXTS_ANALYSED = 300;
const WORDS_SHOWN = 20;

function inPeriod(p: Period) {
  const { fromIso, toIsoExclusive } = periodInstants(p);
  return { fromIso, toIsoExclusive };
}

const ALL_DIMS: readonly CountDim[] = ["answers", "item", "answered", ...RESULT_BREAKDOWNS];

/** Answers per headline level (index 0 unused) and all responses, from a period's counts. */
function headlineOf(c: Counts) {
  const counts = emptyCounts();
  let responses = 0;
  for (const [level, n] of countsOf(c, "answers")) {
    responses += n;
    if (level >= 1 && level <= 5) counts[level] = (counts[level] ?? 0) + n;
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

async function questionResults(
  db: Db,
  survey: SurveyRecord,
  p: Period,
  c: Counts,
): Promise<QuestionResult[]> {
  const { fromIso, toIsoExclusive } = inPeriod(p);
  const inRange = db
    .selectFrom("survey_answer_items")
    .where("survey_id", "=", survey.id)
    .where("answered_at", ">=", fromIso)
    .where("answered_at", "<", toIsoExclusive);
  const out: QuestionResult[] = [];
  for (const q of survey.questions) {
    const m = countsOf(c, "item", q.key);
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
          ? (countsOf(c, "answered", q.key).get(0) ?? 0)
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
      const latest = await inRange
        .select(["answered_at", "text", "answer_id"])
        .where("question_key", "=", q.key)
        .orderBy("answered_at", "desc")
        .orderBy("answer_id", "desc")
        .limit(TEXTS_ANALYSED)
        .execute();
      const total = countsOf(c, "answered", q.key).get(0) ?? 0;
      const texts = latest.map((r) => r.text ?? "");
      const key = `${survey.id}|${p.key}|${q.key}|${total}|${latest[0]?.answer_id ?? 0}`;
      out.push({
        ...base,
        answered: total,
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

async function breakdowns(db: Db, c: Counts): Promise<SurveyResults["breakdowns"]> {
  const names = await labelNames(db);
  const out: SurveyResults["breakdowns"] = [];
  for (const by of RESULT_BREAKDOWNS) {
    const keys = c.get(by);
    if (!keys || keys.size === 0) continue;
    const groups = new Map<string, ReturnType<typeof emptyCounts>>();
    const responses = new Map<string, number>();
    for (const [k, levels] of keys) {
      const g = emptyCounts();
      groups.set(k, g);
      for (const [level, n] of levels) {
        responses.set(k, (responses.get(k) ?? 0) + n);
        if (level >= 1 && level <= 5) g[level] = (g[level] ?? 0) + n;
      }
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
    // said outright so that the partial index of the answers that became voices serves (migration 0026)
    .where("a.voice_id", "is not", null)
    .where("a.answered_at", ">=", fromIso)
    .where("a.answered_at", "<", toIsoExclusive)
    .executeTakeFirstOrThrow();
  return { created: Number(r.created ?? 0), closed: Number(r.closed ?? 0) };
}

export async function surveyResults(db: Db, survey: SurveyRecord, period: Period): Promise<SurveyResults> {
  const previous = comparePeriod(period);
  // One after the other: better-sqlite3 answers synchronously, and PostgreSQL's reads are now few and small.
  const counts = await periodCounts(db, survey.id, period, ALL_DIMS);
  const before = headlineOf(await periodCounts(db, survey.id, previous, ["answers"]));
  const now = headlineOf(counts);
  const questions = await questionResults(db, survey, period, counts);
  const byAttribute = await breakdowns(db, counts);
  const voices = await loopVoices(db, survey.id, period);
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
