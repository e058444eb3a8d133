/** Frequent words and their co-occurrence over a filtered period, compared with the same period a year earlier. */
import type { Db } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import { fiscalYearOf, fiscalYearRange } from "../../domain/fiscal-period.js";
import { jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { invalidInput } from "../../errors.js";
import type { VoiceListQuery } from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { compareWithPrevious, cooccurrence, documentFrequency, topWords } from "../../text/word-stats.js";
import { countingDepartment } from "../analytics/analysis-request.js";
import { getSettings } from "../users-and-settings/settings.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { applyVoiceFilter, parseVoiceFilter } from "../voices/list-voices.js";
import type { WordsAnalysis, WordsQuery } from "./contract.js";

export type { WordsQuery };

const MIN_JACCARD = 0.05;
const MAX_LINKS = 80;

/** The same calendar date one year earlier (29 Feb → 28 Feb). */
function yearEarlier(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const prev = `${y - 1}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return m === 2 && d === 29 ? `${y - 1}-02-28` : prev;
}

function day(key: string, v: string | undefined): string | undefined {
  if (!v) return undefined;
  const d = parseDateTimeJa(v);
  if (!d.ok) throw invalidInput({ [key]: d.message }, "検索条件に誤りがあります");
  return d.date;
}

export async function analyzeWords(db: Db, actor: Actor, q: WordsQuery): Promise<WordsAnalysis> {
  const [tax, settings] = await Promise.all([taxonomyIndex(db), getSettings(db)]);
  const limit = Math.min(100, Math.max(1, Math.floor(Number(q.limit ?? 30)) || 30));
  const today = jstToday();
  // Default period: this fiscal year up to today.
  const fy = fiscalYearOf(new Date(), settings.fiscalYearStartMonth);
  const from = day("from", q.from) ?? fiscalYearRange(fy, settings.fiscalYearStartMonth).from;
  const to = day("to", q.to) ?? today;
  if (from > to) throw invalidInput({ to: "終了日は開始日以降の日付にしてください" });
  const prevFrom = yearEarlier(from);
  const prevTo = yearEarlier(to);
  const dialect = dialectOf(db);
  // Staff count their own department's words only, as with every other count.
  const department = countingDepartment(actor, q.department, tax).filter;
  const labels = { type: q.type, category: q.category, department, channel: q.channel };

  const docsOf = async (f: string, t: string) => {
    const query: VoiceListQuery = { ...labels, from: f, to: t };
    const filter = parseVoiceFilter(query, tax, actor, dialect);
    const base = applyVoiceFilter(db.selectFrom("voices as v"), filter, today);
    const [rows, count] = await Promise.all([
      base.innerJoin("voice_words as w", "w.voice_id", "v.id").select("w.words").execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { docs: rows.map((r) => (r.words ? r.words.split(" ") : [])), n: Number(count.n) };
  };
  const [cur, prev] = await Promise.all([docsOf(from, to), docsOf(prevFrom, prevTo)]);
  const top = topWords(cur.docs, limit);
  const words = compareWithPrevious(top, documentFrequency(prev.docs));
  const links = cooccurrence(
    cur.docs,
    top.map((w) => w.word),
    MIN_JACCARD,
  ).slice(0, MAX_LINKS);
  return {
    words,
    network: {
      nodes: top.map((w) => ({ id: w.word, count: w.count })),
      links: links.map((l) => ({
        source: l.source,
        target: l.target,
        jaccard: Math.round(l.jaccard * 1000) / 1000,
        count: l.count,
      })),
    },
    period: { from, to },
    previousPeriod: { from: prevFrom, to: prevTo },
    n: cur.n,
    pending: cur.n - cur.docs.length,
  };
}
