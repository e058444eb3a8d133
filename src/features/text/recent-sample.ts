/**
 * The latest voices as a sample of the whole: how common a bigram is, cheaply. Similar voices use it to pick
 * distinctive bigrams, and to choose between walking the newest voices and collecting every hit.
 */
import type { Db } from "../../db/database.js";
import { searchBigrams } from "../../text/similarity.js";

const SAMPLE_SIZE = 5000;
const SAMPLE_TTL_MS = 10 * 60 * 1000;

export interface RecentSample {
  at: number;
  n: number;
  /** number of sampled voices holding each bigram */
  df: Map<string, number>;
  /** sampled voices (indexes, ascending) holding each bigram */
  postings: Map<string, number[]>;
}
const samples = new WeakMap<Db, RecentSample>();

function add(postings: Map<string, number[]>, key: string, i: number) {
  const list = postings.get(key);
  if (list) list.push(i);
  else postings.set(key, [i]);
}

/** The sample of `db`, rebuilt every 10 minutes. */
export async function recentSample(db: Db): Promise<RecentSample> {
  const s = samples.get(db);
  if (s && Date.now() - s.at < SAMPLE_TTL_MS) return s;
  const rows = await db
    .selectFrom("voices")
    .select("content")
    .orderBy("id", "desc")
    .limit(SAMPLE_SIZE)
    .execute();
  const postings = new Map<string, number[]>();
  const df = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    for (const g of new Set(searchBigrams(r.content))) {
      add(postings, g, i);
      df.set(g, (df.get(g) ?? 0) + 1);
    }
  }
  const fresh = { at: Date.now(), n: rows.length, df, postings };
  samples.set(db, fresh);
  return fresh;
}

/** Share of the sampled voices holding all the bigrams. */
export function bigramShare(sample: RecentSample, grams: string[]): number {
  if (sample.n === 0) return 0;
  const lists = grams.map((g) => sample.postings.get(g) ?? []).sort((a, b) => a.length - b.length);
  let common = lists[0] ?? [];
  for (const list of lists.slice(1)) {
    const has = new Set(list);
    common = common.filter((i) => has.has(i));
  }
  return common.length / sample.n;
}
