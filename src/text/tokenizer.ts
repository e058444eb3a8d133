// Japanese morphological analysis (kuromoji, IPADIC) with an insurance user dictionary; the dictionary loads lazily.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from "kuromoji";
import { normalizeText } from "../shared/normalize.js";
import { isStopWord } from "./stop-words.js";
import { DEFAULT_USER_DICTIONARY } from "./user-dictionary.js";

export interface Token {
  surface: string;
  /** Dictionary (base) form; the surface when the analyzer does not know one. */
  base: string;
  /** Major part of speech: 名詞, 動詞, 形容詞, 助詞, ... */
  pos: string;
  /** First sub-category (一般, サ変接続, 固有名詞, 非自立, ...); "ユーザー辞書" for merged compounds. */
  posDetail: string;
  /** Katakana reading of the base form, when the analyzer knows it (search word keys, src/text/word-keys.ts). */
  baseReading?: string;
  /** Conjugation type of an inflected word (五段・マ行, 一段, サ変・スル…), when the analyzer knows it. */
  conjugation?: string;
}

export interface Tokenizer {
  /**
   * Normalizes `text` (normalizeText, then prepareForAnalysis), analyzes it piece by piece (analysisPieces) and
   * merges user-dictionary compounds. Never throws on odd characters (U+0000, lone surrogates, controls).
   */
  tokenize(text: string): Token[];
}

export const USER_DICTIONARY_POS_DETAIL = "ユーザー辞書";

/*
 * Bounds on the analyzer's work per text. kuromoji analyses one sentence at a time (it splits after 、 and 。),
 * and for every position of a sentence it copies the rest of the sentence; in a run of unknown characters of one
 * kind (emoji, Latin letters, combining marks, rare kanji…) it also builds a word from that position to the end of
 * the run. Time and memory grow with the square of the sentence length: one voice of 10,000 emoji took 18.5 s and
 * ~2.7 GB, "a" + 9,999 combining accents 28 s and 3 GB, a 4,000-character post without 。 about 3 s. So:
 * - at most MAX_ANALYZED_CHARS characters (code points) of a text are analysed; the rest is ignored. The voice form
 *   allows 4,000 characters, so only imported or API texts are ever cut;
 * - a sentence longer than MAX_PIECE_UNITS UTF-16 units is cut into pieces of at most that length, at a line break,
 *   space or punctuation in the piece's second half when there is one, else where hiragana meets another script,
 *   else anywhere (never inside a surrogate pair). The work per text then grows linearly with its length.
 * Sentences up to MAX_PIECE_UNITS are handed to kuromoji exactly as before, so ordinary voices (the longest
 * sentence in the 12,777 corpus voices has 121 characters) give the same words.
 */
/** Characters (code points) of one text that are analysed at most. */
export const MAX_ANALYZED_CHARS = 10_000;
/** Longest piece handed to kuromoji, in UTF-16 units. */
export const MAX_PIECE_UNITS = 200;

// kuromoji's own sentence split (Tokenizer.splitByPunctuation): after each 、 and 。.
const SENTENCE_END = /(?<=[、。])/;
// Where a long sentence is best cut: after a line break, space or punctuation (full-width forms are ASCII after NFKC).
const BREAK_AFTER = /[\s!?.,;:…‥」』）)\]】〕〉》]/;
const HIRAGANA = /[\u3041-\u309F]/;
// kuromoji throws on U+0000 and on a lone high surrogate. normalizeText cleans them too (sanitizeText), but the
// analyzer must not depend on it: control characters other than tab and line ends, and lone surrogates (\p{Cs}
// matches only unpaired ones in a /u expression), become spaces, so the words on either side stay apart.
const UNANALYZABLE = /(?![\t\n\r])[\p{Cc}\p{Cs}]/gu;

/** The first `max` code points of `s` (a surrogate pair is never split). */
function firstChars(s: string, max: number): string {
  if (s.length <= max) return s;
  let units = 0;
  for (let chars = 0; chars < max && units < s.length; chars++) {
    const c = s.charCodeAt(units);
    const next = s.charCodeAt(units + 1);
    units += c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return s.slice(0, units);
}

/**
 * What the analyzer is given for `text`: its first MAX_ANALYZED_CHARS characters, normalized (normalizeText),
 * with control characters and lone surrogates as spaces; "" when nothing is left.
 */
export function prepareForAnalysis(text: string): string {
  // Cut before normalizing too: normalizeText's regular expressions are slow on very long runs of spaces or dashes.
  // Replaced before normalizing: NFKC turns some lone surrogates into U+FFFD and leaves others.
  const raw = firstChars(text, MAX_ANALYZED_CHARS).replace(UNANALYZABLE, " ");
  return firstChars(normalizeText(raw), MAX_ANALYZED_CHARS);
}

function isPairAt(s: string, i: number): boolean {
  const hi = s.charCodeAt(i - 1);
  const lo = s.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Where to end the piece of `s` starting at `start` (s is longer than start + MAX_PIECE_UNITS). */
function cutAt(s: string, start: number): number {
  const end = start + MAX_PIECE_UNITS;
  const half = start + MAX_PIECE_UNITS / 2;
  for (let i = end; i > half; i--) if (BREAK_AFTER.test(s[i - 1] as string)) return i;
  for (let i = end; i > half; i--) {
    if (HIRAGANA.test(s[i - 1] as string) && !HIRAGANA.test(s[i] as string)) return i;
  }
  return isPairAt(s, end) ? end - 1 : end;
}

/**
 * The pieces kuromoji analyses, in order, for an already prepared text: its sentences as kuromoji splits them,
 * a sentence longer than MAX_PIECE_UNITS cut into pieces of at most that length (see the bounds above).
 */
export function analysisPieces(prepared: string): string[] {
  const out: string[] = [];
  if (prepared.length === 0) return out;
  for (const sentence of prepared.split(SENTENCE_END)) {
    if (sentence.length === 0) continue;
    let start = 0;
    while (sentence.length - start > MAX_PIECE_UNITS) {
      const cut = cutAt(sentence, start);
      out.push(sentence.slice(start, cut));
      start = cut;
    }
    out.push(start === 0 ? sentence : sentence.slice(start));
  }
  return out;
}

let tokenizerPromise: Promise<Tokenizer> | undefined;
let activeDictionary: string[] = normalizeWords(DEFAULT_USER_DICTIONARY);

function normalizeWords(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const n = normalizeText(w).trim();
    if (n.length > 0) out.add(n);
  }
  return [...out];
}

/** Sets the runtime user dictionary: the defaults plus `words` (admins extend the list without a rebuild). */
export function setUserDictionary(words: readonly string[]): void {
  activeDictionary = normalizeWords([...DEFAULT_USER_DICTIONARY, ...words]);
}

/** The user dictionary in effect (normalized). */
export function getUserDictionary(): string[] {
  return [...activeDictionary];
}

function kuromojiDictPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("kuromoji/package.json")), "dict");
}

