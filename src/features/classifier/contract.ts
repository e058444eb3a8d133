/**
 * The API contract of the classifier's learning: the complaint safety-net settings, the 確認待ち queue, and the
 * 「分類モデル」 page (accuracy on the organisation's voices, corrections, gated retraining, restore). Browser-safe.
 */
import { z } from "zod";
import { COMPLAINT_BIAS_RANGE, FLAG_THRESHOLD_RANGE } from "../../domain/complaint-flag.js";
import { inputText, userRefSchema } from "../../shared/api-contract.js";

const number = (what: string, range: { min: number; max: number }) =>
  z
    .number({ error: `${what}は数値で指定してください` })
    .min(range.min, `${what}は${range.min}〜${range.max}で指定してください`)
    .max(range.max, `${what}は${range.min}〜${range.max}で指定してください`);

export const classifierSettingsSchema = z.object({
  complaintBias: number("苦情の確率に掛ける倍率", COMPLAINT_BIAS_RANGE).describe(
    "種別を決める前に苦情の確率に掛ける倍率",
  ),
  flagThreshold: number("「苦情の可能性」のしきい値", FLAG_THRESHOLD_RANGE).describe(
    "苦情の確率がこの値以上なら「苦情の可能性があります」と出す",
  ),
  weeklyRetrain: z.boolean({ error: "毎週の学習し直しは true か false で指定してください" }),
});
export type ClassifierSettings = z.infer<typeof classifierSettingsSchema>;
export const classifierSettingsInput = classifierSettingsSchema.partial().strict();
export type ClassifierSettingsInput = z.infer<typeof classifierSettingsInput>;

const curvePointSchema = z.object({ threshold: z.number(), recall: z.number(), falseFlagRate: z.number() });

const confusionSchema = z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.int())) });

