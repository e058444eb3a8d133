/**
 * A typed query's other ways to match (issue 16): each unquoted term also matches by its words (「電話がつながらない」
 * → 電話 + つながる, word-keys.ts) and by the admins' synonyms (保険金 → 共済金: the term with the synonym in its
 * place, as a phrase and by its words). Quoted phrases and one-character terms stay exact.
 */
import type { Db } from "../db/database.js";
import { dialectFor } from "../db/dialect.js";
import { normalizeForSearch } from "../shared/normalize.js";
import { queryKeysInWorker } from "../text/worker-pool.js";
import { type SearchTerm, toPhrase } from "./search-text.js";

/** At most this many synonym variants of one term (each costs an OR branch of the query). */
const MAX_VARIANTS = 8;

/** The admins' synonym groups, each a list of normalized words. */
export async function synonymGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom("search_synonyms").select("words").orderBy("id").execute();
  return rows
    .map((r) => [
      ...new Set(
        r.words
          .split(/\s+/u)
          .map(normalizeForSearch)
          .filter((w) => w.length > 0),
      ),
    ])
    .filter((g) => g.length > 1);
}

/** The term's text with each synonym in place of a word of its group (at most MAX_VARIANTS, the text excluded). */
export function synonymVariants(text: string, groups: readonly string[][]): string[] {
  const out = new Set<string>();
  for (const group of groups) {
    for (const word of group) {
      if (!text.includes(word)) continue;
      for (const other of group) {
        if (other === word) continue;
        // Every variant so far gets this substitution too, so two synonyms in one term combine.
        for (const base of [text, ...out]) {
          if (out.size >= MAX_VARIANTS) return [...out];
          if (base.includes(word)) out.add(base.split(word).join(other));
        }
      }
    }
  }
  out.delete(text);
  return [...out];
}

/**
 * The terms with their alternatives added: synonym phrases (`phrases`, `synonymRuns`) and word-key sets
 * (`keySets`). If the analyzer cannot answer, the terms match by their phrases and synonyms alone.
 */
export async function expandSearchTerms(
  db: Db,
  terms: readonly SearchTerm[],
  analyse: (texts: string[]) => Promise<string[][][]> = queryKeysInWorker,
): Promise<SearchTerm[]> {
  const open = terms.filter((t) => !t.quoted && !t.char);
  if (open.length === 0) return [...terms];
  const groups = await synonymGroups(db);
  const variants = new Map(open.map((t) => [t, synonymVariants(t.text, groups)]));
  const texts = open.flatMap((t) => [t.text, ...(variants.get(t) ?? [])]);
  let keys: string[][][] | undefined;
  try {
    keys = await analyse(texts);
  } catch {
    keys = undefined;
  }
  let at = 0;
  const expanded = new Map<SearchTerm, SearchTerm>();
  for (const t of open) {
    const vs = variants.get(t) ?? [];
    const phrases = vs.flatMap((v) => {
      const p = toPhrase(v);
      return p ? [p] : [];
    });
    const keySets: string[][][] = [];
    const seen = new Set<string>();
    for (let i = 0; i <= vs.length; i++) {
      const set = keys?.[at + i];
      if (!set || set.length === 0) continue;
      const id = JSON.stringify(set);
      if (seen.has(id)) continue;
      seen.add(id);
      keySets.push(set);
    }
    at += vs.length + 1;
    expanded.set(t, {
      ...t,
      ...(phrases.length
        ? { phrases: phrases.map(({ bigrams, char }) => (char ? { bigrams, char } : { bigrams })) }
        : {}),
      ...(phrases.length ? { synonymRuns: phrases.flatMap((p) => p.runs) } : {}),
      ...(keySets.length ? { keySets } : {}),
    });
  }
  return terms.map((t) => expanded.get(t) ?? t);
}

/** Every word key a voice may have matched the terms by (their surfaces are highlighted). */
export function matchedKeys(terms: readonly SearchTerm[]): Set<string> {
  return new Set(terms.flatMap((t) => [...(t.keySets ?? []), ...(t.looseKeySets ?? [])].flat(2)));
}

/** Fewer voices than this holding all the words of a term: voices holding all but one of them follow. */
export const LOOSEN_BELOW = 10;

/** The terms with their loose key sets: each key set of two or more words less one of its words. */
export function loosen(terms: readonly SearchTerm[]): SearchTerm[] {
  return terms.map((t) => {
    const loose = new Map<string, string[][]>();
    for (const set of t.keySets ?? []) {
      if (set.length < 2) continue;
      for (let i = 0; i < set.length; i++) {
        const less = set.filter((_, k) => k !== i);
        loose.set(JSON.stringify(less), less);
      }
    }
    return loose.size ? { ...t, looseKeySets: [...loose.values()] } : t;
  });
}

/**
 * A typed phrase of several words that finds almost nothing («窓口の態度が悪い») is loosened: voices holding all its
 * words but one follow those holding them all (ranked after them). Never when the loose terms would find more than
 * `cap` voices (the list would then show the newest first, burying the close matches); measured on the search-quality
 * set (docs/decisions-search.md).
 */
export async function withLooseWords(db: Db, terms: SearchTerm[], cap: number): Promise<SearchTerm[]> {
  const loose = loosen(terms);
  if (!loose.some((t) => t.looseKeySets)) return terms;
  const ft = dialectFor(db).fullText;
  if ((await ft.countHits(db, terms, LOOSEN_BELOW)) >= LOOSEN_BELOW) return terms;
  if ((await ft.countHits(db, loose, cap)) > cap) return terms;
  return loose;
}
