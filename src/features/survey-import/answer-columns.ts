/**
 * The columns of a survey-answer file: the answer id and time, the respondent's attributes and contact, and one
 * column per question, headed by the question's key (q1) or its wording. Headers compare as the voice import's do.
 */
import { normalizeHeader } from "../../io/voice-columns.js";
import type { Question } from "../surveys/contract.js";

export const ANSWER_FIXED_COLUMNS = [
  { key: "answerId", header: "回答ID", also: ["回答番号", "answer_id"] },
  { key: "answeredAt", header: "回答日時", also: ["回答日", "answered_at"] },
  { key: "ageBand", header: "年代", also: ["age_band"] },
  { key: "prefecture", header: "都道府県", also: [] },
  { key: "productLine", header: "商品", also: ["product_line"] },
  { key: "department", header: "部署", also: [] },
  { key: "name", header: "氏名", also: ["お名前"] },
  { key: "email", header: "メール", also: ["メールアドレス"] },
  { key: "phone", header: "電話番号", also: [] },
  { key: "contactConsent", header: "連絡希望", also: ["contact_consent"] },
  { key: "privacyConsent", header: "個人情報同意", also: ["privacy_consent"] },
] as const;

export type AnswerFixedKey = (typeof ANSWER_FIXED_COLUMNS)[number]["key"];
/** A fixed column, or a question as `q:<key>`. */
export type AnswerColumnKey = AnswerFixedKey | `q:${string}`;

export const REQUIRED_ANSWER_KEYS: readonly AnswerFixedKey[] = ["answerId", "answeredAt"];

export function answerHeaderOf(key: AnswerColumnKey, questions: readonly Question[]): string {
  if (key.startsWith("q:")) {
    const q = questions.find((x) => `q:${x.key}` === key);
    return q ? q.label : key.slice(2);
  }
  return ANSWER_FIXED_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** Every name a column answers to (normalized) → its key: our headers, code names, a question's key and wording. */
export function answerColumnNames(questions: readonly Question[]): Map<string, AnswerColumnKey> {
  const out = new Map<string, AnswerColumnKey>();
  for (const c of ANSWER_FIXED_COLUMNS)
    for (const name of [c.header, c.key, ...c.also]) out.set(normalizeHeader(name), c.key);
  for (const q of questions) {
    out.set(normalizeHeader(q.key), `q:${q.key}`);
    out.set(normalizeHeader(q.label), `q:${q.key}`);
  }
  return out;
}
