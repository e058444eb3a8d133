// Voice classifier: two softmax-regression heads (type, category) over character n-grams; no analyzer needed.
import { normalizeForSearch } from "../shared/normalize.js";

export interface TrainingExample {
  text: string;
  type: string;
  category: string | null;
  /** Optional content words (from the analyzer) used as extra features. */
  words?: readonly string[];
}

export interface TrainOptions {
  /** Passes over the data (default 30). */
  epochs?: number;
  /** L2 strength (default 1e-5 per update). */
  l2?: number;
  /** AdaGrad base learning rate (default 0.5). */
  learningRate?: number;
  /** Minimum number of training texts a feature must occur in (default 2, or 1 for < 200 examples). */
  minDocumentFrequency?: number;
  /** Seed of the deterministic shuffle (default 1). */
  seed?: number;
  /**
   * Train this many times with different shuffles and average the weights (default 1). SGD on a few thousand
   * texts lands in a different place for each shuffle (type macro-F1 on real voices varied by ±0.03 between
   * seeds); the average is steadier and no larger.
   */
  averageOf?: number;
}

interface Head {
  labels: string[];
  bias: Float64Array;
  /** Row-major: feature index × label. */
  weights: Float64Array;
}

export interface Model {
  features: Map<string, number>;
  type: Head;
  category: Head;
  usesWords: boolean;
}

export interface LabelScore {
  code: string;
  confidence: number;
}

export interface Prediction {
  type: LabelScore;
  category: LabelScore;
  /** Every label of each head, most probable first. */
  alternatives: { type: LabelScore[]; category: LabelScore[] };
}

const WORD_PREFIX = "\u0001";
const MODEL_FORMAT = "koe-voice-classifier";
const MODEL_VERSION = 1;

const SENTENCE_END_PREFIX = "\u0004";
/** How many characters at the end of each sentence give sentence-end features. */
const SENTENCE_END_CHARS = 6;

/**
 * Character 1-, 2-, 3-grams of normalizeForSearch(text) (with start/end marks), plus sentence-end features
 * (2- and 3-grams of the last characters of each sentence, where Japanese puts 〜してほしい／〜ありがとう／〜ですか),
 * plus content words.
 */
export function extractFeatures(text: string, words?: readonly string[]): string[] {
  const normalized = normalizeForSearch(text);
  const chars = [...`\u0002${normalized.replace(/\s+/gu, " ").trim()}\u0003`];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i] as string;
    if (i > 0 && i < chars.length - 1) out.add(a);
    const b = chars[i + 1];
    if (b === undefined) continue;
    out.add(a + b);
    const c = chars[i + 2];
    if (c !== undefined) out.add(a + b + c);
  }
  for (const sentence of normalized.split(/[。．.!！?？\n]+/u)) {
    const tail = [...sentence.trim()].slice(-SENTENCE_END_CHARS);
    if (tail.length === 0) continue;
    for (let i = 0; i + 1 < tail.length; i++) {
      out.add(SENTENCE_END_PREFIX + tail[i] + tail[i + 1]);
      if (i + 2 < tail.length) out.add(SENTENCE_END_PREFIX + tail[i] + tail[i + 1] + tail[i + 2]);
    }
    out.add(`${SENTENCE_END_PREFIX}${tail.slice(-3).join("")}\u0003`);
  }
  if (words) for (const w of words) out.add(WORD_PREFIX + w);
  return [...out];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoded {
  idx: Int32Array;
  /** Feature value: 1/sqrt(number of features) so every text has unit L2 norm. */
  value: number;
}

function encode(features: ReadonlyMap<string, number>, text: string, words?: readonly string[]): Encoded {
  const idx: number[] = [];
  for (const f of extractFeatures(text, words)) {
    const i = features.get(f);
    if (i !== undefined) idx.push(i);
  }
  return { idx: Int32Array.from(idx), value: idx.length > 0 ? 1 / Math.sqrt(idx.length) : 0 };
}

function scores(head: Head, x: Encoded, out: Float64Array): void {
  const k = head.labels.length;
  for (let c = 0; c < k; c++) out[c] = head.bias[c] ?? 0;
  for (const f of x.idx) {
    const base = f * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (head.weights[base + c] ?? 0) * x.value;
  }
}

function softmaxInPlace(v: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of v) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const e = Math.exp((v[i] ?? 0) - max);
    v[i] = e;
    sum += e;
  }
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / sum;
}

