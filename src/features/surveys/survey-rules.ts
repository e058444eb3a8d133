/**
 * What makes a survey definition valid (questions, exactly one headline satisfaction question, the period open)
 * and when a survey accepts answers. Pure; problems are Japanese messages keyed by field (questions.2.options).
 */
import { QUESTION_TYPES, type Question, type QuestionType } from "./contract.js";

export interface QuestionDraft {
  key: string;
  type: string;
  label: string;
  required?: boolean | undefined;
  options?: string[] | null | undefined;
  headline?: boolean | undefined;
}

const KEY_RE = /^[a-z0-9_]{1,40}$/;

export function checkQuestions(
  drafts: readonly QuestionDraft[],
): { ok: true; questions: Question[] } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const out: Question[] = [];
  const seen = new Set<string>();
  if (drafts.length === 0) fields.questions = "設問を1つ以上作ってください";
  drafts.forEach((d, i) => {
    const at = `questions.${i}`;
    const n = `設問${i + 1}`;
    const key = d.key.trim();
    if (!KEY_RE.test(key))
      fields[`${at}.key`] = `${n}のキーは半角英小文字・数字・_ の40文字以内で入力してください`;
    else if (seen.has(key)) fields[`${at}.key`] = `${n}のキー「${key}」は別の設問で使われています`;
    seen.add(key);
    if (!(QUESTION_TYPES as readonly string[]).includes(d.type))
      fields[`${at}.type`] = `${n}の形式は 満足度・単一選択・複数選択・自由記述 のいずれかです`;
    const label = d.label.trim();
    if (label === "" || label.length > 500)
      fields[`${at}.label`] = `${n}の質問文を500文字以内で入力してください`;
    const type = d.type as QuestionType;
    const options = (d.options ?? []).map((o) => o.trim()).filter((o) => o !== "");
    if (type === "single" || type === "multiple") {
      if (options.length < 2) fields[`${at}.options`] = `${n}の選択肢を2つ以上入力してください`;
      else if (options.length > 50 || options.some((o) => o.length > 200))
        fields[`${at}.options`] = `${n}の選択肢は50個まで、それぞれ200文字以内で入力してください`;
      else if (new Set(options).size !== options.length)
        fields[`${at}.options`] = `${n}の選択肢に同じものがあります`;
    }
    if (d.headline && type !== "satisfaction")
      fields[`${at}.headline`] = `総合満足度の設問にできるのは満足度（5段階）の設問だけです（${n}）`;
    out.push({
      key,
      type,
      label,
      required: d.required === true,
      ...(type === "single" || type === "multiple" ? { options } : {}),
      ...(d.headline ? { headline: true } : {}),
    });
  });
  const headlines = out.filter((q) => q.headline).length;
  if (drafts.length > 0 && headlines !== 1 && !fields.questions)
    fields.questions =
      headlines === 0
        ? "満足度（5段階）の設問の1つを総合満足度の設問にしてください"
        : "総合満足度の設問は1つだけにしてください";
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, questions: out };
}

/**
 * Answers refer to questions by key: a question that already has answers keeps its key and its type.
 * Returns the Japanese problem for the first answered question the edit would delete or retype.
 */
export function answeredQuestionChange(
  before: readonly Question[],
  after: readonly Question[],
  answeredKeys: Iterable<string>,
): string | undefined {
  for (const key of answeredKeys) {
    const was = before.find((x) => x.key === key);
    const now = after.find((x) => x.key === key);
    if (was && (!now || now.type !== was.type))
      return `回答のある設問「${was.label}」は削除や形式の変更ができません`;
  }
  return undefined;
}

/** Accepting answers on `today` (JST date): inside the period open, and not closed by hand. */
export function isSurveyOpen(
  s: { opensOn: string | null; closesOn: string | null; closedAt: string | null },
  today: string,
): boolean {
  if (s.closedAt) return false;
  if (s.opensOn && today < s.opensOn) return false;
  if (s.closesOn && today > s.closesOn) return false;
  return true;
}
