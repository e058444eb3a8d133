/**
 * The half-year review's API contract (顧客本位の業務運営の振り返り, by FSA principle): requests and the shapes the
 * routes answer with. The UI's types are inferred from these schemas. Browser-safe (zod, src/shared, src/domain).
 */
import { z } from "zod";
import { FSA_PRINCIPLES, REVIEW_STATUSES } from "../../domain/principle-review.js";
import { idInput, inputText } from "../../shared/api-contract.js";

const LONG_TEXT = 20_000;
const long = (label: string) =>
  inputText({ error: `${label}は文字列で入力してください` }).max(
    LONG_TEXT,
    `${label}は${LONG_TEXT}文字以内です`,
  );

// ---------------------------------------------------------------- requests

export const createReviewInput = z.object({
  period: inputText({ error: "期間（上期・下期）を入力してください" })
    .trim()
    .min(1, "期間（上期・下期）を入力してください")
    .max(60, "期間は60文字以内です")
    .describe("振り返る半期: fy2025h1（2025年度上期）、fy2025h2、または「2025年度上期」"),
});
export type CreateReviewInput = z.infer<typeof createReviewInput>;

const principleMessage = `原則は${FSA_PRINCIPLES.length}つです（1〜${FSA_PRINCIPLES.length}で指定してください）`;

export const reviewExampleInput = z.object({
  title: inputText({ error: "事例の見出しを入力してください" })
    .trim()
    .min(1, "事例の見出しを入力してください（例: 対応忘れの事例）")
    .max(200, "事例の見出しは200文字以内です"),
  body: long("事例の本文").trim().min(1, "事例の本文を入力してください"),
  /** the voice the text was taken from (copied with personal data removed) */
  voiceId: idInput("事例の元の声のIDが正しくありません").nullable().optional(),
});
export type ReviewExampleInput = z.infer<typeof reviewExampleInput>;

export const reviewItemInput = z.object({
  principle: z
    .number({ error: principleMessage })
    .int(principleMessage)
    .min(1, principleMessage)
    .max(FSA_PRINCIPLES.length, principleMessage),
  number: inputText({ error: "番号は文字列で入力してください" })
    .trim()
    .max(40, "番号は40文字以内です（例: (2)1)）")
    .default(""),
  heading: inputText({ error: "見出しは文字列で入力してください" })
    .trim()
    .max(200, "見出しは200文字以内です")
    .default(""),
  plan: long("取り組み課題").default(""),
  facts: long("【数値・事実】").default(""),
  evaluation: long("【評価】").default(""),
  nextIssue: long("次期の課題").default(""),
  examples: z.array(reviewExampleInput).max(20, "事例は1項目に20件までです").default([]),
});
export type ReviewItemInput = z.input<typeof reviewItemInput>;

const versionInput = z
  .number({ error: "version（読み込んだときの版）を指定してください" })
  .int("version は整数で指定してください")
  .min(1, "version は1以上です");

export const updateReviewInput = z.object({
  version: versionInput,
  items: z
    .array(reviewItemInput, { error: "項目（items）を配列で指定してください" })
    .min(1, "項目を1つ以上入力してください")
    .max(200, "項目は200件までです"),
});
export type UpdateReviewInput = z.input<typeof updateReviewInput>;

export const approveReviewInput = z.object({ version: versionInput });
export type ApproveReviewInput = z.infer<typeof approveReviewInput>;

export const voiceExampleQuery = z.object({
  voice: inputText({ error: "声の受付番号かIDを入力してください" })
    .trim()
    .min(1, "声の受付番号かIDを入力してください")
    .max(40, "受付番号は40文字以内です")
    .describe("受付番号（2025-000123）または声のID"),
});
export type VoiceExampleQuery = z.infer<typeof voiceExampleQuery>;

// ---------------------------------------------------------------- responses

export const figureSchema = z.object({
  /** the token without braces: voices, voices:complaint, improvements, kpi:12 */
  key: z.string(),
  /** what it counts, in Japanese: 声の件数（苦情）・2025年度上期 */
  label: z.string(),
  value: z.number().nullable(),
  /** how it prints: 841, 11,312, 44.1 */
  display: z.string(),
  /** the staff app's address that lists what is behind the number (the voice list…); null when there is none */
  link: z.string().nullable(),
  /** set on an approved review: when the figure was captured (it is never recomputed) */
  capturedAt: z.string().nullable(),
});
export type Figure = z.infer<typeof figureSchema>;

export const textSegmentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("figure"), key: z.string() }),
]);
export type TextSegmentOut = z.infer<typeof textSegmentSchema>;

export const reviewExampleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  voiceId: z.number().int().nullable(),
});

export const reviewItemSchema = z.object({
  id: z.number().int(),
  principle: z.number().int(),
  principleName: z.string(),
  number: z.string(),
  heading: z.string(),
  plan: z.string(),
  facts: z.string(),
  /** facts with each token replaced by a reference to `figures` */
  factsSegments: z.array(textSegmentSchema),
  evaluation: z.string(),
  evaluationSegments: z.array(textSegmentSchema),
  nextIssue: z.string(),
  examples: z.array(reviewExampleSchema),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

const userRef = z.object({ id: z.number().int(), name: z.string() });

const reviewHead = {
  id: z.number().int(),
  fiscalYear: z.number().int(),
  half: z.union([z.literal(1), z.literal(2)]),
  /** 2025年度上期 */
  label: z.string(),
  /** 2025/4/1〜2025/9/30 */
  rangeLabel: z.string(),
  /** the period's key for the analytics (fy2025h1) */
  periodKey: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(REVIEW_STATUSES),
  statusLabel: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: userRef.nullable(),
};

export const reviewSummarySchema = z.object(reviewHead);
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewListSchema = z.object({ reviews: z.array(reviewSummarySchema) });
export type ReviewList = z.infer<typeof reviewListSchema>;

export const reviewDetailSchema = z.object({
  ...reviewHead,
  createdAt: z.string(),
  createdBy: userRef.nullable(),
  /** true once approved: figures are the ones captured at approval */
  figuresFrozen: z.boolean(),
  /** every figure the texts embed, by key (live for a draft, captured for an approved review) */
  figures: z.array(figureSchema),
  items: z.array(reviewItemSchema),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const figureCatalogSchema = z.object({
  /** the figures that can be embedded for this review's half, with today's values */
  figures: z.array(figureSchema.extend({ group: z.string() })),
});
export type FigureCatalog = z.infer<typeof figureCatalogSchema>;

export const voiceExampleSchema = z.object({
  voiceId: z.number().int(),
  receiptNumber: z.string(),
  /** a suggested heading (対応忘れの事例 for a complaint, お客様の声 otherwise) */
  title: z.string(),
  /** the voice's text with the customer's name, kana, member number, phone, e-mail and address removed */
  body: z.string(),
  /** what a published report may name: 福井県・50代・女性 (or empty) */
  attribution: z.string(),
  /** how many pieces of personal data were removed */
  removed: z.number().int(),
});
export type VoiceExample = z.infer<typeof voiceExampleSchema>;
