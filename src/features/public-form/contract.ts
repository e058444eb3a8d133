/**
 * Request and response shapes of the members' public voice form and its status page. Shared by the server
 * (validation, OpenAPI) and the web UI; browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import { inputText } from "../../shared/api-contract.js";
import { PUBLIC_STATUS_LABELS, type PublicStatus } from "../../shared/constants.js";

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

export const publicVoiceReceiptSchema = z
  .object({
    receiptNumber: z.string(),
    /** shown once; only its hash is stored */
    checkCode: z.string().describe("確認コード（この応答でだけ表示されます）"),
    receivedAt: z.string(),
    /** true when the receipt was also mailed to the given address (only when KOE_SMTP_URL is configured) */
    emailed: z.boolean().describe("受付内容をメールでも送ったとき true（KOE_SMTP_URL 設定時のみ）"),
  })
  .meta({
    description: "受け付けた声の受付番号と確認コード",
    example: {
      receiptNumber: "2026-000123",
      checkCode: "K7QF-3MZP",
      receivedAt: "2026-11-23T01:30:00.000Z",
      emailed: false,
    },
  });
export type PublicVoiceReceipt = z.infer<typeof publicVoiceReceiptSchema>;

export const publicStatusParams = z.object({
  receiptNumber: inputText().max(40).meta({ example: "2026-000123" }),
});
export const publicStatusQuery = z.object({
  code: inputText({ error: "確認コードを入力してください" }).max(40).meta({ example: "K7QF-3MZP" }),
});
export type PublicStatusQuery = z.input<typeof publicStatusQuery>;

const PUBLIC_STATUSES = Object.keys(PUBLIC_STATUS_LABELS) as [PublicStatus, ...PublicStatus[]];

export const publicVoiceStatusSchema = z
  .object({
    receiptNumber: z.string(),
    /** YYYY-MM-DD (JST) */
    receivedOn: z.string().describe("受付日（YYYY-MM-DD、日本時間）"),
    status: z.enum(PUBLIC_STATUSES),
    statusLabel: z.string(),
  })
  .meta({
    description: "投稿した声の状況（お客さまに見せる範囲だけ）",
    example: {
      receiptNumber: "2026-000123",
      receivedOn: "2026-11-23",
      status: "in_progress",
      statusLabel: "対応中",
    },
  });
export type PublicVoiceStatus = z.infer<typeof publicVoiceStatusSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/public/voices": { body: PublicVoiceInput; response: PublicVoiceReceipt };
    "GET /api/v1/public/voices/:receiptNumber": { query: PublicStatusQuery; response: PublicVoiceStatus };
  }
}
