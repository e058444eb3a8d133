/**
 * The satisfaction survey the API, import and property tests set up: the headline 「今回の対応に満足されましたか」, an
 * optional multiple-choice 「ご利用の窓口」 and a free 「ご意見・ご要望」. One definition, so the tests (and the CSV
 * headers they write, which name the questions by label) agree on it.
 */
import type { Question } from "../../src/features/surveys/contract.js";

/** 総合満足度: the one headline satisfaction question the score, the KPI and the closed loop read. */
export const OVERALL_QUESTION = {
  key: "overall",
  type: "satisfaction",
  label: "今回の対応に満足されましたか",
  required: true,
  headline: true,
} satisfies Question;

export const CHANNEL_QUESTION = {
  key: "channel",
  type: "multiple",
  label: "ご利用の窓口",
  required: false,
  options: ["電話", "窓口", "ホームページ"],
} satisfies Question;

export const COMMENT_QUESTION = {
  key: "comment",
  type: "text",
  label: "ご意見・ご要望",
  required: false,
} satisfies Question;

/** The questions, with 「ご利用の窓口」 between the two (`channel`) or without. A fresh copy each call. */
export function satisfactionQuestions(opts: { channel?: boolean } = {}) {
  return structuredClone(
    opts.channel
      ? [OVERALL_QUESTION, CHANNEL_QUESTION, COMMENT_QUESTION]
      : [OVERALL_QUESTION, COMMENT_QUESTION],
  );
}

/** A satisfaction survey's input: `name`, the kind (保全対応時, `servicing`, unless given) and the questions. */
export function satisfactionSurvey(name: string, opts: { kind?: string; channel?: boolean } = {}) {
  return { name, kind: opts.kind ?? "servicing", questions: satisfactionQuestions(opts) };
}
