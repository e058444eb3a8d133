/**
 * Similar voices (「同じ事例」): candidates from the search index by the text's most distinctive bigrams,
 * re-ranked by bigram cosine; near-duplicates (the same voice entered twice within 7 days) are flagged.
 */
import type { Db } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { bigramVector, cosine, isNearDuplicate, searchBigrams } from "../../text/similarity.js";
import { VOICE_COLUMNS } from "../voices/voice-presenter.js";
import type { SimilarVoice } from "./contract.js";
import { bigramShare, type RecentSample, recentSample } from "./recent-sample.js";

const DISTINCTIVE = 12;
const CANDIDATES = 200;
const PER_BIGRAM = 250;
/** pairs (and the triple) of the rarest bigrams reach older voices */
const PAIRS_FROM = 5;
/** PostgreSQL: a conjunction of the 8 rarest that finds fewer voices than this is followed by the 4 rarest */
const FEW = 25;
const MIN_SCORE = 0.15;
const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const EXCERPT = 100;

/** The bigrams of a text that fewest voices share (2-character bigrams only: single characters are too common). */
export function distinctiveBigrams(text: string, df: Map<string, number>, k = DISTINCTIVE): string[] {
  const grams = [...new Set(searchBigrams(text))].filter((g) => [...g].length === 2);
  // Hiragana-only bigrams are grammar (ます, した), not subject matter.
  const content = grams.filter((g) => !/^[\p{Script=Hiragana}ー]+$/u.test(g));
  const pool = content.length >= 3 ? content : grams;
  return pool.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1)).slice(0, k);
}

export async function findSimilarVoices(
  db: Db,
  text: string,
  opts: { excludeId?: number | null; receivedAt?: string | null; limit?: number } = {},
): Promise<SimilarVoice[]> {
  const limit = opts.limit ?? 5;
  const sample = await recentSample(db);
  const grams = distinctiveBigrams(text, sample.df);
  if (grams.length === 0) return [];
  const ids = await candidateIds(db, grams, sample);
  if (ids.length === 0) return [];
  // The labels come with the rows (a join on the small label table) rather than from loadTaxonomy's two queries.
  const hits = await db
    .selectFrom("voices as v")
    .leftJoin("taxonomy_labels as ch", "ch.id", "v.channel_id")
    .leftJoin("taxonomy_labels as ty", "ty.id", "v.type_id")
    .where("v.id", "in", ids)
    .select(VOICE_COLUMNS)
    .select([
      "ch.code as channel_code",
      "ch.name as channel_name",
      "ty.code as type_code",
      "ty.name as type_name",
    ])
    .where("v.status", "!=", "voided")
    .execute();
  const t0 = Date.parse(opts.receivedAt ?? "") || Date.now();
  // similarityScore(text, content), with the text's vector built once and each distinct content scored once
  // (templated voices repeat).
  const mine = bigramVector(text);
  const scores = new Map<string, number>();
  const scoreOf = (content: string) => {
    let score = scores.get(content);
    if (score === undefined) {
      score = cosine(mine, bigramVector(content));
      scores.set(content, score);
    }
    return score;
  };
  const scored = hits
    .filter((h) => h.id !== opts.excludeId)
    .map((h) => ({ h, score: scoreOf(h.content) }))
    .filter((x) => x.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.h.id - a.h.id)
    .slice(0, limit);
  return scored.map(({ h, score }) => {
    const chars = Array.from(h.content);
    const ref = (id: number, code: string | null, name: string | null) =>
      code !== null && name !== null ? { id, code, name } : { id, code: "unknown", name: "（不明）" };
    return {
      id: h.id,
      receiptNumber: h.receipt_number,
      receivedAt: h.received_at,
      channel: ref(h.channel_id, h.channel_code, h.channel_name),
      type: ref(h.type_id, h.type_code, h.type_name),
      status: h.status as SimilarVoice["status"],
      excerpt: chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : h.content,
      score: Math.round(score * 1000) / 1000,
      nearDuplicate:
        Math.abs(Date.parse(h.received_at) - t0) <= DUPLICATE_WINDOW_MS && isNearDuplicate(text, h.content),
    };
  });
}

