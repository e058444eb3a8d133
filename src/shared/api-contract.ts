/**
 * The HTTP API's request and response shapes, shared by the server (validation, OpenAPI) and the web UI.
 * Field names are camelCase; timestamps are ISO 8601 strings in UTC; dates (deadlines) are YYYY-MM-DD in JST.
 */
import { z } from "zod";
import { sanitizeText } from "./normalize.js";
import "./validation-messages.js";

// The code lists live in constants.ts (no zod, for the web UI); the server imports them from here too.
import {
  PRIORITIES,
  type Priority,
  type Role,
  type VoiceActionName,
  type VoiceSort,
  type VoiceStatus,
} from "./constants.js";

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

/** One error shape for every failure: code is stable, message is Japanese, fields name the bad inputs. */
export interface ApiError {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "stale_version"
  | "transition_refused"
  | "throttled"
  | "csrf"
  | "internal";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
}
export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface Label {
  id: number;
  code: string;
  name: string;
  active: boolean;
}
export interface Department {
  id: number;
  code: string;
  name: string;
  active: boolean;
}
export interface Taxonomy {
  type: Label[];
  category: Label[];
  channel: Label[];
  product_line: Label[];
  departments: Department[];
}

export interface Customer {
  name: string | null;
  kana: string | null;
  memberNumber: string | null;
  phone: string | null;
  email: string | null;
  prefecture: string | null;
  address: string | null;
  ageBand: string | null;
  gender: string | null;
  contactConsent: boolean;
  /** true when the personal fields were masked for this viewer (e.g. 山＊, 090-****-5678) */
  masked: boolean;
}

export interface InsurerReport {
  insurer: string | null;
  reportedAt: string | null;
  answer: string | null;
}

export interface LabelRef {
  id: number;
  code: string;
  name: string;
}
export interface UserRef {
  id: number;
  name: string;
}

export interface VoiceSummary {
  id: number;
  receiptNumber: string;
  receivedAt: string;
  channel: LabelRef;
  type: LabelRef;
  category: LabelRef | null;
  productLine: LabelRef | null;
  department: LabelRef;
  status: VoiceStatus;
  priority: Priority;
  assignee: UserRef | null;
  acknowledgeBy: string | null;
  resolveBy: string | null;
  /** computed: past a deadline and not yet done */
  overdue: boolean;
  /** first ~120 characters of the content */
  excerpt: string;
  /** with a search (q): HTML of the text around the hits, escaped, hits in <mark>…</mark> */
  snippet?: string;
  version: number;
}

export interface TimelineEvent {
  id: number;
  kind: string;
  at: string;
  actor: UserRef | null;
  data: Record<string, unknown>;
}

export interface VoiceDetail extends VoiceSummary {
  content: string;
  remedySought: string | null;
  customer: Customer | null;
  insurerReport: InsurerReport;
  createdBy: UserRef | null;
  createdAt: string;
  updatedAt: string;
  resolvedBy: UserRef | null;
  voidReason: string | null;
  timeline: TimelineEvent[];
  /** the actions this user may take now, in display order */
  allowedActions: VoiceActionName[];
  /** voices merged into this one as duplicates, each with its own timeline */
  mergedVoices?: MergedVoice[];
}

export interface VoiceList {
  items: VoiceSummary[];
  total: number;
  /** a keyword search with more than 2,000 hits (SEARCH_CAP): total is a lower bound (「2,000件以上」), newest first */
  totalCapped?: boolean;
  page: number;
  limit: number;
}

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

// ---- Text intelligence: classification, similar voices, merge, frequent words, the classifier model ----

export const classifyInput = z.object({
  text: inputText({ error: "本文を入力してください" }).max(20000),
});
export interface ClassifiedLabel {
  code: string;
  name: string;
  confidence: number;
}
/** POST /api/v1/classify */
export interface ClassifyResponse {
  type: ClassifiedLabel;
  category: ClassifiedLabel | null;
  alternatives: { type: ClassifiedLabel[]; category: ClassifiedLabel[] };
  model: { source: "builtin" | "trained"; version: number };
}

export const similarInput = z.object({
  text: inputText({ error: "本文を入力してください" }).max(20000),
  excludeId: idInput().nullish(),
  /** when the new voice was received (near-duplicates are within 7 days); defaults to now */
  receivedAt: inputText().nullish(),
});
export interface SimilarVoice {
  id: number;
  receiptNumber: string;
  receivedAt: string;
  channel: LabelRef;
  type: LabelRef;
  status: VoiceStatus;
  excerpt: string;
  /** 0..1 (cosine of character bigrams) */
  score: number;
  /** the same voice entered twice (within 7 days, near-identical text) */
  nearDuplicate: boolean;
}
export interface SimilarResponse {
  items: SimilarVoice[];
}

export const mergeInput = z.object({
  intoId: idInput(`統合先の声のIDは${ID_RANGE}`, "統合先の声を指定してください"),
});

/** A voice merged into this one (as a duplicate), with its own timeline. */
export interface MergedVoice {
  id: number;
  receiptNumber: string;
  timeline: TimelineEvent[];
}

export interface WordStat {
  word: string;
  count: number;
  previousCount: number;
  change: number;
  changeRate: number | null;
}
/** GET /api/v1/analysis/words */
export interface WordsAnalysis {
  words: WordStat[];
  network: {
    nodes: { id: string; count: number }[];
    links: { source: string; target: string; jaccard: number; count: number }[];
  };
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** voices in the period, and of them not yet analysed (the background job is catching up) */
  n: number;
  pending: number;
}

export interface ModelStatus {
  model: {
    source: "builtin" | "trained";
    version: number;
    trainedAt: string | null;
    examples: number | null;
  };
  job: {
    state: "idle" | "running" | "succeeded" | "failed";
    startedAt: string | null;
    finishedAt: string | null;
    examples: number | null;
    error: string | null;
  };
}
