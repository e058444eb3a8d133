/**
 * The contract's code lists and fixed values, without zod: the web UI imports its values from here, so screens
 * that validate nothing do not download zod. The contracts (api-contract.ts, channels-contract.ts) build their
 * schemas from these lists and re-export them for the server. Browser-safe.
 */

export const ROLES = ["admin", "cs", "lead", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const VOICE_STATUSES = ["received", "in_progress", "resolved", "closed", "voided"] as const;
export type VoiceStatus = (typeof VOICE_STATUSES)[number];

export const PRIORITIES = ["normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const VOICE_ACTIONS = [
  "assign",
  "start",
  "respond",
  "comment",
  "resolve",
  "approve",
  "close",
  "reopen",
  "void",
] as const;
export type VoiceActionName = (typeof VOICE_ACTIONS)[number];

export const TAXONOMY_KINDS = ["type", "category", "channel", "product_line"] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

/** relevance ranks search hits (the default when q is given) */
export const VOICE_SORTS = [
  "received_desc",
  "received_asc",
  "deadline_asc",
  "updated_desc",
  "relevance",
] as const;
export type VoiceSort = (typeof VOICE_SORTS)[number];

/** What the voice is about, in the member's words → the voice type it becomes (the public form). */
export const PUBLIC_TOPICS = [
  { value: "request", label: "ご意見・ご要望" },
  { value: "praise", label: "お礼" },
  { value: "complaint", label: "苦情・ご不満" },
  { value: "other", label: "その他" },
] as const;
export type PublicTopic = (typeof PUBLIC_TOPICS)[number]["value"];

export const PUBLIC_CONTENT_MAX = 4000;

/** The status a member sees: never staff notes, names or deadlines. */
export const PUBLIC_STATUS_LABELS = {
  received: "受付済",
  in_progress: "対応中",
  resolved: "対応済",
  closed: "完了",
} as const;
export type PublicStatus = keyof typeof PUBLIC_STATUS_LABELS;

export const API_SCOPES = ["voices:read", "voices:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
