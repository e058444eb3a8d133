/**
 * Search word keys (issue 16): one spelling for each word however it is written, from the analyzer's tokens.
 * A word gives its dictionary form (基本形: 遅れた → 遅れる) and its reading in hiragana (分かる / わかる / 解る →
 * わかる), in three kinds of key that never meet the index's bigrams (each starts with a full-width letter, which
 * NFKC-normalized text never holds):
 * - `Ｂ` + base form, always;
 * - `Ｒ` + reading, when the word is written with kana (わかる, 分かる, 取り扱い, ていねい);
 * - `Ｑ` + reading, when it is written in kanji alone (丁寧, 取扱, 期間).
 * A query word written in kanji alone matches Ｂ or Ｒ: 丁寧 finds ていねい, but 期間 never finds 機関 (both
 * kanji, one reading). A query word written with kana matches Ｂ, Ｒ or Ｑ: ていねい finds 丁寧. A verb also holds
 * the reading of its 連用形 (振り込まれる → ふりこみ), so 振込 and 振り込み find it and it finds them. Measured on the
 * search-quality set (docs/decisions-search.md).
 */
import { foldOldKanji } from "../shared/old-kanji.js";
import type { Token } from "./tokenizer.js";

export const BASE_KEY = "Ｂ";
export const KANA_READING_KEY = "Ｒ";
export const KANJI_READING_KEY = "Ｑ";

/** A key of a text and the surface (as analysed) it came from, for highlighting. */
export type WordKeyEntry = [key: string, surface: string];

// Noun sub-categories that are grammar, counters or affixes, not words a person searches for.
const SKIPPED_NOUN = new Set(["非自立", "代名詞", "数", "接尾", "特殊"]);
// Verbs and adjectives so common that a key of them would match nearly every voice (する, なる, ある…) or that
// only mark a wish (ほしい: 「説明してほしい」 and 「説明を求める」 are the same complaint).
const LIGHT = new Set([
  "する",
  "なる",
  "ある",
  "いる",
  "できる",
  "出来る",
  "おる",
  "くる",
  "来る",
  "いう",
  "ほしい",
  "欲しい",
]);
const KANA = /[\u3041-\u309F\u30A0-\u30FF]/u;
const NOT_KEY = /[^\p{L}\p{N}]/gu;

/** Whether a token names something a search should match (nouns, verbs, adjectives, interjections). */
export function isKeyWord(t: Token): boolean {
  if (LIGHT.has(t.base)) return false;
  switch (t.pos) {
    case "名詞":
      return !SKIPPED_NOUN.has(t.posDetail);
    case "動詞":
    case "形容詞":
      return t.posDetail === "自立";
    case "感動詞":
      return true;
    default:
      return false;
  }
}

/** Katakana → hiragana (ー and other characters unchanged). */
export function toHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode((c.codePointAt(0) as number) - 0x60));
}

const clean = (s: string) => foldOldKanji(s.normalize("NFKC")).toLowerCase().replace(NOT_KEY, "");

interface Spelling {
  base: string;
  reading?: string;
  /** a verb's 連用形 reading (振り込む → ふりこみ), which is also the noun of the verb (振込, 振り込み) */
  stem?: string;
  kana: boolean;
}

const I_ROW: Record<string, string> = {
  う: "い",
  く: "き",
  ぐ: "ぎ",
  す: "し",
  つ: "ち",
  ぬ: "に",
  ぶ: "び",
  む: "み",
  る: "り",
};

/** The 連用形 of a verb's hiragana base reading: 一段 drops る, 五段 moves its last kana to the i-row. */
export function verbStem(reading: string, conjugation: string | undefined): string | undefined {
  const last = reading.slice(-1);
  let stem: string | undefined;
  if (conjugation?.startsWith("一段") && last === "る") stem = reading.slice(0, -1);
  else if (conjugation?.startsWith("五段") && I_ROW[last]) stem = reading.slice(0, -1) + I_ROW[last];
  // A one-kana stem (見る → み) would meet too many unrelated words.
  return stem && stem.length >= 2 ? stem : undefined;
}

function spelling(t: Token): Spelling | undefined {
  const base = clean(t.base);
  if (base.length === 0) return undefined;
  const reading = (t.baseReading ? clean(toHiragana(t.baseReading)) : "") || undefined;
  const stem = t.pos === "動詞" && reading ? verbStem(reading, t.conjugation) : undefined;
  return { base, reading, kana: KANA.test(base), ...(stem ? { stem } : {}) };
}

/** The keys a document holds for its words, each with the surface it came from (distinct pairs, text order). */
export function documentWordKeys(tokens: readonly Token[]): WordKeyEntry[] {
  const out: WordKeyEntry[] = [];
  const seen = new Set<string>();
  const add = (key: string, surface: string) => {
    const id = `${key}\u0000${surface}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push([key, surface]);
  };
  for (const t of tokens) {
    if (!isKeyWord(t)) continue;
    const s = spelling(t);
    if (!s) continue;
    add(BASE_KEY + s.base, t.surface);
    if (s.reading) add((s.kana ? KANA_READING_KEY : KANJI_READING_KEY) + s.reading, t.surface);
    if (s.stem) add((s.kana ? KANA_READING_KEY : KANJI_READING_KEY) + s.stem, t.surface);
  }
  return out;
}

/** A query's words: one group of keys per word, any key of a group matching (AND over the groups). */
export function queryWordGroups(tokens: readonly Token[]): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (!isKeyWord(t)) continue;
    const s = spelling(t);
    if (!s) continue;
    const group = [BASE_KEY + s.base];
    if (s.reading) {
      group.push(KANA_READING_KEY + s.reading);
      if (s.kana) group.push(KANJI_READING_KEY + s.reading);
    }
    // A verb also finds its noun: 振り込む finds 振込 and 振り込み.
    if (s.stem) group.push(KANA_READING_KEY + s.stem, KANJI_READING_KEY + s.stem);
    const id = group.join(" ");
    if (seen.has(id)) continue;
    seen.add(id);
    groups.push(group);
  }
  return groups;
}
