// Worker thread body: tokenizes batches off the main thread and answers with content words per text.
import { parentPort } from "node:worker_threads";
import { contentWords, getTokenizer, setUserDictionary } from "./tokenizer.js";

export interface TokenizeRequest {
  id: number;
  texts: string[];
  /** Extra user-dictionary words in effect in the caller's thread. */
  dictionary: string[];
}

export type TokenizeResponse = { id: number; words: string[][] } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on("message", (req: TokenizeRequest) => {
    getTokenizer()
      .then((tokenizer) => {
        setUserDictionary(req.dictionary);
        const words = req.texts.map((text) => contentWords(tokenizer.tokenize(text)));
        port.postMessage({ id: req.id, words } satisfies TokenizeResponse);
      })
      .catch((err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        port.postMessage({ id: req.id, error } satisfies TokenizeResponse);
      });
  });
}
