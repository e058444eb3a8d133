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

/** The 47 prefectures in the order of their JIS codes (北海道 01 … 沖縄県 47), the order Japanese tables list them. */
export const PREFECTURES = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
] as const;