const modelVersionSchema = z.object({
  id: z.int(),
  createdAt: z.string(),
  source: z.string(),
  examples: z.int(),
  activatedAt: z.string().nullable(),
  /** type macro-F1 of this model and of the one in use, on the held-back slice of the organisation's voices */
  heldBack: z.object({ n: z.int(), candidateF1: z.number(), currentF1: z.number() }).nullable(),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

/** GET /api/v1/model/report */
export const modelReportSchema = z
  .object({
    settings: classifierSettingsSchema,
    current: z.object({ source: z.enum(["builtin", "trained"]), version: z.int() }),
    /** the model on the organisation's recent labelled voices (null when it has none) */
    accuracy: z
      .object({
        n: z.int(),
        typeMacroF1: z.number(),
        typeAccuracy: z.number(),
        complaintRecall: z.number(),
        complaintPrecision: z.number(),
        confusion: confusionSchema,
      })
      .nullable(),
    /** where the curve was measured: the organisation's labelled voices, or the built-in real set */
    curveSource: z.enum(["organisation", "builtin"]),
    curve: z.array(curvePointSchema),
    flag: curvePointSchema,
    correctionsAwaiting: z.int(),
    reviewsWaiting: z.int(),
    versions: z.array(modelVersionSchema),
  })
  .describe("分類モデルの成績・補正・学習履歴");
export type ModelReport = z.infer<typeof modelReportSchema>;

/** POST /api/v1/model/retrain and /restore */
export const retrainResultSchema = z
  .object({
    activated: z.boolean(),
    message: z.string(),
    version: modelVersionSchema.nullable(),
  })
  .describe("学習し直した結果（使うかどうか）");
export type RetrainResult = z.infer<typeof retrainResultSchema>;

export const RETRAIN_JOB_STATES = ["running", "succeeded", "failed", "interrupted"] as const;
export const RETRAIN_JOB_STAGES = ["loading", "training", "evaluating", "saving", "done"] as const;

/** POST /api/v1/model/retrain (202) and GET /api/v1/model/retrain: one retraining run in the background */
export const retrainJobSchema = z
  .object({
    id: z.int(),
    /** retrain: the 「再学習」 button; weekly: the weekly retraining */
    source: z.enum(["retrain", "weekly"]),
    /** interrupted: the process that trained stopped answering (its lease ran out) or was stopped */
    state: z.enum(RETRAIN_JOB_STATES),
    stage: z.enum(RETRAIN_JOB_STAGES),
    percent: z.int().min(0).max(100),
    /** passes over the data while training (null before training starts) */
    progress: z.object({ done: z.int(), total: z.int() }).nullable(),
    startedAt: z.string(),
    startedBy: userRefSchema.nullable(),
    /** when the training process last said it is alive */
    heartbeatAt: z.string(),
    finishedAt: z.string().nullable(),
    /** when it succeeded: both scores and whether the new model is used */
    result: retrainResultSchema.nullable(),
    /** when it failed or was interrupted: why, in Japanese */
    error: z.string().nullable(),
  })
  .describe("分類モデルの再学習（バックグラウンドの処理）の状態と進み具合・結果");
export type RetrainJob = z.infer<typeof retrainJobSchema>;

export const retrainJobStatusSchema = z
  .object({ job: retrainJobSchema.nullable() })
  .describe("最新の再学習（実行中、または最後に終わったもの。まだ一度もなければ null）");
export type RetrainJobStatus = z.infer<typeof retrainJobStatusSchema>;

export const REVIEW_REASONS = ["flag", "low_margin"] as const;

export const complaintReviewSchema = z.object({
  id: z.int(),
  voiceId: z.int(),
  /** the voice's version, to change its type from the queue under the voice's optimistic lock */
  voiceVersion: z.int(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  excerpt: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  /** flag: 「苦情の可能性」; low_margin: the model's two likeliest types were close (判定が僅差) */
  reason: z.enum(REVIEW_REASONS),
  suggestedTypeCode: z.string(),
  suggestedTypeName: z.string(),
  source: z.string(),
  pComplaint: z.number(),
  /** the suggested type's probability minus the runner-up's (null on rows queued before it was kept) */
  margin: z.number().nullable(),
  flaggedAt: z.string(),
});
export type ComplaintReview = z.infer<typeof complaintReviewSchema>;
export const complaintReviewListSchema = z
  .object({ items: z.array(complaintReviewSchema) })
  .describe("確認待ち（取込・フォームの声で「苦情の可能性」が出たもの、種別の判定が僅差だったもの）");
export type ComplaintReviewList = z.infer<typeof complaintReviewListSchema>;

export const complaintReviewCountSchema = z
  .object({ waiting: z.int() })
  .describe("確認待ちの件数（メニューの件数表示）");
export type ComplaintReviewCount = z.infer<typeof complaintReviewCountSchema>;

export const confirmReviewInput = z.object({
  type: inputText({ error: "種別を選んでください" }).trim().min(1, "種別を選んでください").max(60),
  /** required when the type differs from the voice's: the change is the voice's own edit */
  version: z.int({ error: "version は整数で指定してください" }).min(1).optional(),
  typeChangeReason: inputText({ error: "種別変更の理由は文字列で指定してください" }).max(500).optional(),
});
export type ConfirmReviewInput = z.infer<typeof confirmReviewInput>;

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/model/settings": { response: ClassifierSettings };
    "PUT /api/v1/model/settings": { body: ClassifierSettingsInput; response: ClassifierSettings };
    "GET /api/v1/model/report": { response: ModelReport };
    "POST /api/v1/model/retrain": { response: RetrainJob };
    /** the older route: starts the same job as POST /api/v1/model/retrain */
    "POST /api/v1/model/train": { response: RetrainJob };
    "GET /api/v1/model/retrain": { response: RetrainJobStatus };
    "POST /api/v1/model/restore": { response: RetrainResult };
    "GET /api/v1/complaint-reviews": { response: ComplaintReviewList };
    "GET /api/v1/complaint-reviews/count": { response: ComplaintReviewCount };
    "POST /api/v1/complaint-reviews/:id/confirm": { body: ConfirmReviewInput; response: { ok: true } };
  }
}
