/**
 * The shapes of the HTTP API that several areas share, for the server (validation, OpenAPI) and the web UI:
 * text input and ids, the one error shape, labels and departments, deadline rules, the voice record (as the
 * voices, text, import and analytics areas show it) and word statistics. What only one area uses lives in its
 * own contract, `src/features/<area>/contract.ts`, which builds on this file.
 * Field names are camelCase; timestamps are ISO 8601 strings in UTC; dates (deadlines) are YYYY-MM-DD in JST.
 *
 * Every response is a zod schema and every route declares it: the serializer sends exactly the fields a
 * schema names (others are dropped, a wrong type fails), the OpenAPI document shows them, and the TypeScript
 * types the services and the UI use are inferred from them, so the three cannot drift apart. The UI imports
 * only types from the contracts (`import type`), so zod's runtime stays out of its bundles.
 */
import { z } from "zod";
import { sanitizeText } from "./normalize.js";
import "./validation-messages.js";

// The code lists live in constants.ts (no zod, for the web UI); the server imports them from here too.
import { PRIORITIES, VOICE_ACTIONS, VOICE_STATUSES, type VoiceSort } from "./constants.js";

export {
  PRIORITIES,
  type Priority,
  ROLES,
  type Role,
  TAXONOMY_KINDS,
  type TaxonomyKind,
  VOICE_ACTIONS,
  VOICE_SORTS,
  VOICE_STATUSES,
  type VoiceActionName,
  type VoiceSort,
  type VoiceStatus,
} from "./constants.js";

/**
 * Every text field of a request: sanitizeText first (control characters removed, lone surrogates → U+FFFD),
 * then the field's own checks, so nothing PostgreSQL or the analyzer refuses gets past the boundary.
 * Passwords are the one exception: they are hashed, never stored or analysed, and must match as typed.
 */
export const inputText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).overwrite(sanitizeText);

/** The largest id a record can have: PostgreSQL's `integer` / `serial` (2³¹ − 1); SQLite ids stay below it too. */
export const MAX_ID = 2_147_483_647;
export const ID_RANGE = `1〜${MAX_ID}の整数で指定してください`;

/**
 * An id in a JSON body. Every id the API accepts is bounded here, so PostgreSQL never sees a number beyond its
 * integer (which it refuses with an error instead of finding nothing); out of range is a 400 naming the field.
 */
export const idInput = (message = `IDは${ID_RANGE}`, missing = message) =>
  z.number({ error: missing }).int(message).min(1, message).max(MAX_ID, message);

/** An id in a query string (text coerced to a number), bounded like idInput. */
export const queryIdInput = (message = `IDは${ID_RANGE}`) =>
  z.coerce.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);

/**
 * The `:id` of a path. An id beyond MAX_ID names nothing that can exist, so it answers 404 with `notFound` like
 * a missing record (error-handler.ts turns a too-big number in the path into 404); other bad ids are 400.
 */
export const pathIdParams = (what: string) =>
  z.object({
    id: z.coerce
      .number({ error: "ID は数値です" })
      // first and aborting, so 1e20 is "not found" rather than "not a safe integer"
      .max(MAX_ID, { error: `${what}が見つかりません`, abort: true })
      .int("ID は整数です")
      .positive("ID は1以上です"),
  });

// ---- Errors ----

export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "stale_version",
  "transition_refused",
  "throttled",
  "csrf",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One error shape for every failure: code is stable, message is Japanese, fields name the bad inputs. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .describe("エラー。code は固定の英字、message は日本語、fields は入力項目ごとの指摘です");
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The error answers every route declares next to its success answer (4xx: input, login, rights, not found…). */
export const errorResponses = { "4xx": apiErrorSchema } as const;

/** A 204 answer: no body. Typed "null" so the OpenAPI document shows no content for it. */
export const noContentSchema = z.null().meta({ type: "null", description: "本文なし" });

