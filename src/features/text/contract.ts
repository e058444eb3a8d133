/**
 * Request and response shapes of text intelligence: classification, similar voices, merging duplicates, frequent
 * words and the classifier model. Browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import type { VoiceDetail } from "../../shared/api-contract.js";
import {
  ID_RANGE,
  idInput,
  inputText,
  voiceSummarySchema,
  wordStatSchema,
} from "../../shared/api-contract.js";

export const classifyInput = z.object({
  text: inputText({ error: "本文を入力してください" }).max(20000),
});
export type ClassifyInput = z.input<typeof classifyInput>;

export const classifiedLabelSchema = z.object({ code: z.string(), name: z.string(), confidence: z.number() });
export type ClassifiedLabel = z.infer<typeof classifiedLabelSchema>;

const MODEL_SOURCES = ["builtin", "trained"] as const;

/** POST /api/v1/classify */
export const classifyResponseSchema = z
  .object({
    type: classifiedLabelSchema,
    category: classifiedLabelSchema.nullable(),
    alternatives: z.object({
      type: z.array(classifiedLabelSchema),
      category: z.array(classifiedLabelSchema),
    }),
    model: z.object({ source: z.enum(MODEL_SOURCES), version: z.int() }),
    /** the 「苦情の可能性」 safety net: the model's P(complaint) and whether it reached the organisation's threshold */
    complaintFlag: z.object({ pComplaint: z.number(), threshold: z.number(), flagged: z.boolean() }),
  })
  .describe("提案する種別・分類と候補、使ったモデル、苦情の可能性");
export type ClassifyResponse = z.infer<typeof classifyResponseSchema>;

export const similarInput = z.object({
  text: inputText({ error: "本文を入力してください" }).max(20000),
  excludeId: idInput().nullish(),
  /** when the new voice was received (near-duplicates are within 7 days); defaults to now */
  receivedAt: inputText().nullish(),
});
export type SimilarInput = z.input<typeof similarInput>;

/** A voice like the given text: the list's fields that tell it apart, and how alike it is. */
export const similarVoiceSchema = voiceSummarySchema
  .pick({ id: true, receiptNumber: true, receivedAt: true, channel: true, type: true, status: true })
  .extend({
    excerpt: z.string(),
    /** 0..1 (cosine of character bigrams) */
    score: z.number().describe("0〜1（文字バイグラムのコサイン類似度）"),
    /** the same voice entered twice (within 7 days, near-identical text) */
    nearDuplicate: z.boolean().describe("同じ声の二重登録らしい（7日以内・ほぼ同じ本文）"),
  });
export type SimilarVoice = z.infer<typeof similarVoiceSchema>;
export const similarResponseSchema = z
  .object({ items: z.array(similarVoiceSchema) })
  .describe("似ている声（似ている順）");
export type SimilarResponse = z.infer<typeof similarResponseSchema>;

export const mergeInput = z.object({
  intoId: idInput(`統合先の声のIDは${ID_RANGE}`, "統合先の声を指定してください"),
});
export type MergeInput = z.input<typeof mergeInput>;

export const wordsQuery = z.object({
  from: z.string().optional().describe("受付日の開始（省略時は今年度の初め）"),
  to: z.string().optional().describe("受付日の終了（省略時は今日）"),
  type: z.string().optional(),
  category: z.string().optional(),
  department: z.string().optional(),
  channel: z.string().optional(),
  limit: z.coerce.number({ error: "limit は数値です" }).int().min(1).max(100).optional(),
});
/** The query as the UI sends it (the server coerces limit from text). */
export type WordsQuery = Omit<z.infer<typeof wordsQuery>, "limit"> & { limit?: number };

const periodSchema = z.object({ from: z.string(), to: z.string() });

/** GET /api/v1/analysis/words */
export const wordsAnalysisSchema = z
  .object({
    words: z.array(wordStatSchema),
    network: z.object({
      nodes: z.array(z.object({ id: z.string(), count: z.int() })),
      links: z.array(
        z.object({ source: z.string(), target: z.string(), jaccard: z.number(), count: z.int() }),
      ),
    }),
    period: periodSchema,
    previousPeriod: periodSchema,
    /** voices in the period, and of them not yet analysed (the background job is catching up) */
    n: z.int().describe("期間内の声の件数"),
    pending: z.int().describe("そのうちまだ解析されていない件数（バックグラウンドで処理中）"),
  })
  .describe("よく出る言葉（前年同期との比較）と共起ネットワーク");
export type WordsAnalysis = z.infer<typeof wordsAnalysisSchema>;

export const modelStatusSchema = z
  .object({
    model: z.object({
      source: z.enum(MODEL_SOURCES),
      version: z.int(),
      trainedAt: z.string().nullable(),
      examples: z.int().nullable(),
    }),
    /** the latest retraining job (the one in the database, as GET /api/v1/model/retrain shows it; interrupted = failed) */
    job: z.object({
      state: z.enum(["idle", "running", "succeeded", "failed"]),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      examples: z.int().nullable(),
      error: z.string().nullable(),
    }),
  })
  .describe("分類モデルと学習ジョブの状態");
export type ModelStatus = z.infer<typeof modelStatusSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
/** One synonym group as stored: the words, each matching the others in search. */
export const synonymGroupSchema = z.object({ id: z.int(), words: z.array(z.string()) });

/** GET and PUT /api/v1/search/synonyms: the groups, and how far the background word index has come. */
export const synonymsResponseSchema = z
  .object({
    groups: z.array(synonymGroupSchema),
    wordIndex: z
      .object({ pending: z.int(), total: z.int() })
      .describe("単語の索引がまだない声の数（バックグラウンドで作成中）と声の総数"),
  })
  .describe("検索の同義語と単語の索引の進み具合");
export type SynonymsResponse = z.infer<typeof synonymsResponseSchema>;

/** PUT /api/v1/search/synonyms: every group at once (replaces the list); each group's words are checked by the use case. */
export const synonymsInput = z.object({
  groups: z
    .array(
      z.array(inputText({ error: "語を入力してください" }).max(30, { error: "語は30文字以内です" }), {
        error: "同義語のグループは語の配列です",
      }),
      { error: "groups は同義語のグループの配列です" },
    )
    .max(200, { error: "同義語のグループは200件までです" }),
});
export type SynonymsInput = z.input<typeof synonymsInput>;

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/classify": { body: ClassifyInput; response: ClassifyResponse };
    "GET /api/v1/model": { response: ModelStatus };
    "POST /api/v1/voices/similar": { body: SimilarInput; response: SimilarResponse };
    "GET /api/v1/voices/:id/similar": { response: SimilarResponse };
    "POST /api/v1/voices/:id/merge": { body: MergeInput; response: VoiceDetail };
    "GET /api/v1/analysis/words": { query: WordsQuery; response: WordsAnalysis };
    "GET /api/v1/search/synonyms": { response: SynonymsResponse };
    "PUT /api/v1/search/synonyms": { body: SynonymsInput; response: SynonymsResponse };
  }
}
