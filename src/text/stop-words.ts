// Stop words for frequent-word analysis: function-like words that carry no topic in customer voices.

/** Base forms dropped from content words (compared after NFKC normalization). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // light verbs and auxiliaries
  "する",
  "ある",
  "いる",
  "なる",
  "できる",
  "れる",
  "られる",
  "せる",
  "させる",
  "いう",
  "言う",
  "思う",
  "おる",
  "くる",
  "来る",
  "いく",
  "行く",
  "くれる",
  "くださる",
  "下さる",
  "いただく",
  "頂く",
  "もらう",
  "しまう",
  "みる",
  "おく",
  "やる",
  "致す",
  "いたす",
  "申す",
  "ない",
  "無い",
  "よい",
  "いい",
  "良い",
  "ほしい",
  "欲しい",
  "ござる",
  "です",
  "ます",
  // formal nouns and pronouns
  "こと",
  "事",
  "もの",
  "物",
  "ため",
  "為",
  "よう",
  "様",
  "さま",
  "さん",
  "くん",
  "ちゃん",
  "方",
  "かた",
  "時",
  "とき",
  "ところ",
  "所",
  "わけ",
  "はず",
  "まま",
  "ほう",
  "うち",
  "中",
  "際",
  "上",
  "後",
  "前",
  "他",
  "ほか",
  "等",
  "など",
  "これ",
  "それ",
  "あれ",
  "どれ",
  "ここ",
  "そこ",
  "あそこ",
  "どこ",
  "こちら",
  "そちら",
  "あちら",
  "私",
  "わたし",
  "僕",
  "自分",
  "今回",
  "今",
  "何",
  "なに",
  "誰",
  "そう",
  "こう",
  "ああ",
  "どう",
  "お",
  "ご",
  "御",
  "感じ",
  "の",
  "ん",
  "みたい",
  "的",
]);

const SINGLE_KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;
const NUMBER_LIKE =
  /^[\p{Nd}\p{No}.,:/%〜~\-+年月日時分円件回歳個人名]*\p{Nd}[\p{Nd}\p{No}.,:/%〜~\-+年月日時分円件回歳個人名]*$/u;
const SYMBOLS_ONLY = /^[\p{P}\p{S}\p{Z}\s]+$/u;
// One or two Latin letters are markup or typing noise (the "b" of <b>), not what members talk about.
const SHORT_LATIN = /^[A-Za-z]{1,2}$/;

/** True when `word` should not count as a content word. */
export function isStopWord(word: string): boolean {
  if (word.length === 0) return true;
  if (STOP_WORDS.has(word)) return true;
  if (SINGLE_KANA.test(word)) return true;
  if (NUMBER_LIKE.test(word)) return true;
  if (SYMBOLS_ONLY.test(word)) return true;
  if (SHORT_LATIN.test(word)) return true;
  return false;
}
