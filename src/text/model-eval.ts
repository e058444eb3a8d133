// Evaluation of the voice classifier (precision/recall/F1, confusion) and reading labelled JSONL files.
import { readFile } from "node:fs/promises";
import { type Model, predict, type TrainingExample } from "./classifier.js";
import { parseCategoryLabel, parseTypeLabel } from "./labels.js";

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of this class. */
  support: number;
}

export interface HeadEvaluation {
  /** Mean F1 over the classes present in the evaluated data (support > 0). */
  macroF1: number;
  accuracy: number;
  perClass: Record<string, ClassScores>;
  /** rows = gold label, columns = predicted label, in `labels` order. */
  confusion: { labels: string[]; matrix: number[][] };
  n: number;
}

export interface Evaluation {
  type: HeadEvaluation;
  /** Over the examples that have a category. */
  category: HeadEvaluation;
  n: number;
}

export interface LabelledExample {
  text: string;
  type: string;
  category: string | null;
}

/** Scores one head from gold/predicted pairs. */
export function scoreHead(
  pairs: readonly { gold: string; predicted: string }[],
  labelOrder: readonly string[] = [],
): HeadEvaluation {
  const seen = new Set<string>();
  for (const p of pairs) {
    seen.add(p.gold);
    seen.add(p.predicted);
  }
  const labels = [
    ...labelOrder.filter((l) => seen.has(l)),
    ...[...seen].filter((l) => !labelOrder.includes(l)).sort(),
  ];
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const p of pairs) {
    const row = matrix[index.get(p.gold) ?? 0];
    const col = index.get(p.predicted) ?? 0;
    if (row) row[col] = (row[col] ?? 0) + 1;
    if (p.gold === p.predicted) correct++;
  }
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  let present = 0;
  labels.forEach((label, i) => {
    const tp = matrix[i]?.[i] ?? 0;
    const support = (matrix[i] ?? []).reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, r) => a + (r[i] ?? 0), 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    if (support > 0) {
      f1Sum += f1;
      present++;
    }
  });
  return {
    macroF1: present > 0 ? f1Sum / present : 0,
    accuracy: pairs.length > 0 ? correct / pairs.length : 0,
    perClass,
    confusion: { labels, matrix },
    n: pairs.length,
  };
}

const TYPE_ORDER = ["praise", "request", "complaint", "other"];
const CATEGORY_ORDER = ["handling", "servicing", "product", "application", "claim", "other"];

/** Predicts every example and scores both heads; the category head skips examples whose category is null. */
export function evaluate(model: Model, examples: readonly LabelledExample[]): Evaluation {
  const typePairs: { gold: string; predicted: string }[] = [];
  const categoryPairs: { gold: string; predicted: string }[] = [];
  for (const e of examples) {
    const p = predict(model, e.text);
    typePairs.push({ gold: e.type, predicted: p.type.code });
    if (e.category !== null) categoryPairs.push({ gold: e.category, predicted: p.category.code });
  }
  return {
    type: scoreHead(typePairs, TYPE_ORDER),
    category: scoreHead(categoryPairs, CATEGORY_ORDER),
    n: examples.length,
  };
}

/** Parses labelled JSONL text; a bad line throws 「N行目: …」. Blank lines are skipped. */
export function parseLabelledJsonl(content: string): LabelledExample[] {
  const out: LabelledExample[] = [];
  const lines = content.replace(/^\uFEFF/u, "").split(/\r?\n/u);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line.length === 0) return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new Error(`${lineNo}行目: JSONとして読めません`);
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new Error(`${lineNo}行目: JSONオブジェクトではありません`);
    }
    const rec = data as Record<string, unknown>;
    if (typeof rec.text !== "string" || rec.text.trim().length === 0) {
      throw new Error(`${lineNo}行目: text（本文）がありません`);
    }
    if (typeof rec.type !== "string") throw new Error(`${lineNo}行目: type（種別）がありません`);
    const type = parseTypeLabel(rec.type);
    if (!type) throw new Error(`${lineNo}行目: 種別「${rec.type}」は不明です`);
    let category: string | null = null;
    if (rec.category !== undefined && rec.category !== null && rec.category !== "") {
      if (typeof rec.category !== "string")
        throw new Error(`${lineNo}行目: category（分類）は文字列で指定してください`);
      const c = parseCategoryLabel(rec.category);
      if (!c) throw new Error(`${lineNo}行目: 分類「${rec.category}」は不明です`);
      category = c;
    }
    out.push({ text: rec.text, type, category });
  });
  return out;
}

/** Reads a labelled JSONL file: one `{"text","type","category"}` per line, codes or Japanese labels. */
export async function readLabelledJsonl(path: string): Promise<LabelledExample[]> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch {
    throw new Error(`ファイル ${path} を読めません`);
  }
  return parseLabelledJsonl(content);
}

/** Labelled examples as training examples (same shape; kept for clarity at call sites). */
export function asTrainingExamples(examples: readonly LabelledExample[]): TrainingExample[] {
  return examples.map((e) => ({ text: e.text, type: e.type, category: e.category }));
}
