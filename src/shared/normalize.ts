// Text normalization for Japanese input: applied when text is stored and, with folding, when it is searched.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// Wave-dash look-alikes (after NFKC, full-width ～ has become ASCII ~). An ASCII ~ right after "/" is left alone
// so URLs like https://example.jp/~user survive.
const WAVE_DASHES = /[\u301C\u223C\u223E\u2053\uFF5E]|(?<!\/)~/g;
// Hyphen/dash look-alikes that NFKC leaves as they are: ‐ ‑ ‒ – — ― −
const DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
// Katakana (incl. small Ainu letters) and the long-vowel mark ー.
const KATAKANA = "\u30A1-\u30FA\u30FC\u31F0-\u31FF";
// A run of dashes after katakana or ー is a mistyped long-vowel mark, each dash one ー: サ−ビス → サービス,
// ガ——ン → ガーーン. The run is matched whole (a lookbehind over [dashes]* rescanned the run for every dash:
// quadratic on long runs).
const DASH_RUN_AFTER_KATAKANA = new RegExp(`(?<=[${KATAKANA}])[${DASHES}]+`, "g");
const OTHER_DASH = new RegExp(`[${DASHES}]`, "g");
// Whitespace other than LF. A run is matched whole and cut in code: /[^\S\n]+$/gm retried the rest of a run from
// every position when the run did not end its line (quadratic on long runs of spaces).
const BLANK_RUN = /[^\S\n]+/g;

// C0 controls other than tab, LF and CR; DEL; C1 controls. Nobody types them, PostgreSQL refuses NUL in text
// (22021) and the Japanese tokenizer throws on them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Half of a surrogate pair without its other half: not a character (JSON allows "\ud800"; UTF-8 cannot hold it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Either of the above may be present: the common case (clean text) costs one scan.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;

/**
 * Makes any text from outside (a request field, an import cell) safe to store and analyse: control characters
 * (C0 except tab, LF and CR; DEL; C1) are removed, and a lone surrogate becomes U+FFFD (�), as a UTF-8 encoder
 * would write it. The rule is to clean, not refuse: such characters come from copy-paste and broken files, and
 * refusing would lose a member's whole voice over one invisible character. Every request schema applies it
 * (inputText in api-contract.ts) and normalizeText starts with it.
 */
export function sanitizeText(s: string): string {
  if (!SUSPECT.test(s)) return s;
  return s.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Drops the whitespace at the end of every line, as /[^\S\n]+$/gm would: a blank run before LF or the end goes;
 * in a run that ends inside a line, the part before its last U+2028/U+2029 (also line ends to `$`) goes.
 */
function dropTrailingBlanks(s: string): string {
  return s.replace(BLANK_RUN, (run: string, offset: number) => {
    const end = offset + run.length;
    if (end === s.length || s[end] === "\n") return "";
    for (let i = run.length - 1; i >= 1; i--) {
      const c = run[i];
      if (c === "\u2028" || c === "\u2029" || c === "\r") return run.slice(i);
    }
    return run;
  });
}

/**
 * Normalizes text for storage: sanitizeText, NFKC (half-width kana → full-width, full-width ASCII →
 * half-width, U+3000 → space), LF line ends, one wave dash (〜), one hyphen (-) or ー after katakana, no zero-width characters,
 * no trailing spaces on lines, trimmed.
 */
export function normalizeText(s: string): string {
  return dropTrailingBlanks(
    sanitizeText(s)
      .replace(ZERO_WIDTH, "")
      .replace(/\r\n?/g, "\n")
      .normalize("NFKC")
      .replace(WAVE_DASHES, "〜")
      .replace(DASH_RUN_AFTER_KATAKANA, (run) => "ー".repeat(run.length))
      .replace(OTHER_DASH, "-"),
  ).trim();
}

/** normalizeText, lower-cased, every whitespace run (incl. U+3000 and newlines) one space: for matching. */
export function normalizeForSearch(s: string): string {
  return normalizeText(s).toLowerCase().replace(/\s+/g, " ").trim();
}
