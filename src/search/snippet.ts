/** Search result snippets: a window of the original text around the first hit, HTML-escaped, hits in <mark>. */
import { newKanjiForm } from "../shared/old-kanji.js";
import type { WordKeyEntry } from "../text/word-keys.js";
import type { SearchTerm } from "./search-text.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const newKanjiFormAll = (s: string) => Array.from(s, newKanjiForm).join("");

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * Each original character's search form (NFKC, lower case, old kanji as new), so hits found in that form map back to
 * the original.
 */
function foldChars(chars: string[]): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  chars.forEach((ch, i) => {
    const f = /\s/u.test(ch) ? " " : newKanjiForm(ch.normalize("NFKC").toLowerCase());
    for (const c of f) {
      folded += c;
      origin.push(i);
    }
  });
  return { folded, origin };
}

/**
 * `window` characters of `content` starting a little before the first hit of any term, with every hit of every
 * term's runs (and its synonyms' runs) wrapped in <mark>; everything else escaped. Without a hit, the start of the
 * text. `words`: the voice's word-key entries whose keys the terms matched: their surfaces are marked too.
 */
export function buildSnippet(
  content: string,
  terms: readonly SearchTerm[],
  window = 120,
  words: readonly WordKeyEntry[] = [],
): string {
  const chars = Array.from(content);
  const { folded, origin } = foldChars(chars);
  const foldedChars = Array.from(folded);
  const marked = new Array<boolean>(chars.length).fill(false);
  let first = -1;
  const surfaces = words.map(([, surface]) => newKanjiFormAll(surface.normalize("NFKC").toLowerCase()));
  const needles = [
    ...new Set([...terms.flatMap((t) => [...t.runs, ...(t.synonymRuns ?? [])]), ...surfaces]),
  ].filter((r) => r.length > 0);
  for (const needle of needles) {
    const n = Array.from(needle);
    for (let i = 0; i + n.length <= foldedChars.length; i++) {
      let ok = true;
      for (let k = 0; k < n.length; k++) {
        if (foldedChars[i + k] !== n[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const from = origin[i] ?? 0;
      const to = origin[i + n.length - 1] ?? from;
      for (let c = from; c <= to; c++) marked[c] = true;
      if (first < 0 || from < first) first = from;
    }
  }
  // a little context before the first hit, but never less than a full window when the text is long enough
  const start = Math.max(0, Math.min(first - 20, chars.length - window));
  const end = Math.min(chars.length, start + window);
  let out = start > 0 ? "…" : "";
  let open = false;
  for (let i = start; i < end; i++) {
    if (marked[i] && !open) {
      out += "<mark>";
      open = true;
    } else if (!marked[i] && open) {
      out += "</mark>";
      open = false;
    }
    out += escapeHtml(chars[i] as string);
  }
  if (open) out += "</mark>";
  if (end < chars.length) out += "…";
  return out;
}
