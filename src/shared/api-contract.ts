/**
 * The HTTP API's request and response shapes, shared by the server (validation, OpenAPI) and the web UI.
 * Field names are camelCase; timestamps are ISO 8601 strings in UTC; dates (deadlines) are YYYY-MM-DD in JST.
 *
 * Every response is a zod schema here and every route declares it: the serializer sends exactly the fields a
 * schema names (others are dropped, a wrong type fails), the OpenAPI document shows them, and the TypeScript
 * types the services and the UI use are inferred from them, so the three cannot drift apart. The UI imports
 * only types from this file (`import type`), so zod's runtime stays out of its bundles.
 */
import { z } from "zod";
import { sanitizeText } from "./normalize.js";
import "./validation-messages.js";

// The code lists live in constants.ts (no zod, for the web UI); the server imports them from here too.
import { PRIORITIES, ROLES, VOICE_ACTIONS, VOICE_STATUSES, type VoiceSort } from "./constants.js";

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
const ID_RANGE = `1〜${MAX_ID}の整数で指定してください`;

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

// ---- Session ----

export const loginInput = z.object({
  email: inputText({ error: "メールアドレスを入力してください" })
    .min(1, "メールアドレスを入力してください")
    .max(200, "メールアドレスは200文字以内で入力してください"),
  password: z
    .string({ error: "パスワードを入力してください" })
    .min(1, "パスワードを入力してください")
    .max(200),
});
export type LoginInput = z.input<typeof loginInput>;

export const sessionUserSchema = z.object({
  id: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  departmentId: z.int().nullable(),
  departmentName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** POST /api/v1/session: the user and the CSRF token to send as X-CSRF-Token on every write. */
export const sessionResponseSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string() })
  .describe("ログインしたユーザーと、書き込みの X-CSRF-Token に付ける CSRF トークン");
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** GET /api/v1/session: as at login; called with an API token there is no CSRF token (null). */
export const currentSessionSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string().nullable() })
  .describe("現在のユーザーと CSRF トークン（API トークンで呼んだときは null）");
export type CurrentSession = z.infer<typeof currentSessionSchema>;

// ---- Labels and departments ----

export const labelCreateInput = z.object({ code: inputText().trim(), name: inputText().trim() });
export type LabelCreateInput = z.input<typeof labelCreateInput>;
export const labelUpdateInput = z.object({
  name: inputText().trim().optional(),
  active: z.boolean().optional(),
});
export type LabelUpdateInput = z.input<typeof labelUpdateInput>;

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

// ---- Users ----

