// Similarity between voices (character bigrams, cosine) and the bigram terms used by the search index.
import { normalizeForSearch } from "../shared/normalize.js";

const RUN = /[\p{L}\p{N}\p{M}]+/gu;

function runs(text: string): string[] {
  return normalizeForSearch(text).match(RUN) ?? [];
}

// Surrogate pairs (characters outside the BMP) need splitting by code point; Japanese text almost never has them.
const SURROGATE = /[\uD800-\uDFFF]/;

/** Calls `f` with each bigram of a run (or the run itself when it is one character), in order. */
function eachRunBigram(run: string, f: (g: string) => void): void {
  if (SURROGATE.test(run)) {
    const chars = [...run];
    if (chars.length === 1) f(run);
    for (let i = 0; i + 1 < chars.length; i++) f(`${chars[i]}${chars[i + 1]}`);
    return;
  }
  // The plain loop over UTF-16 units: the spread and template strings above made bigramVector ~3× slower, and
  // similar voices build it for up to 200 candidates per request.
  if (run.length === 1) f(run);
  for (let i = 0; i + 1 < run.length; i++) f(run.slice(i, i + 2));
}

/**
 * Character bigrams per run of letters/digits of normalizeForSearch(text), in order; no bigram spans
 * punctuation or space, and a 1-character run yields that character alone.
 */
export function searchBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of runs(text)) eachRunBigram(run, (g) => out.push(g));
  return out;
}

/** Bigram counts of a text (same bigrams as searchBigrams). */
export function bigramVector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const run of runs(text)) eachRunBigram(run, (g) => v.set(g, (v.get(g) ?? 0) + 1));
  return v;
}

/** Cosine of two sparse vectors; 0 when either is empty. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (const x of a.values()) na += x * x;
  for (const y of b.values()) nb += y * y;
  return Math.min(1, dot / Math.sqrt(na * nb));
}

/** Similarity of two texts in [0, 1] (cosine of character-bigram counts). */
export function similarityScore(a: string, b: string): number {
  return cosine(bigramVector(a), bigramVector(b));
}

export const NEAR_DUPLICATE_THRESHOLD = 0.9;

/** Same text up to whitespace/punctuation/width, or bigram similarity ≥ 0.9. */
export function isNearDuplicate(a: string, b: string): boolean {
  const sa = runs(a).join("");
  const sb = runs(b).join("");
  if (sa.length > 0 && sa === sb) return true;
  return similarityScore(a, b) >= NEAR_DUPLICATE_THRESHOLD;
}