// ---- Labels and departments ----

export const labelSchema = z
  .object({ id: z.int(), code: z.string(), name: z.string(), active: z.boolean() })
  .describe("ラベル（種別・分類・受付チャネル・商品）。active: false は廃止");
export type Label = z.infer<typeof labelSchema>;
export const departmentSchema = z
  .object({
    id: z.int(),
    code: z.string(),
    name: z.string(),
    active: z.boolean(),
  })
  .describe("部署。active: false は廃止");
export type Department = z.infer<typeof departmentSchema>;
export const departmentListSchema = z.object({ items: z.array(departmentSchema) }).describe("部署の一覧");
export type DepartmentList = z.infer<typeof departmentListSchema>;

/** GET /api/v1/taxonomy: every label by kind (retired ones too, active: false) and the departments. */
export const taxonomySchema = z
  .object({
    type: z.array(labelSchema),
    category: z.array(labelSchema),
    channel: z.array(labelSchema),
    product_line: z.array(labelSchema),
    departments: z.array(departmentSchema),
  })
  .describe("種別・分類・受付チャネル・商品のラベルと部署（廃止したものを含む）");
export type Taxonomy = z.infer<typeof taxonomySchema>;

// ---- Deadlines ----

export const deadlineRuleSchema = z.object({
  acknowledgeDays: z.int().nullable().describe("初動（受付の連絡）までの営業日数。null は期限なし"),
  resolveDays: z.int().nullable().describe("対応完了までの営業日数。null は期限なし"),
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

// ---- The voice record ----

/** An optional text field of a request, trimmed and bounded. */
export const optionalText = (max: number) => inputText().trim().max(max).nullish();

export const customerInput = z.object({
  name: optionalText(100),
  kana: optionalText(100),
  memberNumber: optionalText(40),
  phone: optionalText(40),
  email: inputText()
    .trim()
    .email("メールアドレスの形式が正しくありません")
    .max(200)
    .nullish()
    .or(z.literal("")),
  prefecture: optionalText(10),
  address: optionalText(300),
  ageBand: optionalText(20),
  gender: optionalText(20),
  contactConsent: z.boolean().optional(),
});
export type CustomerInput = z.infer<typeof customerInput>;

/** GET /api/v1/voices query; every field optional; several values of one filter are comma-separated. */
export interface VoiceListQuery {
  from?: string;
  to?: string;
  type?: string;
  category?: string;
  channel?: string;
  status?: string;
  department?: string;
  assignee?: string; // user id or "me" or "none"
  overdue?: "true" | "false";
  q?: string;
  sort?: VoiceSort;
  page?: number;
  limit?: number;
}

export const customerSchema = z.object({
  name: z.string().nullable(),
  kana: z.string().nullable(),
  memberNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  prefecture: z.string().nullable(),
  address: z.string().nullable(),
  ageBand: z.string().nullable(),
  gender: z.string().nullable(),
  contactConsent: z.boolean(),
  /** true when the personal fields were masked for this viewer (e.g. 山＊, 090-****-5678) */
  masked: z
    .boolean()
    .describe("この利用者には個人情報をマスクして表示しているとき true（山＊、090-****-5678 など）"),
});
export type Customer = z.infer<typeof customerSchema>;

export const insurerReportSchema = z.object({
  insurer: z.string().nullable(),
  reportedAt: z.string().nullable().describe("保険会社へ報告した日時"),
  answer: z.string().nullable().describe("保険会社からの回答"),
  answeredAt: z.string().nullable().describe("保険会社から回答を受けた日時"),
  required: z.boolean().describe("設定により報告が必要な声か（報告するまで完了できません）"),
  dueDate: z.string().nullable().describe("報告期限（YYYY-MM-DD、営業日で数えます）"),
  overdue: z.boolean().describe("未報告のまま報告期限を過ぎている"),
});
export type InsurerReport = z.infer<typeof insurerReportSchema>;

export const labelRefSchema = z.object({ id: z.int(), code: z.string(), name: z.string() });
export type LabelRef = z.infer<typeof labelRefSchema>;
export const userRefSchema = z.object({ id: z.int(), name: z.string() });
export type UserRef = z.infer<typeof userRefSchema>;

export const voiceSummarySchema = z.object({
  id: z.int(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  channel: labelRefSchema,
  type: labelRefSchema,
  category: labelRefSchema.nullable(),
  productLine: labelRefSchema.nullable(),
  department: labelRefSchema,
  status: z.enum(VOICE_STATUSES),
  priority: z.enum(PRIORITIES),
  assignee: userRefSchema.nullable(),
  acknowledgeBy: z.string().nullable().describe("初動期限（YYYY-MM-DD、日本時間）"),
  resolveBy: z.string().nullable().describe("完了期限（YYYY-MM-DD、日本時間）"),
  /** computed: past a deadline and not yet done */
  overdue: z.boolean().describe("期限を過ぎて未対応"),
  /** first ~120 characters of the content */
  excerpt: z.string().describe("内容の先頭約120文字"),
  /** with a search (q): HTML of the text around the hits, escaped, hits in <mark>…</mark> */
  snippet: z
    .string()
    .optional()
    .describe("キーワード検索（q）のとき: ヒット箇所の前後（HTML エスケープ済み、ヒットは <mark>）"),
  version: z.int(),
});
export type VoiceSummary = z.infer<typeof voiceSummarySchema>;

export const timelineEventSchema = z.object({
  id: z.int(),
  kind: z.string(),
  at: z.string(),
  actor: userRefSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** A voice merged into this one (as a duplicate), with its own timeline. */
export const mergedVoiceSchema = z.object({
  id: z.int(),
  receiptNumber: z.string(),
  timeline: z.array(timelineEventSchema),
});
export type MergedVoice = z.infer<typeof mergedVoiceSchema>;

/** The voice waits in 確認待ち: cs or an admin should confirm its type (issue 16 §3). */
export const voiceReviewSchema = z
  .object({
    /** flag: its text fired 「苦情の可能性」; low_margin: the two likeliest types were close */
    reason: z.enum(["flag", "low_margin"]),
    suggestedType: z.object({ code: z.string(), name: z.string() }).describe("koe が提案した種別"),
    since: z.string().describe("確認待ちに入った日時"),
  })
  .describe("確認待ち（種別の確認を待っている声）");
export type VoiceReview = z.infer<typeof voiceReviewSchema>;

export const voiceDetailSchema = voiceSummarySchema
  .extend({
    content: z.string(),
    remedySought: z.string().nullable(),
    customer: customerSchema.nullable(),
    insurerReport: insurerReportSchema,
    createdBy: userRefSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedBy: userRefSchema.nullable(),
    voidReason: z.string().nullable(),
    timeline: z.array(timelineEventSchema),
    /** the actions this user may take now, in display order */
    allowedActions: z.array(z.enum(VOICE_ACTIONS)).describe("この利用者がいま行える操作（表示順）"),
    /** waiting in 確認待ち (null when not): anyone who may see the voice may see that it waits */
    review: voiceReviewSchema.nullable(),
    /** voices merged into this one as duplicates, each with its own timeline */
    mergedVoices: z
      .array(mergedVoiceSchema)
      .optional()
      .describe("重複としてこの声に統合された声（それぞれの対応履歴つき）"),
  })
  .describe("声の詳細と対応履歴。お客さま情報は役割によりマスクされます");
export type VoiceDetail = z.infer<typeof voiceDetailSchema>;

// ---- Word statistics ----

export const wordStatSchema = z.object({
  word: z.string(),
  count: z.int(),
  previousCount: z.int(),
  change: z.int(),
  changeRate: z.number().nullable(),
});
export type WordStat = z.infer<typeof wordStatSchema>;