/**
 * Candidate voices sharing the most distinctive bigrams: the newest hits of each bigram (SQLite: FTS5 walks
 * rowids backwards; PostgreSQL: the newest stretches of ids, through bucket lexemes) and of conjunctions of the
 * rarest, tallied by rarity.
 */
async function candidateIds(db: Db, grams: string[], sample: RecentSample): Promise<number[]> {
  const ft = dialectFor(db).fullText;
  // fewer queries where every hit costs a table row (PostgreSQL; see below)
  const fewer = ft.rowPerHit;
  const idf = (g: string) => Math.log((sample.n + 1) / ((sample.df.get(g) ?? 0) + 0.5));
  // Single bigrams find recent voices; pairs of the rarest ones reach back through the years. PostgreSQL pays
  // a heap visit per hit: fewer, more selective queries there, run side by side on the pool.
  // PostgreSQL: the two rarest, and the two rarest that recent voices use (the rarest may be in no voice at all).
  const singles = fewer
    ? [...new Set([...grams.slice(0, 2), ...grams.filter((g) => (sample.df.get(g) ?? 0) > 0).slice(0, 2)])]
    : grams;
  const queries: string[][] = singles.map((g) => [g]);
  const rarest = fewer ? [] : grams.slice(0, PAIRS_FROM);
  for (let i = 0; i < rarest.length; i++)
    for (let j = i + 1; j < rarest.length; j++) queries.push([rarest[i] as string, rarest[j] as string]);
  // Longer conjunctions are selective even when every bigram is common (templated or repeated texts).
  // PostgreSQL: the conjunction of the 8 rarest, and of the 4 rarest only when that found fewer than FEW voices
  // (each conjunction costs a GIN intersection of every bigram's postings, ~10 ms at 1,000,000 voices). At 1M
  // (bench/similar.ts, 150 texts) the 4 added nothing to the answers (131 / 49 either way) when the 8 found some.
  if (!fewer) for (const k of [3, 4, 6, 8]) if (grams.length >= k) queries.push(grams.slice(0, k));
  // With id buckets (PostgreSQL) the sample's share of each bigram (or conjunction) sizes the stretch of newest
  // voices searched first.
  const maxId = ft.idBuckets ? await ft.maxIndexedId(db) : 0;
  const hitsOf = (q: string[]) =>
    ft.recentBigramHits(db, q, PER_BIGRAM, { share: bigramShare(sample, q), maxId });
  const conjunctions = async (): Promise<[string[], number[]][]> => {
    const out: [string[], number[]][] = [];
    for (const k of [8, 4]) {
      if (grams.length < k) continue;
      const q = grams.slice(0, k);
      const ids = await hitsOf(q);
      out.push([q, ids]);
      if (ids.length >= FEW) break;
    }
    return out;
  };
  const results: number[][] = [];
  if (fewer) {
    // side by side on the pool
    const [singleHits, conjHits] = await Promise.all([Promise.all(queries.map(hitsOf)), conjunctions()]);
    results.push(...singleHits);
    for (const [q, ids] of conjHits) {
      queries.push(q);
      results.push(ids);
    }
  }
  const tally = new Map<number, number>();
  const seen = new Map<number, Set<string>>();
  for (const [i, q] of queries.entries()) {
    for (const id of results[i] ?? (await ft.recentBigramHits(db, q, PER_BIGRAM))) {
      const got = seen.get(id) ?? new Set<string>();
      seen.set(id, got);
      for (const g of q) {
        if (got.has(g)) continue;
        got.add(g);
        tally.set(id, (tally.get(id) ?? 0) + idf(g));
      }
    }
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, CANDIDATES)
    .map(([id]) => id);
}

/** 「同じ事例」 of a registered voice: the others most like it. */
export async function similarToVoice(db: Db, id: number): Promise<SimilarVoice[]> {
  const v = await db
    .selectFrom("voices")
    .select(["content", "received_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!v) return [];
  return findSimilarVoices(db, v.content, { excludeId: id, receivedAt: v.received_at });
}
