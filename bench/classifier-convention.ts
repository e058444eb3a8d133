// Measures the built-in corpus under each labelling convention (src/text/corpus/convention.ts) on the real
// published voices (never trained on): type macro-F1, complaint recall / precision with and without the bias,
// and the 「苦情の可能性」 flag. Trains from builtin-corpus.jsonl with its labels replaced by the variant's.
// Run: node --import tsx bench/classifier-convention.ts [variant …] [--average N] [--seed S] [--errors] [--rules-only]
//   variants: as-written (the labels the corpus was written with) default narrow failure-always broad (default: all)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  applyComplaintBias,
  CURVE_THRESHOLDS,
  chooseThreshold,
  complaintProbability,
  DEFAULT_COMPLAINT_BIAS,
  DEFAULT_FLAG_THRESHOLD,
  flagCurve,
  pointAt,
} from "../src/domain/complaint-flag.js";
import { type Model, predict, train } from "../src/text/classifier.js";
import { type ConventionVariant, conventionType } from "../src/text/corpus/convention.js";
import { readRealVoices } from "../src/text/corpus-files.js";
import type { TypeCode } from "../src/text/labels.js";
import { type LabelledExample, parseLabelledJsonl, scoreHead } from "../src/text/model-eval.js";

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, "..", "src", "text", "corpus");
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const averageOf = option("--average", 3);
const seed = option("--seed", 1);
const named = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const variants = (
  named.length > 0 ? named : ["as-written", "default", "narrow", "failure-always", "broad"]
) as (ConventionVariant | "as-written")[];

// The corpus as written: a row the convention relabelled keeps its written label in `writtenAs`.
const corpusText = readFileSync(join(corpusDir, "builtin-corpus.jsonl"), "utf8");
const written = corpusText
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { writtenAs?: TypeCode }).writtenAs);
const corpus = parseLabelledJsonl(corpusText).map((e, i) => ({ ...e, type: written[i] ?? e.type }));
const real = await readRealVoices();
// Which part each real voice comes from: the seed-report quotes (46), real-heldout (47), real-heldout-2 (102).
const count = (f: string) =>
  readFileSync(join(corpusDir, f), "utf8")
    .split("\n")
    .filter((l) => l.trim()).length;
const n1 = count("real-heldout.jsonl");
const n2 = count("real-heldout-2.jsonl");
const nSeed = real.length - n1 - n2;
const parts: [string, LabelledExample[]][] = [
  ["seed quotes", real.slice(0, nSeed)],
  ["real-heldout", real.slice(nSeed, nSeed + n1)],
  ["real-heldout-2", real.slice(nSeed + n1)],
];

const TYPE_ORDER = ["praise", "request", "complaint", "other"];
const f3 = (x: number) => x.toFixed(3);

function measure(model: Model, examples: readonly LabelledExample[], bias: number) {
  const pairs = examples.map((e) => {
    const ranking = predict(model, e.text).alternatives.type;
    return { gold: e.type, predicted: applyComplaintBias(ranking, bias)[0]?.code ?? "other" };
  });
  const h = scoreHead(pairs, TYPE_ORDER);
  const c = h.perClass.complaint ?? { recall: 0, precision: 0 };
  const perClass = Object.entries(h.perClass)
    .map(([k, v]) => `${k} ${f3(v.f1)}`)
    .join(", ");
  return { f1: h.macroF1, recall: c.recall, precision: c.precision, confusion: h.confusion, perClass };
}

// Which rule the real voices' own labels follow: each rule applied to the real request and complaint voices as if
// they were labelled request, against their labels (no model involved).
console.log(
  "\n| rule | real voices the rule makes complaints: labelled complaint / request | real complaints it leaves requests |",
);
console.log("| --- | ---: | ---: |");
for (const variant of variants) {
  if (variant === "as-written") continue;
  const rc = real.filter((e) => e.type === "request" || e.type === "complaint");
  const made = rc.filter((e) => conventionType(e.text, "request", variant) === "complaint");
  const left = rc.filter((e) => e.type === "complaint" && !made.includes(e)).length;
  const agree = made.filter((e) => e.type === "complaint").length;
  console.log(`| ${variant} | ${agree} / ${made.length - agree} | ${left} |`);
}

for (const variant of args.includes("--rules-only") ? [] : variants) {
  const examples =
    variant === "as-written"
      ? corpus
      : corpus.map((e) => ({ ...e, type: conventionType(e.text, e.type as TypeCode, variant) }));
  const moved = examples.filter((e, i) => e.type !== corpus[i]?.type).length;
  const started = performance.now();
  const model = train(examples, { minDocumentFrequency: 3, averageOf, seed });
  const ms = performance.now() - started;
  const samples = real.map((e) => ({
    isComplaint: e.type === "complaint",
    pComplaint: complaintProbability(predict(model, e.text).alternatives.type),
  }));
  const fine = [
    ...new Set([...CURVE_THRESHOLDS, ...Array.from({ length: 30 }, (_, i) => (i + 1) / 100)]),
  ].sort((a, b) => a - b);
  const best = chooseThreshold(flagCurve(samples, fine));
  const flag = pointAt(samples, DEFAULT_FLAG_THRESHOLD);
  console.log(
    `\n## ${variant} (${moved} lines relabelled; train ${Math.round(ms / 1000)} s, average of ${averageOf}, seed ${seed})`,
  );
  for (const bias of [1, 2, 3, DEFAULT_COMPLAINT_BIAS]) {
    const m = measure(model, real, bias);
    console.log(
      `bias ×${bias}: type macro-F1 ${f3(m.f1)}  complaint recall ${f3(m.recall)}  precision ${f3(m.precision)}`,
    );
  }
  for (const [name, part] of parts) {
    const m = measure(model, part, 1);
    console.log(
      `  ${name} (${part.length}) bias ×1: F1 ${f3(m.f1)} recall ${f3(m.recall)} precision ${f3(m.precision)}`,
    );
  }
  console.log(
    `flag at ${DEFAULT_FLAG_THRESHOLD}: catches ${f3(flag.recall)}, flags ${f3(flag.falseFlagRate)} of the others; highest threshold reaching 0.9 / ≤ 0.2: ${best ? `${best.threshold} (${f3(best.recall)} / ${f3(best.falseFlagRate)})` : "none"}`,
  );
  const m1 = measure(model, real, 1);
  console.log(`F1 per type ×1: ${m1.perClass}`);
  console.log(
    `confusion ×1 (rows gold) ${m1.confusion.labels.join("/")}: ${JSON.stringify(m1.confusion.matrix)}`,
  );
  if (args.includes("--errors"))
    for (const e of real) {
      const p = predict(model, e.text).alternatives.type;
      if (p[0]?.code !== e.type)
        console.log(
          `  ${e.type} -> ${p[0]?.code} (pC ${f3(complaintProbability(p))}) ${e.text.slice(0, 80)}`,
        );
    }
}
