// Word analysis of one text at 1,000 / 4,000 / 10,000 characters: koe's tokenizer (getTokenizer().tokenize, what the
// indexer's worker thread runs per voice) on texts that used to cost time and memory with the square of their length
// (emoji, "a" + combining accents, a post without 。) and on ordinary voices, beside the raw part from the same run:
// bare kuromoji on an ordinary text of the same size.
// Run: node --import tsx bench/word-analysis-bounds.ts [--before]
//   --before: also bare kuromoji on the pathological texts at 4,000 and 10,000 characters (the cost without the
//   bounds: minutes and gigabytes); without it only at 1,000.
// ms = median of 5 runs after one warm-up (bare kuromoji on a pathological text: 1 run, in a fresh process); MB =
// growth of the process's peak RSS during the runs (/proc/self/clear_refs resets the peak before each case, Linux).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from "kuromoji";
import { normalizeText } from "../src/shared/normalize.js";
import { getTokenizer, MAX_ANALYZED_CHARS, MAX_PIECE_UNITS } from "../src/text/tokenizer.js";

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = [1_000, 4_000, 10_000];

function realVoices(): string[] {
  const corpus = join(here, "..", "src", "text", "corpus");
  return ["real-heldout.jsonl", "real-heldout-2.jsonl"].flatMap((f) =>
    readFileSync(join(corpus, f), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => normalizeText((JSON.parse(line) as { text: string }).text)),
  );
}

/** `n` characters (code points) of `unit` repeated. */
function repeatTo(unit: string, n: number): string {
  const chars = [...unit];
  return Array.from({ length: n }, (_, i) => chars[i % chars.length]).join("");
}

function kinds(voices: string[]): { name: string; make: (n: number) => string; ordinary?: boolean }[] {
  const ordinary = voices.join("\n");
  // The same voices as a member's long post: line breaks and spaces instead of 。 and 、.
  const post = voices.map((v) => v.replace(/。/g, "\n").replace(/、/g, " ")).join("\n");
  return [
    { name: "ordinary voices (real, with 。)", make: (n) => repeatTo(ordinary, n), ordinary: true },
    { name: "post without 。 or 、", make: (n) => repeatTo(post, n) },
    { name: "emoji", make: (n) => repeatTo("😀🙏🎉", n) },
    { name: '"a" + combining accents', make: (n) => `a${"\u0301".repeat(n - 1)}` },
  ];
}

function status(): { rss: number; hwm: number } {
  const s = readFileSync("/proc/self/status", "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(s)?.[1] ?? 0);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Median ms of `runs` calls (after `warm` unmeasured ones) and the growth of the peak RSS meanwhile, in MB. */
function measure(f: () => unknown, runs: number, warm: number): { ms: number; mb: number } {
  for (let i = 0; i < warm; i++) f();
  let before = status();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    before = status();
  } catch {
    // not Linux, or not allowed: the figure is then growth over the earlier peak
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mb = Math.max(0, (status().hwm - Math.max(before.rss, before.hwm)) / 1024);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, mb };
}

async function bareKuromoji(): Promise<KuromojiTokenizer<IpadicFeatures>> {
  const require = createRequire(import.meta.url);
  const kuromoji = (await import("kuromoji")).default;
  const dicPath = join(dirname(require.resolve("kuromoji/package.json")), "dict");
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t)));
  });
}

const fmt = (x: { ms: number; mb: number } | undefined) =>
  x
    ? `${x.ms < 10 ? x.ms.toFixed(1) : Math.round(x.ms).toLocaleString("en-US")} ms, ${Math.round(x.mb)} MB`
    : "—";

/** Bare kuromoji on one pathological text, in a fresh process so its gigabytes do not distort the other figures. */
function beforeInChild(kind: number, n: number): { ms: number; mb: number } {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--child", String(kind), String(n)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { ms: number; mb: number };
}

async function child(kind: number, n: number): Promise<void> {
  const bare = await bareKuromoji();
  const make = kinds(realVoices())[kind]?.make;
  if (!make) throw new Error(`no kind ${kind}`);
  const text = normalizeText(make(n));
  // Warm the same code paths on a short text of the kind, as the indexer's long-lived worker would have them.
  bare.tokenize(normalizeText(make(200)));
  console.log(JSON.stringify(measure(() => bare.tokenize(text), 1, 0)));
}

export async function run(opts: { before?: boolean } = {}): Promise<void> {
  const load0 = loadavg();
  const koe = await getTokenizer();
  const bare = await bareKuromoji();
  const all = kinds(realVoices());
  const rows: {
    kind: number;
    n: number;
    mine: { ms: number; mb: number };
    raw: { ms: number; mb: number };
  }[] = [];
  // Small to large, koe and the raw part interleaved, so both see the same machine load.
  for (const n of SIZES) {
    const rawText = all[0]?.make(n) ?? "";
    const raw = measure(() => bare.tokenize(normalizeText(rawText)), 5, 1);
    all.forEach((kind, i) => {
      const text = kind.make(n);
      rows.push({ kind: i, n, mine: measure(() => koe.tokenize(text), 5, 1), raw });
    });
  }
  const load1 = loadavg();
  console.log(
    `bounds: at most ${MAX_ANALYZED_CHARS.toLocaleString("en-US")} characters per text, pieces of at most ${MAX_PIECE_UNITS} UTF-16 units`,
  );
  console.log(
    "\n| text | characters | koe | bare kuromoji, same text (before the bounds) | koe ÷ raw part (bare kuromoji, ordinary voices, same size) |",
  );
  console.log("| --- | --: | --: | --: | --: |");
  for (const r of rows) {
    // Bare kuromoji on the pathological texts is what the indexer did before the bounds: slow, so only at 1,000
    // characters unless --before.
    const before =
      r.kind === 0 ? r.raw : r.n === 1_000 || opts.before ? beforeInChild(r.kind, r.n) : undefined;
    console.log(
      `| ${all[r.kind]?.name} | ${r.n.toLocaleString("en-US")} | ${fmt(r.mine)} | ${fmt(before)} | ${(r.mine.ms / r.raw.ms).toFixed(1)}× |`,
    );
  }
  console.log(
    `\nload average ${load0.map((x) => x.toFixed(2)).join(" ")} → ${load1.map((x) => x.toFixed(2)).join(" ")} (koe and raw part); ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at the end`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--child");
  if (i >= 0) await child(Number(process.argv[i + 1]), Number(process.argv[i + 2]));
  else await run({ before: process.argv.includes("--before") });
}
