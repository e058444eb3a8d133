// Worker thread body: tokenizes batches off the main thread and answers with content words (or search word keys) per text.
import { parentPort } from "node:worker_threads";
import { foldOldKanji } from "../shared/old-kanji.js";
import { contentWords, getTokenizer, setUserDictionary, type Tokenizer } from "./tokenizer.js";
import { documentWordKeys, queryWordGroups, type WordKeyEntry } from "./word-keys.js";

export interface TokenizeRequest {
  id: number;
  texts: string[];
  /** Extra user-dictionary words in effect in the caller's thread. */
  dictionary: string[];
  /** what to answer per text: content words (default), a document's word keys, or a query's key groups */
  mode?: AnalysisMode;
}

export type AnalysisMode = "words" | "documentKeys" | "queryKeys" | "wordsAndKeys";

/** A text's content words (voice_words) and its search word keys (voice_word_keys), from one analysis. */
export interface WordsAndKeys {
  words: string[];
  keys: WordKeyEntry[];
}

export type TokenizeResponse = { id: number; words: unknown[] } | { id: number; error: string };

function analyse(tokenizer: Tokenizer, text: string, mode: AnalysisMode): unknown {
  if (mode === "words") return contentWords(tokenizer.tokenize(text));
  // Old kanji are folded before analysis: the dictionary knows few of them (遲れる is not a word to it).
  const folded = foldOldKanji(text);
  if (mode === "wordsAndKeys") {
    // A new voice's content words and search keys from one analysis (twice only when old kanji were folded).
    const tokens = tokenizer.tokenize(text);
    return {
      words: contentWords(tokens),
      keys: documentWordKeys(folded === text ? tokens : tokenizer.tokenize(folded)),
    } satisfies WordsAndKeys;
  }
  const tokens = tokenizer.tokenize(folded);
  return mode === "documentKeys" ? documentWordKeys(tokens) : queryWordGroups(tokens);
}

const port = parentPort;
if (port) {
  port.on("message", (req: TokenizeRequest) => {
    getTokenizer()
      .then((tokenizer) => {
        setUserDictionary(req.dictionary);
        const words = req.texts.map((text) => analyse(tokenizer, text, req.mode ?? "words"));
        port.postMessage({ id: req.id, words } satisfies TokenizeResponse);
      })
      .catch((err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        port.postMessage({ id: req.id, error } satisfies TokenizeResponse);
      });
  });
}