export const createUserInput = z.object({
  email: inputText(),
  name: inputText(),
  role: z.enum(ROLES, { error: `役割は ${ROLES.join(", ")} のいずれかです` }),
  departmentId: idInput(`部署のIDは1〜${MAX_ID}の整数で指定してください`).nullable().optional(),
  password: z.string(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.object({
  name: inputText().optional(),
  role: z.enum(ROLES).optional(),
  departmentId: idInput(`部署のIDは1〜${MAX_ID}の整数で指定してください`).nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** A staff account as administrators see it (GET /api/v1/users). */
export const adminUserSchema = z
  .object({
    id: z.int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    departmentId: z.int().nullable(),
    active: z.boolean(),
  })
  .describe("ユーザー（管理者向け）");
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserListSchema = z
  .object({ items: z.array(adminUserSchema) })
  .describe("ユーザーの一覧（管理者向け）");
export type AdminUserList = z.infer<typeof adminUserListSchema>;

/** An active user in the assignee pickers, visible to every signed-in user. */
export const userOptionSchema = z.object({
  id: z.int(),
  name: z.string(),
  role: z.enum(ROLES),
  departmentId: z.int().nullable(),
});
export type UserOption = z.infer<typeof userOptionSchema>;
export const userOptionListSchema = z
  .object({ items: z.array(userOptionSchema) })
  .describe("担当者の選択肢（有効なユーザー）");
export type UserOptionList = z.infer<typeof userOptionListSchema>;

// ---- Settings ----

const deadlineRuleInput = z.object({
  acknowledgeDays: z.number().int().min(0).max(60).nullable(),
  resolveDays: z.number().int().min(0).max(60).nullable(),
});

export const settingsInput = z.object({
  fiscalYearStartMonth: z
    .number()
    .int()
    .min(1, "1〜12で指定してください")
    .max(12, "1〜12で指定してください")
    .optional(),
  deadlineRules: z.record(inputText(), deadlineRuleInput).optional(),
  userDictionary: z
    .array(inputText().max(60))
    .optional()
    .describe("形態素解析で1語として扱う保険・共済の用語（既定の辞書に追加）"),
});
export type SettingsInput = z.input<typeof settingsInput>;

export const deadlineRuleSchema = z.object({
  acknowledgeDays: z.int().nullable().describe("初動（受付の連絡）までの営業日数。null は期限なし"),
  resolveDays: z.int().nullable().describe("対応完了までの営業日数。null は期限なし"),
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const settingsSchema = z
  .object({
    fiscalYearStartMonth: z.int(),
    /** by voice type code */
    deadlineRules: z.record(z.string(), deadlineRuleSchema),
    /** words added to the built-in user dictionary */
    userDictionary: z.array(z.string()),
  })
  .describe("組織の設定: 年度の開始月、種別ごとの期限日数、ユーザー辞書");
export type Settings = z.infer<typeof settingsSchema>;

// ---- Audit log ----

export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  voiceId: queryIdInput(`声のIDは1〜${MAX_ID}の整数で指定してください`).optional(),
});
/** The query as the UI sends it (the server coerces the text of a query string to numbers). */
export type AuditQuery = { page?: number; limit?: number; voiceId?: number };

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  action: z.string(),
  user: z.object({ id: z.int(), name: z.string() }).nullable(),
  voiceId: z.int().nullable(),
  receiptNumber: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z
  .object({ total: z.int(), items: z.array(auditEntrySchema) })
  .describe("監査ログの1ページ（新しい順）と全件数");
export type AuditPage = z.infer<typeof auditPageSchema>;

// ---- Voices ----

const optionalText = (max: number) => inputText().trim().max(max).nullish();

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

/**
 * Labels are given by code (e.g. "complaint"), name or id. The schema checks only types; which fields are
 * required is checked by the service so that every missing or unknown field is reported in one answer.
 */
export const labelInput = z.union([inputText().trim().max(60), idInput()], {
  error: "コード・名称・ID のいずれかで指定してください",
});

export const createVoiceInput = z.object({
  receivedAt: inputText({ error: "受付日時は文字列で指定してください" }).max(60).nullish(),
  channel: labelInput.nullish(),
  type: labelInput.nullish(),
  category: labelInput.nullish(),
  productLine: labelInput.nullish(),
  department: labelInput.nullish(),
  content: inputText({ error: "内容は文字列で指定してください" }).nullish(),
  remedySought: optionalText(2000),
  priority: z.enum(PRIORITIES).optional(),
  assigneeId: idInput(`担当者のIDは${ID_RANGE}`).nullish(),
  customer: customerInput.nullish(),
  insurerReport: z
    .object({ insurer: optionalText(100), reportedAt: inputText().nullish(), answer: optionalText(4000) })
    .nullish(),
  /** the automatic classification shown while the text was typed; recorded in the timeline as "classified" */
  classification: z
    .object({
      suggestedType: inputText().max(60),
      suggestedCategory: inputText().max(60).nullish(),
      typeConfidence: z.number().min(0).max(1),
      categoryConfidence: z.number().min(0).max(1).nullish(),
    })
    .nullish(),
});
export type CreateVoiceInput = z.infer<typeof createVoiceInput>;

export const updateVoiceInput = createVoiceInput.partial().extend({
  version: z
    .number({ error: "version は数値で指定してください" })
    .int("version は整数で指定してください")
    .min(1, "version は1以上です")
    .max(MAX_ID, "version が正しくありません。最新の内容を読み込み直してください"),
  /** why a complaint is changed to another type: required then, and recorded in the timeline */
  typeChangeReason: inputText({ error: "種別変更の理由は文字列で指定してください" })
    .trim()
    .max(2000, "種別変更の理由は2,000文字以内で入力してください")
    .nullish(),
});
export type UpdateVoiceInput = z.infer<typeof updateVoiceInput>;

export const voiceActionInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), assigneeId: idInput(`担当者のIDは${ID_RANGE}`).nullable() }),
  z.object({ action: z.literal("start") }),
  z.object({
    action: z.literal("respond"),
    respondedAt: inputText().optional(),
    method: inputText().trim().min(1).max(40),
    content: inputText().trim().min(1).max(4000),
  }),
  z.object({ action: z.literal("comment"), body: inputText().trim().min(1).max(4000) }),
  z.object({ action: z.literal("resolve"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("approve"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("close"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("reopen"), reason: inputText().trim().min(1).max(4000) }),
  z.object({ action: z.literal("void"), reason: inputText().trim().min(1).max(4000) }),
]);
export type VoiceActionInput = z.infer<typeof voiceActionInput>;

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
    /** voices merged into this one as duplicates, each with its own timeline */
    mergedVoices: z
      .array(mergedVoiceSchema)
      .optional()
      .describe("重複としてこの声に統合された声（それぞれの対応履歴つき）"),
  })
  .describe("声の詳細と対応履歴。お客さま情報は役割によりマスクされます");
export type VoiceDetail = z.infer<typeof voiceDetailSchema>;

export const voiceListSchema = z
  .object({
    items: z.array(voiceSummarySchema),
    total: z.int(),
    /** a keyword search with more than 2,000 hits (SEARCH_CAP): total is a lower bound (「2,000件以上」), newest first */
    totalCapped: z
      .boolean()
      .optional()
      .describe("キーワード検索のヒットが2,000件を超えたとき true（total は下限、新しい順）"),
    page: z.int(),
    limit: z.int(),
  })
  .describe("声の一覧の1ページと全件数");
export type VoiceList = z.infer<typeof voiceListSchema>;

// ---- Text intelligence: classification, similar voices, merge, frequent words, the classifier model ----

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
  })
  .describe("提案する種別・分類と候補、使ったモデル");
export type ClassifyResponse = z.infer<typeof classifyResponseSchema>;

export const similarInput = z.object({
  text: inputText({ error: "本文を入力してください" }).max(20000),
  excludeId: idInput().nullish(),
  /** when the new voice was received (near-duplicates are within 7 days); defaults to now */
  receivedAt: inputText().nullish(),
});
export type SimilarInput = z.input<typeof similarInput>;

export const similarVoiceSchema = z.object({
  id: z.int(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  channel: labelRefSchema,
  type: labelRefSchema,
  status: z.enum(VOICE_STATUSES),
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

export const wordStatSchema = z.object({
  word: z.string(),
  count: z.int(),
  previousCount: z.int(),
  change: z.int(),
  changeRate: z.number().nullable(),
});
export type WordStat = z.infer<typeof wordStatSchema>;

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
