/**
 * What the search index stores for a text (bigrams, distinct characters, word keys) and how a `q` string becomes
 * search terms.
 */
import type { FullTextPhrase, FullTextTerm } from "../db/full-text-term.js";
import { normalizeForSearch } from "../shared/normalize.js";
import { searchBigrams } from "../text/similarity.js";

const RUN = /[\p{L}\p{N}\p{M}]+/gu;

export interface SearchDocument {
  /** character bigrams per run of letters/digits, space-separated, in order (phrase positions) */
  g: string;
  /** every distinct character of those runs, space-separated (so a one-character query finds any occurrence) */
  u: string;
}

export function buildSearchDocument(content: string): SearchDocument {
  const g = searchBigrams(content);
  // Every character of a run is in one of its bigrams (or is the run), so the bigrams give the characters.
  const chars = new Set<string>();
  for (const gram of g) for (const ch of gram) chars.add(ch);
  return { g: g.join(" "), u: [...chars].join(" ") };
}

/** One AND-ed search term: a word or a quoted phrase, and the other ways it matches (word-query.ts). */
export interface SearchTerm extends FullTextTerm {
  /** the runs of letters/digits of the normalized term, for highlighting */
  runs: string[];
  /** bigram tokens that must appear consecutively (empty for a one-character term) */
  bigrams: string[];
  /** set for a one-character term: matched against the distinct characters */
  char?: string;
  /** the term as typed (normalized), for the word analysis */
  text: string;
  /** a quoted phrase: matched exactly, never by words or synonyms */
  quoted: boolean;
  /** the runs of the synonyms' phrases (phrases), for highlighting */
  synonymRuns?: string[];
}

/** The phrase of a text: its runs, and their bigrams or its one character; null when it has no letter or digit. */
export function toPhrase(text: string): (FullTextPhrase & { runs: string[] }) | null {
  const runs = normalizeForSearch(text).match(RUN) ?? [];
  if (runs.length === 0) return null;
  if (runs.length === 1 && [...(runs[0] as string)].length === 1) {
    return { runs, bigrams: [], char: runs[0] as string };
  }
  return { runs, bigrams: searchBigrams(runs.join(" ")) };
}

function toTerm(text: string, quoted: boolean): SearchTerm | null {
  const p = toPhrase(text);
  return p ? { ...p, text: normalizeForSearch(text), quoted } : null;
}

/** A document with the voice's word keys (word-keys.ts), distinct, after the bigrams. */
export function withWordKeys(
  doc: SearchDocument,
  keys: readonly string[],
): SearchDocument & { keys?: string } {
  const distinct = [...new Set(keys)];
  return distinct.length ? { ...doc, keys: distinct.join(" ") } : doc;
}

/**
 * Words separated by spaces are AND-ed; "quoted phrases" (ASCII or full-width quotes, 「」 too) stay whole.
 * A word of n characters becomes the phrase of its bigrams; a word of punctuation only is ignored.
 */
export function parseSearchQuery(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/gu;
  for (const m of q.normalize("NFKC").matchAll(re)) {
    const t = toTerm(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "", m[4] === undefined);
    if (t) terms.push(t);
  }
  return terms;
}
