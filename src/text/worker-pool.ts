// Runs tokenization in a worker thread so a server stays responsive while the analyzer works.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalysisMode, TokenizeRequest, TokenizeResponse, WordsAndKeys } from "./tokenize-worker.js";
import { getUserDictionary } from "./tokenizer.js";
import type { WordKeyEntry } from "./word-keys.js";

interface Pending {
  resolve: (words: unknown[]) => void;
  reject: (err: Error) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Compiled (dist/*.js) next to this module, or the TypeScript source run through tsx (tests, dev). */
function startWorker(): Worker {
  const jsUrl = new URL("./tokenize-worker.js", import.meta.url);
  let w: Worker;
  if (existsSync(fileURLToPath(jsUrl))) {
    w = new Worker(jsUrl);
  } else {
    // Node 20 does not apply ESM loader hooks (`--import tsx` in execArgv) inside workers, so a tiny bootstrap
    // registers tsx's CommonJS hook in the worker and requires the TypeScript source (tests, tsx dev runs).
    const tsPath = fileURLToPath(new URL("./tokenize-worker.ts", import.meta.url));
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/cjs/api")).href;
    const bootstrap = `Promise.all([import("node:module"), import(${JSON.stringify(tsxApi)})]).then(([m, tsx]) => {
  tsx.register();
  m.createRequire(${JSON.stringify(tsPath)})(${JSON.stringify(tsPath)});
});`;
    w = new Worker(bootstrap, { eval: true });
  }
  w.on("message", (msg: TokenizeResponse) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if ("error" in msg) p.reject(new Error(msg.error));
    else p.resolve(msg.words);
    if (pending.size === 0) w.unref();
  });
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => {
    if (worker === w) worker = undefined;
    if (pending.size > 0) fail(new Error(`tokenize worker exited with code ${code}`));
  });
  w.unref();
  return w;
}

function analyseInWorker(texts: string[], mode: AnalysisMode): Promise<unknown[]> {
  if (texts.length === 0) return Promise.resolve([]);
  if (!worker) worker = startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<unknown[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    const dictionary = getUserDictionary();
    w.postMessage({ id, texts, dictionary, mode } satisfies TokenizeRequest);
  });
}

/** Content words per text (see contentWords), computed in a background worker thread. */
export function tokenizeBatchInWorker(texts: string[]): Promise<string[][]> {
  return analyseInWorker(texts, "words") as Promise<string[][]>;
}

/** Search word keys of each document text (word-keys.ts documentWordKeys), in the worker thread. */
export function documentKeysInWorker(texts: string[]): Promise<WordKeyEntry[][]> {
  return analyseInWorker(texts, "documentKeys") as Promise<WordKeyEntry[][]>;
}

/** Content words and search word keys of each text from one analysis (a new voice), in the worker thread. */
export function wordsAndKeysInWorker(texts: string[]): Promise<WordsAndKeys[]> {
  return analyseInWorker(texts, "wordsAndKeys") as Promise<WordsAndKeys[]>;
}

/** Key groups of each query text (word-keys.ts queryWordGroups), in the worker thread. */
export function queryKeysInWorker(texts: string[]): Promise<string[][][]> {
  return analyseInWorker(texts, "queryKeys") as Promise<string[][][]>;
}

/** Stops the worker (tests, graceful shutdown); the next call starts a new one. */
export async function closeTokenizeWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
