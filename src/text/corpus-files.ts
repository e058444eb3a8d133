// The corpus files read at run time: the built-in training corpus, and the built-in set of real published voices
// (never trained on: the seed-report quotes of heldout.jsonl and both real-heldout files). The real voices are
// quoted from reports and public pages, so they stay in the repository and out of the npm package (.npmignore);
// an installed koe has instead the built-in model's probabilities on them (builtin-real-scores.json, no text).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ScoredVoice } from "./complaint-eval.js";
import { type LabelledExample, parseLabelledJsonl } from "./model-eval.js";

/** src/text/corpus next to this file, or (compiled into dist/text) the package's src/text/corpus. */
function corpusDir(): string {
  const candidates = ["./corpus/", "../../src/text/corpus/"].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const found = candidates.find((d) => existsSync(`${d}builtin-corpus.jsonl`));
  if (!found) throw new Error("組み込みの学習用コーパス（builtin-corpus.jsonl）が見つかりません");
  return found;
}

/** Whether the real voices are here (a checkout of the repository, not an installed package). */
export function hasRealVoices(): boolean {
  return existsSync(`${corpusDir()}real-heldout.jsonl`);
}

let cached: Promise<LabelledExample[]> | undefined;

/** The 195 real voices, read once. */
export function readRealVoices(): Promise<LabelledExample[]> {
  cached ??= (async () => {
    if (!hasRealVoices())
      throw new Error(
        "組み込みの実データ評価セットはパッケージに含まれていません（公開された実際の声のため）。--file で評価用のファイルを指定してください",
      );
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

let scores: Promise<ScoredVoice[]> | undefined;

/** The built-in model's type probabilities on the real voices, with their labels (written by build-corpus.ts). */
export function readBuiltinRealScores(): Promise<ScoredVoice[]> {
  scores ??= import("./builtin-real-scores.json", { with: { type: "json" } }).then(
    (m) => m.default as ScoredVoice[],
  );
  scores.catch(() => {
    scores = undefined;
  });
  return scores;
}
