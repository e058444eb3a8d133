// Worker thread body: tokenizes batches off the main thread and answers with content words (or search word keys) per text.
import { parentPort } from "node:worker_threads";
import { foldOldKanji } from "../shared/old-kanji.js";
import { contentWords, getTokenizer, setUserDictionary, type Tokenizer } from "./tokenizer.js";
import { documentWordKeys, queryWordGroups } from "./word-keys.js";

export interface TokenizeRequest {
  id: number;
  texts: string[];
  /** Extra user-dictionary words in effect in the caller's thread. */
  dictionary: string[];
  /** what to answer per text: content words (default), a document's word keys, or a query's key groups */
  mode?: AnalysisMode;
}

export type AnalysisMode = "words" | "documentKeys" | "queryKeys";

export type TokenizeResponse = { id: number; words: unknown[] } | { id: number; error: string };

function analyse(tokenizer: Tokenizer, text: string, mode: AnalysisMode): unknown {
  if (mode === "words") return contentWords(tokenizer.tokenize(text));
  // Old kanji are folded before analysis: the dictionary knows few of them (遲れる is not a word to it).
  const tokens = tokenizer.tokenize(foldOldKanji(text));
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
