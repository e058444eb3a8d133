/** Search terms as the full-text index sees them (both dialect adapters and src/search share them). */

/** A phrase of bigrams, or one character. */
export interface FullTextPhrase {
  bigrams: string[];
  char?: string;
}

/**
 * A search term as the index sees it (search-text.ts's SearchTerm): a phrase of bigrams, or one character, which a
 * voice may also match another way (issue 16): by a synonym's phrase, or by words — every group of word keys
 * (any key of a group) in the voice. A voice matching the term's own phrase ranks before one matching otherwise.
 */
export interface FullTextTerm extends FullTextPhrase {
  /** other phrases that match as well (synonyms) */
  phrases?: FullTextPhrase[];
  /** word-key sets that match as well: each an AND of groups, any key of a group */
  keySets?: string[][][];
  /** looser word-key sets (all words but one), ranked after every voice matching the term otherwise */
  looseKeySets?: string[][][];
}

/** Whether a term matches in other ways than its own phrase (then ranking puts exact phrases first). */
export const hasAlternatives = (t: FullTextTerm) =>
  (t.phrases?.length ?? 0) + (t.keySets?.length ?? 0) + (t.looseKeySets?.length ?? 0) > 0;

/** The terms without their loose key sets (what a voice must match to rank before the loose matches). */
export const withoutLoose = (terms: FullTextTerm[]): FullTextTerm[] =>
  terms.map(({ looseKeySets: _, ...t }) => t);

/** Whether any term has loose key sets (a third tier in ranking). */
export const hasLoose = (terms: FullTextTerm[]) => terms.some((t) => (t.looseKeySets?.length ?? 0) > 0);