function trainHead(
  nFeatures: number,
  data: { x: Encoded; y: string }[],
  options: Required<Omit<TrainOptions, "minDocumentFrequency" | "averageOf">>,
  onEpoch: () => void,
): Head {
  const labels = [...new Set(data.map((d) => d.y))].sort();
  const k = labels.length;
  const head: Head = { labels, bias: new Float64Array(k), weights: new Float64Array(nFeatures * k) };
  if (k === 0) {
    for (let epoch = 0; epoch < options.epochs; epoch++) onEpoch();
    return head;
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  // Balanced class weights: the heads are judged by macro-F1, and real data is skewed (few complaints).
  const counts = new Float64Array(k);
  for (const d of data) {
    const y = labelIndex.get(d.y) ?? 0;
    counts[y] = (counts[y] ?? 0) + 1;
  }
  const classWeight = Array.from(counts, (n) => (n > 0 ? data.length / (k * n) : 0));
  const gradSq = new Float64Array(nFeatures * k).fill(1e-6);
  const biasGradSq = new Float64Array(k).fill(1e-6);
  const p = new Float64Array(k);
  const order = data.map((_, i) => i);
  const random = mulberry32(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const d = data[n];
      if (!d) continue;
      const y = labelIndex.get(d.y) ?? 0;
      scores(head, d.x, p);
      softmaxInPlace(p);
      const cw = classWeight[y] ?? 1;
      for (let c = 0; c < k; c++) {
        const g = ((p[c] ?? 0) - (c === y ? 1 : 0)) * cw;
        const bg = (biasGradSq[c] ?? 0) + g * g;
        biasGradSq[c] = bg;
        head.bias[c] = (head.bias[c] ?? 0) - (options.learningRate * g) / Math.sqrt(bg);
        for (const f of d.x.idx) {
          const w = f * k + c;
          const current = head.weights[w] ?? 0;
          const gw = g * d.x.value + options.l2 * current;
          const acc = (gradSq[w] ?? 0) + gw * gw;
          gradSq[w] = acc;
          head.weights[w] = current - (options.learningRate * gw) / Math.sqrt(acc);
        }
      }
    }
    onEpoch();
  }
  return head;
}

/**
 * Trains both heads; examples without a category train the type head only. `onProgress` hears each pass over the
 * data (passes done, passes in all: both heads, every averaged run), for a progress bar.
 */
export function train(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
  onProgress?: (done: number, total: number) => void,
): Model {
  const opts = {
    epochs: options.epochs ?? 30,
    l2: options.l2 ?? 1e-5,
    learningRate: options.learningRate ?? 0.5,
    seed: options.seed ?? 1,
  };
  const minDf = options.minDocumentFrequency ?? (examples.length < 200 ? 1 : 2);
  const usesWords = examples.some((e) => e.words !== undefined);
  const df = new Map<string, number>();
  const extracted = examples.map((e) => extractFeatures(e.text, e.words));
  for (const fs of extracted) for (const f of fs) df.set(f, (df.get(f) ?? 0) + 1);
  const features = new Map<string, number>();
  for (const [f, n] of df) if (n >= minDf) features.set(f, features.size);
  const encoded = examples.map((e) => encode(features, e.text, e.words));
  const typeData = examples.map((e, i) => ({ x: encoded[i] as Encoded, y: e.type }));
  const categoryData = examples.flatMap((e, i) =>
    e.category === null ? [] : [{ x: encoded[i] as Encoded, y: e.category }],
  );
  const runs = Math.max(1, Math.floor(options.averageOf ?? 1));
  const total = 2 * runs * opts.epochs;
  let done = 0;
  const onEpoch = () => onProgress?.(++done, total);
  const averaged = (data: { x: Encoded; y: string }[]): Head =>
    averageHeads(
      Array.from({ length: runs }, (_, r) =>
        trainHead(features.size, data, { ...opts, seed: opts.seed + r }, onEpoch),
      ),
    );
  return { features, type: averaged(typeData), category: averaged(categoryData), usesWords };
}

/** Mean of heads trained on the same data (same labels and features, so the arrays line up). */
function averageHeads(heads: Head[]): Head {
  const [first, ...rest] = heads;
  if (!first || rest.length === 0) return first as Head;
  for (const h of rest) {
    for (let i = 0; i < h.weights.length; i++)
      first.weights[i] = (first.weights[i] ?? 0) + (h.weights[i] ?? 0);
    for (let i = 0; i < h.bias.length; i++) first.bias[i] = (first.bias[i] ?? 0) + (h.bias[i] ?? 0);
  }
  for (let i = 0; i < first.weights.length; i++) first.weights[i] = (first.weights[i] ?? 0) / heads.length;
  for (let i = 0; i < first.bias.length; i++) first.bias[i] = (first.bias[i] ?? 0) / heads.length;
  return first;
}

