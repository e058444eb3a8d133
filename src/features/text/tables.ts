/**
 * Kysely table types: the search's word index, word keys and synonyms. Composed into `Database` in
 * src/db/schema.ts.
 */
import type { ColumnType } from "kysely";
import type { Id } from "../../db/column-types.js";

export interface VoiceWordsTable {
  voice_id: number;
  /** content words, space-separated */
  words: string;
  /** the analyzer failed on this voice's text (words empty); analysed again when the content changes */
  failed: ColumnType<number | boolean, number | undefined, number>;
}

export interface VoiceWordKeysTable {
  voice_id: number;
  /** JSON [[key, surface], …] (src/search/word-key-index.ts) */
  entries: string;
}

export interface SearchSynonymsTable {
  id: Id;
  /** the words of one group, space-separated */
  words: string;
  updated_at: string;
}
