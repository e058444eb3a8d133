/**
 * Surveys' API contract: survey definitions (questions, period open, notices), answers (public, one-time link,
 * paper), one-time links, and the results. The UI's types are inferred from these schemas. Browser-safe.
 */
import { z } from "zod";
import { idInput, inputText } from "../../shared/api-contract.js";

export const QUESTION_TYPES = ["satisfaction", "single", "multiple", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Readonly<Record<QuestionType, string>> = {
  satisfaction: "満足度（5段階）",
  single: "単一選択",
  multiple: "複数選択",
  text: "自由記述",
};

/** A free-text answer's limit; one character more is refused with the question named. */
export const ANSWER_TEXT_MAX = 10_000;
export const SOURCES = ["public", "link", "paper", "import"] as const;
export type AnswerSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Readonly<Record<AnswerSource, string>> = {
  public: "公開リンク",
  link: "個別リンク",
  paper: "紙（職員入力）",
  import: "取り込み",
};

export const questionSchema = z.object({
  /** stable within the survey (q1, q2 …): answers and results refer to it */
  key: z.string().regex(/^[a-z0-9_]{1,40}$/, "設問キーは半角英小文字・数字・_ の40文字以内です"),
  type: z.enum(QUESTION_TYPES),
  label: z.string().min(1).max(500),
  required: z.boolean(),
  options: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** the one headline satisfaction question (総合満足度) the score, the KPI and the closed loop read */
  headline: z.boolean().optional(),
});
export type Question = z.infer<typeof questionSchema>;

// Loose at the route (types and hard bounds); the service checks the rules field by field in Japanese.
export const questionInput = z.object({
  key: inputText().max(60),
  type: inputText().max(20),
  label: inputText().max(2000),
  required: z.boolean().optional(),
  options: z.array(inputText().max(1000)).max(100).nullish(),
  headline: z.boolean().optional(),
});
export const surveyInput = z.object({
  name: inputText().max(1000),
  kind: z.union([inputText().max(60), idInput()]),
  intro: inputText().max(20_000).nullish(),
  purposeNotice: inputText().max(20_000).nullish(),
  opensOn: inputText().max(40).nullish(),
  closesOn: inputText().max(40).nullish(),
  questions: z.array(questionInput).max(100),
});
export type SurveyInput = z.infer<typeof surveyInput>;
export const surveyPatchInput = surveyInput.partial().extend({
  /** true closes the survey now; false reopens it */
  closed: z.boolean().optional(),
  version: z.int(),
});
export type SurveyPatchInput = z.infer<typeof surveyPatchInput>;

export const surveyKindSchema = z.object({
  id: z.int(),
  code: z.string(),
  name: z.string(),
  departmentCode: z.string().nullable(),
  active: z.boolean(),
});
export type SurveyKind = z.infer<typeof surveyKindSchema>;
export const surveyKindListSchema = z.object({ items: z.array(surveyKindSchema) });
export const surveyKindInput = z.object({
  code: inputText().max(100).optional(),
  name: inputText().max(1000).optional(),
  departmentCode: inputText().max(100).nullish(),
  active: z.boolean().optional(),
});

export const surveySchema = z.object({
  id: z.int(),
  name: z.string(),
  kind: surveyKindSchema,
  intro: z.string(),
  purposeNotice: z.string(),
  questions: z.array(questionSchema),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** accepting answers today (open period, not closed by hand) */
  open: z.boolean(),
  publicCode: z.string(),
  responses: z.int(),
  version: z.int(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;
export const surveyListSchema = z.object({ items: z.array(surveySchema) });
export type SurveyList = z.infer<typeof surveyListSchema>;

/** What a member's page needs: no ids, no counts. */
export const publicSurveySchema = z.object({
  name: z.string(),
  intro: z.string(),
  purposeNotice: z.string(),
  questions: z.array(questionSchema),
  open: z.boolean(),
  /** a one-time link that has already been used */
  alreadyAnswered: z.boolean(),
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

export const respondentInput = z.object({
  ageBand: inputText().max(100).nullish(),
  prefecture: inputText().max(100).nullish(),
  productLine: z.union([inputText().max(100), idInput()]).nullish(),
  department: z.union([inputText().max(100), idInput()]).nullish(),
  staffId: idInput().nullish(),
  name: inputText().max(1000).nullish(),
  email: inputText().max(1000).nullish(),
  phone: inputText().max(1000).nullish(),
  /** may we contact the respondent about what they wrote */
  contactConsent: z.boolean().optional(),
  /** agreement to the purpose-of-use notice; required when any contact detail is given */
  privacyConsent: z.boolean().optional(),
});
export type RespondentInput = z.infer<typeof respondentInput>;

/** An answer value: 1–5 or a level's label, an option's index or text, a list of them, or free text. */
const answerValue = z.union([
  z.number(),
  inputText().max(ANSWER_TEXT_MAX + 10_000),
  z.array(z.union([z.number(), inputText().max(1000)])).max(100),
  z.null(),
]);
export const answerInput = z.object({
  answers: z.record(z.string().max(60), answerValue),
  respondent: respondentInput.nullish(),
  /** staff entry and imports only: when the member answered (a paper form's date); public answers are now */
  answeredAt: inputText().max(60).nullish(),
  /** honeypot on the public page: must stay empty */
  website: inputText().max(2000).optional(),
});
export type AnswerInput = z.infer<typeof answerInput>;
export const paperAnswerInput = answerInput.extend({
  /** the paper form's number or another id: the same id is stored once */
  answerId: inputText().max(100).nullish(),
});
export type PaperAnswerInput = z.infer<typeof paperAnswerInput>;

export const answerReceiptSchema = z.object({
  /** false when this answer id was stored before (nothing new written) */
  created: z.boolean(),
  answerId: z.int(),
  voiceReceiptNumber: z.string().nullable(),
});
export type AnswerReceipt = z.infer<typeof answerReceiptSchema>;
export const publicAnswerReceiptSchema = z.object({ thanks: z.string() });

export const linkCreateInput = z.object({
  respondents: z
    .array(
      z.object({
        name: inputText().max(1000).nullish(),
        ageBand: inputText().max(100).nullish(),
        prefecture: inputText().max(100).nullish(),
        productLine: z.union([inputText().max(100), idInput()]).nullish(),
        department: z.union([inputText().max(100), idInput()]).nullish(),
        staffId: idInput().nullish(),
      }),
    )
    .min(1, "回答者を1人以上指定してください")
    .max(5000, "一度に作れる個別リンクは5,000件までです"),
});
export const surveyLinkSchema = z.object({
  id: z.int(),
  code: z.string(),
  respondentName: z.string().nullable(),
  usedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SurveyLink = z.infer<typeof surveyLinkSchema>;
export const surveyLinkListSchema = z.object({ items: z.array(surveyLinkSchema) });
export type SurveyLinkList = z.infer<typeof surveyLinkListSchema>;

// ---------------------------------------------------------------- results

export const RESULT_BREAKDOWNS = ["age_band", "prefecture", "product_line", "department", "staff"] as const;
export type ResultBreakdown = (typeof RESULT_BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Readonly<Record<ResultBreakdown, string>> = {
  age_band: "年代",
  prefecture: "都道府県",
  product_line: "商品",
  department: "対応部署",
  staff: "担当者",
};

export const resultsQuery = z.object({
  period: inputText().max(60).optional(),
  from: inputText().max(60).optional(),
  to: inputText().max(60).optional(),
});

const levelCount = z.object({ value: z.int(), label: z.string(), count: z.int(), percent: z.number() });
const figures = z.object({
  responses: z.int(),
  mean: z.number().nullable(),
  topTwoBox: z.number().nullable(),
});
export const questionResultSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(QUESTION_TYPES),
  headline: z.boolean(),
  answered: z.int(),
  /** satisfaction: mean and top-2-box */
  figures: figures.nullable(),
  /** satisfaction levels or options, with counts and % of those who answered the question */
  distribution: z.array(levelCount),
  /** free text: the latest answers and the frequent words */
  texts: z.array(z.object({ answeredAt: z.string(), text: z.string() })),
  words: z.array(z.object({ word: z.string(), count: z.int() })),
});
export type QuestionResult = z.infer<typeof questionResultSchema>;
export const breakdownRowSchema = figures.extend({ key: z.string(), label: z.string() });
export const surveyResultsSchema = z.object({
  survey: z.object({ id: z.int(), name: z.string(), kind: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  previousPeriod: z.object({ key: z.string(), label: z.string() }),
  responses: z.int(),
  headline: figures
    .extend({
      key: z.string(),
      label: z.string(),
      previous: figures,
      /** 0.6ポイント減少 */
      change: z.object({ points: z.number(), label: z.string() }).nullable(),
      meanChange: z.number().nullable(),
    })
    .nullable(),
  questions: z.array(questionResultSchema),
  breakdowns: z.array(
    z.object({ by: z.enum(RESULT_BREAKDOWNS), label: z.string(), rows: z.array(breakdownRowSchema) }),
  ),
  /** the voices the closed loop created from this period's answers, and how many of them are closed */
  voices: z.object({ created: z.int(), closed: z.int() }),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

/** Figures per survey kind for the KPI register and reports. */
export const kindFiguresSchema = z.object({
  period: z.object({ key: z.string(), label: z.string() }),
  kinds: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      responses: z.int(),
      topTwoBox: z.number().nullable(),
      mean: z.number().nullable(),
    }),
  ),
});
export type KindFigures = z.infer<typeof kindFiguresSchema>;
