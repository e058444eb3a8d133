import { describe, expect, it } from "vitest";
import { checkAnswer } from "./answer-rules.js";
import type { Question } from "./contract.js";
import { answeredQuestionChange, checkQuestions, isSurveyOpen } from "./survey-rules.js";

const QUESTIONS: Question[] = [
  {
    key: "overall",
    type: "satisfaction",
    label: "今回の手続きの対応に満足されましたか",
    required: true,
    headline: true,
  },
  { key: "staff", type: "satisfaction", label: "担当者の説明はわかりやすかったですか", required: false },
  { key: "how", type: "single", label: "手続きの方法", required: false, options: ["窓口", "電話", "郵送"] },
  {
    key: "good",
    type: "multiple",
    label: "よかった点",
    required: false,
    options: ["早さ", "丁寧さ", "説明"],
  },
  { key: "comment", type: "text", label: "ご意見・ご要望", required: false },
];

describe("checking a survey's questions", () => {
  it("accepts a survey with one headline satisfaction question", () => {
    const r = checkQuestions(QUESTIONS);
    expect(r.ok).toBe(true);
  });
  it("refuses no headline, two headlines, a headline that is not a 5-level question, one option", () => {
    const none = checkQuestions(QUESTIONS.map((q) => ({ ...q, headline: false })));
    expect(none.ok ? null : none.fields.questions).toContain("総合満足度");
    const two = checkQuestions(QUESTIONS.map((q) => ({ ...q, headline: q.type === "satisfaction" })));
    expect(two.ok ? null : two.fields.questions).toBe("総合満足度の設問は1つだけにしてください");
    const bad = checkQuestions([
      { key: "overall", type: "satisfaction", label: "満足度", headline: true },
      { key: "how", type: "single", label: "方法", options: ["窓口"], headline: true },
    ]);
    expect(bad.ok ? null : bad.fields).toMatchObject({
      "questions.1.options": "設問2の選択肢を2つ以上入力してください",
      "questions.1.headline": expect.stringContaining("設問2"),
    });
  });
});

describe("checking an answer", () => {
  it("stores levels, options by index or text, and comments", () => {
    const r = checkAnswer(QUESTIONS, {
      overall: "やや不満",
      staff: 4,
      how: "電話",
      good: [0, "説明"],
      comment: "かけなおすと言われたのにかかってこない。",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.fields));
    expect(r.answer.headlineValue).toBe(2);
    expect(r.answer.items).toEqual([
      { questionKey: "overall", value: 2, text: null },
      { questionKey: "staff", value: 4, text: null },
      { questionKey: "how", value: 1, text: null },
      { questionKey: "good", value: 0, text: null },
      { questionKey: "good", value: 2, text: null },
      { questionKey: "comment", value: null, text: "かけなおすと言われたのにかかってこない。" },
    ]);
    expect(r.answer.comments).toHaveLength(1);
  });
  it("names the question of a 6, a missing required answer and a 10,001-character comment", () => {
    const r = checkAnswer(QUESTIONS, { overall: 6, comment: "あ".repeat(10_001) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields["answers.overall"]).toContain("「今回の手続きの対応に満足されましたか」は 1〜5");
    expect(r.fields["answers.comment"]).toBe(
      "「ご意見・ご要望」は10,000文字以内で入力してください（現在 10,001 文字）",
    );
    const missing = checkAnswer(QUESTIONS, { staff: 5 });
    expect(missing.ok ? null : missing.fields["answers.overall"]).toBe(
      "「今回の手続きの対応に満足されましたか」は回答が必要です",
    );
  });
  it("refuses an unknown question and an option that is not offered", () => {
    const r = checkAnswer(QUESTIONS, { overall: 5, how: "メール", extra: 1 });
    expect(r.ok ? null : r.fields).toEqual({
      "answers.extra": "設問「extra」はこのアンケートにありません",
      "answers.how": "「手続きの方法」は選択肢から1つ選んでください",
    });
  });
});

describe("a survey's open period", () => {
  const s = { opensOn: "2023-01-01", closesOn: "2023-12-31", closedAt: null };
  it("is open on its first and last day only, and never once closed by hand", () => {
    expect(isSurveyOpen(s, "2022-12-31")).toBe(false);
    expect(isSurveyOpen(s, "2023-01-01")).toBe(true);
    expect(isSurveyOpen(s, "2023-12-31")).toBe(true);
    expect(isSurveyOpen(s, "2024-01-01")).toBe(false);
    expect(isSurveyOpen({ ...s, closedAt: "2023-06-01T00:00:00Z" }, "2023-06-02")).toBe(false);
    expect(isSurveyOpen({ opensOn: null, closesOn: null, closedAt: null }, "2030-01-01")).toBe(true);
  });
});

describe("editing questions that already have answers", () => {
  const before: Question[] = [
    { key: "overall", type: "satisfaction", label: "総合的な満足度", required: true, headline: true },
    { key: "comment", type: "text", label: "ご意見", required: false },
  ];
  it("lets a label change and a new question through", () => {
    const after: Question[] = [
      { ...before[0], label: "今回の手続きの満足度" } as Question,
      before[1] as Question,
      { key: "age", type: "single", label: "年代", required: false, options: ["20代", "30代"] },
    ];
    expect(answeredQuestionChange(before, after, ["overall", "comment"])).toBeUndefined();
  });
  it("refuses deleting or retyping an answered question, naming it", () => {
    expect(answeredQuestionChange(before, [before[0] as Question], ["comment"])).toBe(
      "回答のある設問「ご意見」は削除や形式の変更ができません",
    );
    const retyped: Question[] = [
      before[0] as Question,
      { ...(before[1] as Question), type: "single", options: ["はい", "いいえ"] },
    ];
    expect(answeredQuestionChange(before, retyped, ["comment"])).toContain("ご意見");
  });
  it("lets an unanswered question go", () => {
    expect(answeredQuestionChange(before, [before[0] as Question], ["overall"])).toBeUndefined();
  });
});
