/**
 * Request and response shapes of the channels: the members' public voice form, file import, and API tokens.
 * Shared by the server (validation, OpenAPI) and the web UI; browser-safe.
 */
import { z } from "zod";
import { inputText } from "./api-contract.js";
import { API_SCOPES, type ApiScope, type PublicStatus } from "./constants.js";

// The code lists live in constants.ts (no zod, for the web UI); the server imports them from here too.
export {
  API_SCOPES,
  type ApiScope,
  PUBLIC_CONTENT_MAX,
  PUBLIC_STATUS_LABELS,
  PUBLIC_TOPICS,
  type PublicStatus,
  type PublicTopic,
} from "./constants.js";

// The route schema is deliberately loose (types and hard upper bounds only): the service checks the rules and
// answers every problem with a Japanese message per field.
export const publicVoiceInput = z.object({
  topic: inputText().max(40).nullish().meta({ example: "request" }),
  content: inputText().max(20_000).meta({ example: "窓口の方がとても丁寧に説明してくださいました。" }),
  name: inputText().max(200).nullish().meta({ example: "山田 花子" }),
  email: inputText().max(300).nullish().meta({ example: "hanako@example.jp" }),
  phone: inputText().max(100).nullish().meta({ example: "090-1234-5678" }),
  /** may we contact the member about this voice */
  contactConsent: z.boolean().optional(),
  /** agreement to the purpose-of-use notice (個人情報の利用目的); required when any personal data is given */
  privacyConsent: z.boolean().optional(),
  /** honeypot: hidden from people, filled in by bots; must stay empty */
  website: inputText().max(2000).optional(),
});
export type PublicVoiceInput = z.infer<typeof publicVoiceInput>;

export interface PublicVoiceReceipt {
  receiptNumber: string;
  /** shown once; only its hash is stored */
  checkCode: string;
  receivedAt: string;
  /** true when the receipt was also mailed to the given address (only when KOE_SMTP_URL is configured) */
  emailed: boolean;
}

export interface PublicVoiceStatus {
  receiptNumber: string;
  /** YYYY-MM-DD (JST) */
  receivedOn: string;
  status: PublicStatus;
  statusLabel: string;
}

export interface ImportProblemRow {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  dryRun: boolean;
  /** data rows in the file */
  total: number;
  /** rows written (0 on a dry run, and 0 when any row has a problem: all or nothing) */
  imported: number;
  /** rows that would be written (dry run) or were written */
  importable: number;
  /** rows whose 外部ID was imported before */
  skipped: number;
  problems: ImportProblemRow[];
  /** headers of the file that are not imported */
  ignoredColumns: string[];
  encoding?: string;
}

export const createApiTokenInput = z.object({
  name: inputText({ error: "名前を入力してください" })
    .trim()
    .min(1, "名前を入力してください")
    .max(100, "名前は100文字以内で入力してください")
    .meta({ example: "基幹システム連携" }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "権限は voices:read か voices:write です" }))
    .min(1, "権限を1つ以上選んでください")
    .meta({ example: ["voices:write"] }),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export interface ApiTokenInfo {
  id: number;
  name: string;
  /** the first characters of the token, to recognize it */
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  createdBy: { id: number; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiTokenInfo {
  /** the secret, shown this once; only its hash is stored */
  token: string;
}
