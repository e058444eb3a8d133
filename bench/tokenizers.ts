// Benchmark: kuromoji vs lindera-wasm-nodejs-ipadic on the seed documents (speed, load, memory, insurance words).
// Run: node --import tsx bench/tokenizers.ts
// Each analyzer is measured in its own child process so the RSS figures do not include the other analyzer.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = process.env.KOE_SEEDS_DIR ?? join(here, "..", "..", "shared", "seeds");
const TARGET_CHARS = 2_000_000;

const INSURANCE_WORDS = [
  "共済金",
  "掛金",
  "マイカー共済",
  "住まいる共済",
  "意向把握",
  "高額療養費",
  "組合員番号",
  "口座振替",
  "電話がつながらない",
];

type Analyzer = "kuromoji" | "lindera";

interface ChildResult {
  analyzer: Analyzer;
  loadMs: number;
  rssAfterLoadMb: number;
  rssAfterRunMb: number;
  chars: number;
  lines: number;
  tokens: number;
  runMs: number;
  charsPerSec: number;
  splits: Record<string, string>;
}

function loadSentences(): string[] {
  const files = readdirSync(seedsDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const sentences: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(seedsDir, f), "utf8").normalize("NFKC");
    for (const part of text.split(/(?<=[。！？!?])|\n+/u)) {
      const s = part.replace(/\s+/gu, " ").trim();
      if (s.length >= 2) sentences.push(s);
    }
  }
  return sentences;
}

function corpus(): string[] {
  const sentences = loadSentences();
  const out: string[] = [];
  let chars = 0;
  while (chars < TARGET_CHARS) {
    for (const s of sentences) {
      out.push(s);
      chars += s.length;
      if (chars >= TARGET_CHARS) break;
    }
  }
  return out;
}

type SurfaceTokenizer = (text: string) => string[];

async function loadKuromoji(): Promise<SurfaceTokenizer> {
  const require = createRequire(import.meta.url);
  const kuromoji = (await import("kuromoji")).default;
  const dicPath = join(dirname(require.resolve("kuromoji/package.json")), "dict");
  const tokenizer = await new Promise<import("kuromoji").Tokenizer<import("kuromoji").IpadicFeatures>>(
    (resolve, reject) => {
      kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t)));
    },
  );
  return (text) => tokenizer.tokenize(text).map((t) => t.surface_form);
}

async function loadLindera(): Promise<SurfaceTokenizer> {
  const lindera = (await import("lindera-wasm-nodejs-ipadic")).default;
  const builder = new lindera.TokenizerBuilder();
  builder.setDictionary("embedded://ipadic");
  builder.setMode("normal");
  const tokenizer = builder.build();
  return (text) => (tokenizer.tokenize(text) as { surface: string }[]).map((t) => t.surface);
}

async function child(analyzer: Analyzer): Promise<void> {
  const lines = corpus();
  const chars = lines.reduce((n, l) => n + l.length, 0);
  global.gc?.();
  const t0 = performance.now();
  const tokenize = analyzer === "kuromoji" ? await loadKuromoji() : await loadLindera();
  const loadMs = performance.now() - t0;
  const rssAfterLoadMb = process.memoryUsage().rss / 1024 / 1024;
  const splits: Record<string, string> = {};
  for (const w of INSURANCE_WORDS) splits[w] = tokenize(w).join(" / ");
  tokenize(lines.slice(0, 200).join("")); // warm-up
  let tokens = 0;
  const t1 = performance.now();
  for (const line of lines) tokens += tokenize(line).length;
  const runMs = performance.now() - t1;
  const result: ChildResult = {
    analyzer,
    loadMs,
    rssAfterLoadMb,
    rssAfterRunMb: process.memoryUsage().rss / 1024 / 1024,
    chars,
    lines: lines.length,
    tokens,
    runMs,
    charsPerSec: chars / (runMs / 1000),
    splits,
  };
  process.stdout.write(JSON.stringify(result));
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function main(): void {
  const results: ChildResult[] = [];
  for (const analyzer of ["kuromoji", "lindera"] as const) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), analyzer],
      {
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    results.push(JSON.parse(out) as ChildResult);
  }
  const first = results[0];
  console.log(
    `\nCorpus: ${fmt(first?.chars ?? 0)} characters in ${fmt(first?.lines ?? 0)} sentences (seed documents, repeated), one tokenize() per sentence.\n`,
  );
  console.log("| analyzer | characters/s | load | RSS after load | RSS after run | tokens |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(
      `| ${r.analyzer} | ${fmt(r.charsPerSec)} | ${fmt(r.loadMs)} ms | ${fmt(r.rssAfterLoadMb)} MB | ${fmt(r.rssAfterRunMb)} MB | ${fmt(r.tokens)} |`,
    );
  }
  console.log("\n| word | kuromoji | lindera |");
  console.log("| --- | --- | --- |");
  for (const w of INSURANCE_WORDS) {
    console.log(`| ${w} | ${results[0]?.splits[w] ?? ""} | ${results[1]?.splits[w] ?? ""} |`);
  }
}

const arg = process.argv[2];
if (arg === "kuromoji" || arg === "lindera") {
  await child(arg);
} else {
  main();
}