/** The reading of a token's base form: the surface's own reading, or the base form analysed alone (memoized). */
function baseReader(k: KuromojiTokenizer<IpadicFeatures>): (t: IpadicFeatures) => string | undefined {
  const memo = new Map<string, string | undefined>();
  const known = (r: string | undefined) => (r && r !== "*" ? r : undefined);
  return (t) => {
    const base = t.basic_form && t.basic_form !== "*" ? t.basic_form : t.surface_form;
    if (base === t.surface_form) return known(t.reading);
    if (memo.has(base)) return memo.get(base);
    const parts = k.tokenize(base).map((p) => known(p.reading));
    const r = parts.every((p) => p !== undefined) ? parts.join("") : undefined;
    if (memo.size >= 50_000) memo.clear();
    memo.set(base, r);
    return r;
  };
}

async function buildKuromoji(): Promise<KuromojiTokenizer<IpadicFeatures>> {
  const kuromoji = (await import("kuromoji")).default;
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t)));
  });
}

/** Loads the analyzer once (~0.7 s, ~350 MB); later calls share the same promise. */
export function getTokenizer(): Promise<Tokenizer> {
  if (!tokenizerPromise) {
    tokenizerPromise = buildKuromoji().then((k): Tokenizer => {
      const readingOfBase = baseReader(k);
      return {
        tokenize(text: string): Token[] {
          const tokens: Token[] = [];
          for (const piece of analysisPieces(prepareForAnalysis(text))) {
            for (const t of k.tokenize(piece)) {
              tokens.push({
                surface: t.surface_form,
                base: t.basic_form && t.basic_form !== "*" ? t.basic_form : t.surface_form,
                pos: t.pos,
                posDetail: t.pos_detail_1,
                baseReading: readingOfBase(t),
                ...(t.conjugated_type && t.conjugated_type !== "*" ? { conjugation: t.conjugated_type } : {}),
              });
            }
          }
          return mergeCompounds(tokens, activeDictionary);
        },
      };
    });
    // A failed load must not poison the cache forever.
    tokenizerPromise.catch(() => {
      tokenizerPromise = undefined;
    });
  }
  return tokenizerPromise;
}

/** Convenience: analyze one text with the shared analyzer. */
export async function tokenize(text: string): Promise<Token[]> {
  return (await getTokenizer()).tokenize(text);
}

/**
 * Joins runs of consecutive tokens whose surfaces concatenate to a dictionary word (longest match wins).
 * Works on the output of any analyzer; merged tokens become nouns with posDetail "ユーザー辞書".
 */
export function mergeCompounds(tokens: readonly Token[], dictionaryWords: readonly string[]): Token[] {
  if (dictionaryWords.length === 0 || tokens.length < 2) return [...tokens];
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const w of dictionaryWords) {
    if (w.length === 0) continue;
    words.add(w);
    for (let i = 1; i < w.length; i++) prefixes.add(w.slice(0, i));
  }
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let joined = "";
    let bestEnd = -1;
    let bestText = "";
    for (let j = i; j < tokens.length; j++) {
      joined += tokens[j]?.surface ?? "";
      if (j > i && words.has(joined)) {
        bestEnd = j;
        bestText = joined;
      }
      if (!prefixes.has(joined)) break;
    }
    if (bestEnd > i) {
      const parts = tokens.slice(i, bestEnd + 1).map((t) => t.baseReading);
      const merged: Token = {
        surface: bestText,
        base: bestText,
        pos: "名詞",
        posDetail: USER_DICTIONARY_POS_DETAIL,
      };
      // The parts' surfaces are their base forms only if uninflected, so their readings join only then.
      if (
        parts.every((r) => r !== undefined) &&
        tokens.slice(i, bestEnd + 1).every((t) => t.base === t.surface)
      ) {
        merged.baseReading = parts.join("");
      }
      out.push(merged);
      i = bestEnd + 1;
    } else {
      const t = tokens[i];
      if (t) out.push(t);
      i++;
    }
  }
  return out;
}

const CONTENT_POS = new Set(["名詞", "動詞", "形容詞"]);
// Noun sub-categories that never name a topic on their own.
const SKIPPED_DETAIL = new Set(["非自立", "代名詞", "数", "接尾", "特殊", "副詞可能"]);

/** Base forms of nouns, verbs and adjectives, stop words removed, in text order (duplicates kept). */
export function contentWords(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos)) continue;
    if (SKIPPED_DETAIL.has(t.posDetail)) continue;
    if (isStopWord(t.base)) continue;
    out.push(t.base);
  }
  return out;
}
