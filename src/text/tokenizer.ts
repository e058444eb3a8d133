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
}

export interface Tokenizer {
  /** Normalizes `text` (normalizeText), analyzes it and merges user-dictionary compounds. */
  tokenize(text: string): Token[];
}

export const USER_DICTIONARY_POS_DETAIL = "ユーザー辞書";

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

async function buildKuromoji(): Promise<KuromojiTokenizer<IpadicFeatures>> {
  const kuromoji = (await import("kuromoji")).default;
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, t) => (err ? reject(err) : resolve(t)));
  });
}

/** Loads the analyzer once (~0.7 s, ~350 MB); later calls share the same promise. */
export function getTokenizer(): Promise<Tokenizer> {
  if (!tokenizerPromise) {
    tokenizerPromise = buildKuromoji().then(
      (k): Tokenizer => ({
        tokenize(text: string): Token[] {
          const normalized = normalizeText(text);
          if (normalized.length === 0) return [];
          const tokens = k.tokenize(normalized).map(
            (t): Token => ({
              surface: t.surface_form,
              base: t.basic_form && t.basic_form !== "*" ? t.basic_form : t.surface_form,
              pos: t.pos,
              posDetail: t.pos_detail_1,
            }),
          );
          return mergeCompounds(tokens, activeDictionary);
        },
      }),
    );
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
      out.push({ surface: bestText, base: bestText, pos: "名詞", posDetail: USER_DICTIONARY_POS_DETAIL });
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
