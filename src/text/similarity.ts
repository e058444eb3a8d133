// Similarity between voices (character bigrams, cosine) and the bigram terms used by the search index.
import { normalizeForSearch } from "../shared/normalize.js";

const RUN = /[\p{L}\p{N}\p{M}]+/gu;

function runs(text: string): string[] {
  return normalizeForSearch(text).match(RUN) ?? [];
}

function runBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * Character bigrams per run of letters/digits of normalizeForSearch(text), in order; no bigram spans
 * punctuation or space, and a 1-character run yields that character alone.
 */
export function searchBigrams(text: string): string[] {
  return runs(text).flatMap(runBigrams);
}

/** Bigram counts of a text (same bigrams as searchBigrams). */
export function bigramVector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const g of searchBigrams(text)) v.set(g, (v.get(g) ?? 0) + 1);
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
