/**
 * The closest label to a word no label, code or alias matched, to suggest in an import's problem list ("『窓口』
 * は登録されていない受付チャネルです" → 窓口（支所・共済ショップ）). Pure: the caller passes the candidates.
 *
 * Scores in [0, 1] on the comparison form without punctuation: containment (窓口 inside 窓口（支所・共済ショップ）,
 * the common case of a shortened export value) scores 0.6 and up by how much of the longer word it covers;
 * otherwise the better of the bigram overlap (Dice) and the edit-distance similarity, which catch a changed
 * character (お客さま相談室 / お客様相談室) and a dropped one (コールセンタ).
 */
import { aliasKey } from "./alias-key.js";

export interface SuggestionCandidate {
  /** what the suggestion shows (the label's name) */
  name: string;
  /** every word the label answers to: name, code, aliases */
  words: readonly string[];
}

/** Below this nothing is suggested: a wrong guess is worse than none. */
export const SUGGESTION_THRESHOLD = 0.45;

// Brackets, middle dots, slashes, commas, hyphens and the like carry no meaning for closeness.
const PUNCTUATION = /[\p{P}\p{S}_]/gu;

export function similarityKey(text: string): string {
  return aliasKey(text).replace(PUNCTUATION, "");
}

function grams(s: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const size = s.length < 2 ? 1 : 2;
  for (let i = 0; i + size <= s.length; i++) {
    const g = s.slice(i, i + size).join("");
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of the character bigrams (unigrams for one-character words). */
export function bigramDice(a: string, b: string): number {
  const ga = grams([...a]);
  const gb = grams([...b]);
  let total = 0;
  let common = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    common += Math.min(n, ga.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/** How close two words are, in [0, 1] (1: the same comparison form). */
export function wordSimilarity(a: string, b: string): number {
  const ka = similarityKey(a);
  const kb = similarityKey(b);
  if (ka === "" || kb === "") return 0;
  if (ka === kb) return 1;
  const la = [...ka].length;
  const lb = [...kb].length;
  const [short, long, ls, ll] = la <= lb ? [ka, kb, la, lb] : [kb, ka, lb, la];
  // One character inside a long name says little (口 in 窓口…); two or more, or half the word, does.
  if (long.includes(short) && (ls >= 2 || ls * 2 >= ll)) return 0.6 + (0.4 * ls) / ll;
  const edit = 1 - editDistance(ka, kb) / Math.max(la, lb);
  return Math.max(bigramDice(ka, kb), edit);
}

/**
 * The candidate closest to `value`, or null when none reaches {@link SUGGESTION_THRESHOLD} or two labels are
 * equally close (支所 is as close to 東京支所 as to 大阪支所: a guess between them would mislead).
 */
export function closestLabel(value: string, candidates: readonly SuggestionCandidate[]): string | null {
  let best: { name: string; score: number } | null = null;
  let tied = false;
  for (const c of candidates) {
    let score = 0;
    for (const w of c.words) score = Math.max(score, wordSimilarity(value, w));
    if (score < SUGGESTION_THRESHOLD) continue;
    if (best === null || score > best.score) {
      best = { name: c.name, score };
      tied = false;
    } else if (score === best.score && c.name !== best.name) {
      tied = true;
    }
  }
  return best === null || tied ? null : best.name;
}
