/**
 * What makes an answer valid for a survey's questions, and what it stores: one item per level, option or text,
 * the headline level, and the comments the closed loop reads. Pure; every problem is a Japanese message keyed
 * by the field (answers.q3) that names the question.
 */
import { parseSatisfaction } from "../../domain/satisfaction.js";
import { normalizeText } from "../../shared/normalize.js";
import { ANSWER_TEXT_MAX, type Question } from "./contract.js";

export interface AnswerItem {
  questionKey: string;
  value: number | null;
  text: string | null;
}

export interface CheckedAnswer {
  items: AnswerItem[];
  headlineValue: number | null;
  /** the free-text answers, labelled with their question, for the closed loop's voice */
  comments: { question: string; text: string }[];
}

const withCommas = (n: number) => n.toLocaleString("ja-JP");
const quote = (q: Question) => `「${q.label.length > 40 ? `${q.label.slice(0, 40)}…` : q.label}」`;

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === "string" && v.trim() === "") ||
  (Array.isArray(v) && v.length === 0);

/** An option by its index (0-based) or its text. */
function optionIndex(q: Question, v: unknown): number | null {
  const options = q.options ?? [];
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 && v < options.length ? v : null;
  if (typeof v !== "string") return null;
  const s = normalizeText(v);
  const i = options.findIndex((o) => normalizeText(o) === s);
  return i >= 0 ? i : null;
}

export function checkAnswer(
  questions: readonly Question[],
  answers: Readonly<Record<string, unknown>>,
): { ok: true; answer: CheckedAnswer } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const items: AnswerItem[] = [];
  const comments: CheckedAnswer["comments"] = [];
  let headlineValue: number | null = null;
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) fields[`answers.${key}`] = `設問「${key}」はこのアンケートにありません`;
  }
  for (const q of questions) {
    const field = `answers.${q.key}`;
    const v = answers[q.key];
    if (isBlank(v)) {
      if (q.required) fields[field] = `${quote(q)}は回答が必要です`;
      continue;
    }
    switch (q.type) {
      case "satisfaction": {
        const level = parseSatisfaction(v);
        if (level === null)
          fields[field] =
            `${quote(q)}は 1〜5（満足・やや満足・ふつう・やや不満・不満）のいずれかで回答してください（「${String(v).slice(0, 20)}」は選べません）`;
        else {
          items.push({ questionKey: q.key, value: level, text: null });
          if (q.headline) headlineValue = level;
        }
        break;
      }
      case "single": {
        const i = Array.isArray(v) ? null : optionIndex(q, v);
        if (i === null) fields[field] = `${quote(q)}は選択肢から1つ選んでください`;
        else items.push({ questionKey: q.key, value: i, text: null });
        break;
      }
      case "multiple": {
        const list = Array.isArray(v) ? v : [v];
        const chosen = list.map((x) => optionIndex(q, x));
        if (chosen.some((i) => i === null)) fields[field] = `${quote(q)}は選択肢から選んでください`;
        else
          for (const i of new Set(chosen as number[]))
            items.push({ questionKey: q.key, value: i, text: null });
        break;
      }
      case "text": {
        if (typeof v !== "string") {
          fields[field] = `${quote(q)}は文章で回答してください`;
          break;
        }
        const text = normalizeText(v);
        const chars = [...text].length;
        if (chars > ANSWER_TEXT_MAX)
          fields[field] =
            `${quote(q)}は${withCommas(ANSWER_TEXT_MAX)}文字以内で入力してください（現在 ${withCommas(chars)} 文字）`;
        else if (text !== "") {
          items.push({ questionKey: q.key, value: null, text });
          comments.push({ question: q.label, text });
        } else if (q.required) fields[field] = `${quote(q)}は回答が必要です`;
        break;
      }
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, answer: { items, headlineValue, comments } };
}
