// How an alias, a label name and an import cell are compared: the repo's text normalization, then case and spaces.
import { normalizeText } from "../../shared/normalize.js";

/**
 * The comparison form of a label word: normalizeText (NFKC: full-width ASCII and brackets to half-width,
 * half-width kana to full-width, one wave dash and hyphen), lower case, no whitespace at all. "ＨＰ", "hp" and
 * " H P " are one alias; "窓口（支所）" and "窓口(支所)" too.
 */
export function aliasKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/\s+/gu, "");
}

/** Longest alias, as label names (100 characters). */
export const ALIAS_MAX_CHARS = 100;
/** Aliases per label: a few words from each system feeding koe, not a thesaurus. */
export const ALIASES_PER_LABEL_MAX = 50;
