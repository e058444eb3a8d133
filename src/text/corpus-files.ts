// The corpus files read at run time: the built-in set of real published voices (never trained on: the seed-report
// quotes of heldout.jsonl and both real-heldout files) and the built-in training corpus.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type LabelledExample, parseLabelledJsonl } from "./model-eval.js";

/** src/text/corpus next to this file, or (compiled into dist/text) the package's src/text/corpus. */
function corpusDir(): string {
  const candidates = ["./corpus/", "../../src/text/corpus/"].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const found = candidates.find((d) => existsSync(`${d}real-heldout.jsonl`));
  if (!found) throw new Error("組み込みの実データ評価セット（real-heldout.jsonl）が見つかりません");
  return found;
}

let cached: Promise<LabelledExample[]> | undefined;

/** The 195 real voices, read once. */
export function readRealVoices(): Promise<LabelledExample[]> {
  cached ??= (async () => {
    const dir = corpusDir();
    const heldoutText = await readFile(`${dir}heldout.jsonl`, "utf8");
    const sources = heldoutText
      .split(/\r?\n/u)
      .filter((l) => l.trim().length > 0)
      .map((l) => (JSON.parse(l) as { source?: string }).source);
    const seed = parseLabelledJsonl(heldoutText).filter((_, i) => sources[i] === "seed-report");
    const real1 = parseLabelledJsonl(await readFile(`${dir}real-heldout.jsonl`, "utf8"));
    const real2 = parseLabelledJsonl(await readFile(`${dir}real-heldout-2.jsonl`, "utf8"));
    return [...seed, ...real1, ...real2];
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

let corpus: Promise<LabelledExample[]> | undefined;

/** The built-in training corpus (builtin-corpus.jsonl), which an organisation's retraining adds its voices to. */
export function readBuiltinCorpus(): Promise<LabelledExample[]> {
  corpus ??= readFile(`${corpusDir()}builtin-corpus.jsonl`, "utf8").then(parseLabelledJsonl);
  corpus.catch(() => {
    corpus = undefined;
  });
  return corpus;
}
