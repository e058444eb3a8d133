// Benchmark of the voice classifier: train time, predict latency, held-out evaluation of the built-in model.
// Run: node --import tsx bench/classifier.ts [--errors]
// Held-out files (never trained on; the corpus build reads them only to drop near-copies): heldout.jsonl (seed-report quotes + written voices) and
// real-heldout.jsonl and real-heldout-2.jsonl (real published voices collected from public pages and the seed
// reports).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatSafetyNet, safetyNetJson } from "../src/cli/model-safety-net.js";
import { DEFAULT_COMPLAINT_BIAS, DEFAULT_FLAG_THRESHOLD } from "../src/domain/complaint-flag.js";
import { loadBuiltinModel, loadModel, predict, serializeModel, train } from "../src/text/classifier.js";
import { evaluate, type HeadEvaluation, readLabelledJsonl } from "../src/text/model-eval.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, "..", "src", "text", "corpus");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function head(name: string, h: HeadEvaluation): string {
  const per = Object.entries(h.perClass)
    .map(([k, s]) => `${k} F1 ${s.f1.toFixed(2)} (n=${s.support})`)
    .join(", ");
  const c = h.perClass.complaint;
  const complaint = c ? `${c.recall.toFixed(3)} / ${c.precision.toFixed(3)}` : "—";
  return `| ${name} | ${h.macroF1.toFixed(3)} | ${complaint} | ${(h.accuracy * 100).toFixed(1)}% | ${h.n} | ${per} |`;
}

const corpus = await readLabelledJsonl(join(corpusDir, "builtin-corpus.jsonl"));
const heldout = await readLabelledJsonl(join(corpusDir, "heldout.jsonl"));
const realHeldout = await readLabelledJsonl(join(corpusDir, "real-heldout.jsonl"));
const realHeldout2 = await readLabelledJsonl(join(corpusDir, "real-heldout-2.jsonl"));

const t0 = performance.now();
// Same options as build-corpus.ts.
const trained = train(corpus, { minDocumentFrequency: 3, averageOf: 5 });
const trainMs = performance.now() - t0;
const json = serializeModel(trained);
const t1 = performance.now();
loadModel(json);
const loadMs = performance.now() - t1;
const t2 = performance.now();
const model = await loadBuiltinModel();
const builtinLoadMs = performance.now() - t2;

const base = heldout.map((e) => e.text).join("");
const text300 = base.slice(0, 300);
for (let i = 0; i < 200; i++) predict(model, text300);
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const s = performance.now();
  predict(model, text300);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);

const evalHeldout = evaluate(model, heldout);
const evalReal = evaluate(model, realHeldout);
const evalReal2 = evaluate(model, realHeldout2);
const evalTrain = evaluate(model, corpus);

console.log(
  `\nCorpus ${corpus.length} examples; held-out ${heldout.length}; real held-out ${realHeldout.length} + ${realHeldout2.length}.\n`,
);
console.log("| measure | value |");
console.log("| --- | ---: |");
console.log(`| train (both heads, 30 epochs) | ${Math.round(trainMs)} ms |`);
console.log(`| model JSON | ${(json.length / 1024).toFixed(0)} KB, ${trained.features.size} features |`);
console.log(`| loadModel(json) | ${Math.round(loadMs)} ms |`);
console.log(`| loadBuiltinModel() first call | ${Math.round(builtinLoadMs)} ms |`);
console.log(`| predict 300 chars p50 | ${percentile(times, 50).toFixed(3)} ms |`);
console.log(`| predict 300 chars p95 | ${percentile(times, 95).toFixed(3)} ms |`);
console.log("\n| set / head | macro-F1 | complaint recall / precision | accuracy | n | per class |");
console.log("| --- | ---: | ---: | ---: | ---: | --- |");
console.log(head("held-out type", evalHeldout.type));
console.log(head("held-out category", evalHeldout.category));
// heldout.jsonl tags each line with its source: quotes from the seed reports, or voices written for the split.
const sources = readFileSync(join(corpusDir, "heldout.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { source?: string }).source ?? "unknown");
for (const source of [...new Set(sources)]) {
  const subset = heldout.filter((_, i) => sources[i] === source);
  const e = evaluate(model, subset);
  console.log(head(`held-out ${source} type`, e.type));
  console.log(head(`held-out ${source} category`, e.category));
}
console.log(head("real held-out type", evalReal.type));
console.log(head("real held-out category", evalReal.category));
console.log(head("real held-out 2 type", evalReal2.type));
console.log(head("real held-out 2 category", evalReal2.category));
// All real voices: the seed-report quotes of heldout.jsonl plus both real held-out files.
const allReal = [...heldout.filter((_, i) => sources[i] === "seed-report"), ...realHeldout, ...realHeldout2];
const evalAllReal = evaluate(model, allReal);
console.log(head("all real voices type", evalAllReal.type));
console.log(head("all real voices category", evalAllReal.category));
console.log(head("training type (sanity)", evalTrain.type));
const defaults = { bias: DEFAULT_COMPLAINT_BIAS, threshold: DEFAULT_FLAG_THRESHOLD };
console.log("\nAll real voices, complaint safety net with the default settings:");
console.log(formatSafetyNet(safetyNetJson(model, allReal, defaults)));
console.log(head("training category (sanity)", evalTrain.category));
console.log(
  `\nheld-out type confusion (rows gold, cols predicted) ${evalHeldout.type.confusion.labels.join("/")}:`,
);
for (const row of evalHeldout.type.confusion.matrix) console.log(`  ${row.join("\t")}`);
console.log(
  `\nall real voices type confusion (rows gold, cols predicted) ${evalAllReal.type.confusion.labels.join("/")}:`,
);
for (const row of evalAllReal.type.confusion.matrix) console.log(`  ${row.join("\t")}`);
if (process.argv.includes("--errors")) {
  for (const e of [...heldout, ...realHeldout, ...realHeldout2]) {
    const p = predict(model, e.text);
    if (p.type.code !== e.type || (e.category && p.category.code !== e.category)) {
      console.log(
        `${e.type}/${e.category} -> ${p.type.code}(${p.type.confidence.toFixed(2)})/${p.category.code}(${p.category.confidence.toFixed(2)}) ${e.text}`,
      );
    }
  }
}