function rank(head: Head, x: Encoded): LabelScore[] {
  if (head.labels.length === 0) return [{ code: "other", confidence: 0 }];
  const p = new Float64Array(head.labels.length);
  scores(head, x, p);
  softmaxInPlace(p);
  return head.labels
    .map((code, i) => ({ code, confidence: p[i] ?? 0 }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** Most probable type and category with softmax probabilities; `words` only matter if the model used words. */
export function predict(model: Model, text: string, words?: readonly string[]): Prediction {
  const x = encode(model.features, text, model.usesWords ? words : undefined);
  const type = rank(model.type, x);
  const category = rank(model.category, x);
  return {
    type: type[0] as LabelScore,
    category: category[0] as LabelScore,
    alternatives: { type, category },
  };
}

interface SerializedHead {
  labels: string[];
  bias: number[];
  /** Sparse rows: [featureIndex, w0, w1, ...] for features with any non-zero weight. */
  rows: number[][];
}

interface SerializedModel {
  format: typeof MODEL_FORMAT;
  version: number;
  usesWords: boolean;
  features: string[];
  type: SerializedHead;
  category: SerializedHead;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

function serializeHead(head: Head, nFeatures: number, keep: Int32Array): SerializedHead {
  const k = head.labels.length;
  const rows: number[][] = [];
  for (let f = 0; f < nFeatures; f++) {
    const newIndex = keep[f] ?? -1;
    if (newIndex < 0) continue;
    const ws = Array.from(head.weights.subarray(f * k, f * k + k), round);
    if (ws.some((w) => w !== 0)) rows.push([newIndex, ...ws]);
  }
  return { labels: head.labels, bias: Array.from(head.bias, round), rows };
}

/** JSON form of a model; features whose weights all round to zero are dropped. */
export function serializeModel(model: Model): string {
  const names = [...model.features.keys()];
  const keep = new Int32Array(names.length).fill(-1);
  const kept: string[] = [];
  for (let f = 0; f < names.length; f++) {
    const live = [model.type, model.category].some((h) => {
      const k = h.labels.length;
      for (let c = 0; c < k; c++) if (Math.abs(h.weights[f * k + c] ?? 0) >= 5e-5) return true;
      return false;
    });
    if (live) {
      keep[f] = kept.length;
      kept.push(names[f] as string);
    }
  }
  const out: SerializedModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    usesWords: model.usesWords,
    features: kept,
    type: serializeHead(model.type, names.length, keep),
    category: serializeHead(model.category, names.length, keep),
  };
  return JSON.stringify(out);
}

function loadHead(h: SerializedHead, nFeatures: number): Head {
  const k = h.labels.length;
  const weights = new Float64Array(nFeatures * k);
  for (const row of h.rows) {
    const f = row[0] ?? -1;
    if (f < 0 || f >= nFeatures) throw new Error("モデルの形式が正しくありません（特徴の番号が範囲外です）");
    for (let c = 0; c < k; c++) weights[f * k + c] = row[c + 1] ?? 0;
  }
  return { labels: h.labels, bias: Float64Array.from(h.bias), weights };
}

/** Reads a model written by serializeModel (a JSON string or the parsed object). */
export function loadModel(json: string | object): Model {
  const data = (typeof json === "string" ? JSON.parse(json) : json) as Partial<SerializedModel>;
  if (data.format !== MODEL_FORMAT || !Array.isArray(data.features) || !data.type || !data.category) {
    throw new Error("分類モデルの形式が正しくありません");
  }
  if (data.version !== MODEL_VERSION) throw new Error(`分類モデルの版 ${data.version} には対応していません`);
  const features = new Map(data.features.map((f, i) => [f, i]));
  return {
    features,
    type: loadHead(data.type, features.size),
    category: loadHead(data.category, features.size),
    usesWords: data.usesWords === true,
  };
}

let builtin: Promise<Model> | undefined;

/** The model shipped with koe (trained on src/text/corpus/builtin-corpus.jsonl), loaded once on first use. */
export function loadBuiltinModel(): Promise<Model> {
  if (!builtin) {
    builtin = import("./builtin-model.json", { with: { type: "json" } }).then((m) => loadModel(m.default));
    builtin.catch(() => {
      builtin = undefined;
    });
  }
  return builtin;
}
