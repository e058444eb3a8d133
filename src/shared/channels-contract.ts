/**
 * Request and response shapes of the channels: the members' public voice form, file import, and API tokens.
 * Shared by the server (validation, OpenAPI) and the web UI; browser-safe. As in api-contract.ts, every response
 * is a schema the route declares and the types are inferred from it; the UI imports only the types.
 */
import { z } from "zod";
import { inputText } from "./api-contract.js";
import { API_SCOPES, PUBLIC_STATUS_LABELS, type PublicStatus } from "./constants.js";

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

export const importQuery = z.object({
  dryRun: z.enum(["true", "false"], { error: "dryRun は true か false です" }).optional(),
  /** the mapping file's JSON (columns, values, defaultDepartment), as `koe import voices --mapping` reads it */
  mapping: z
    .string()
    .max(100_000, "対応表は100,000文字以内で指定してください")
    .optional()
    .describe('列と値の対応表（JSON）: {"columns": {...}, "values": {"受付チャネル": {"窓口": "counter"}}}'),
  /** the department of rows without one: its name or code */
  defaultDepartment: inputText()
    .max(100, "既定の部署は100文字以内で指定してください")
    .optional()
    .describe("部署の列がない（空の）行の部署（名称かコード）"),
});
export type ImportQuery = z.input<typeof importQuery>;

export const importProblemRowSchema = z.object({
  row: z.int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  /** for an unknown label: the closest label's name */
  suggestion: z.string().optional(),
});
export type ImportProblemRow = z.infer<typeof importProblemRowSchema>;

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    /** data rows in the file */
    total: z.int().describe("ファイルのデータ行数"),
    /** rows written (0 on a dry run, and 0 when any row has a problem: all or nothing) */
    imported: z.int().describe("書き込んだ行数（dryRun と、問題が1件でもあるときは0）"),
    /** rows that would be written (dry run) or were written */
    importable: z.int().describe("書き込める（書き込んだ）行数"),
    /** rows whose 外部ID was imported before */
    skipped: z.int().describe("取り込み済みの外部IDで飛ばした行数"),
    problems: z.array(importProblemRowSchema),
    /** headers of the file that are not imported */
    ignoredColumns: z.array(z.string()).describe("取り込まない見出し"),
    encoding: z.string().optional(),
  })
  .meta({
    description: "取り込み（または dryRun の確認）の結果と、行・列ごとの問題",
    example: {
      dryRun: true,
      total: 3,
      imported: 0,
      importable: 0,
      skipped: 0,
      problems: [
        {
          row: 3,
          column: "受付日時",
          value: "令和7年2月30日",
          reason: "「令和7年2月30日」は存在しない日付です",
        },
      ],
      ignoredColumns: ["受付番号"],
      encoding: "shift_jis",
    },
  });
export type ImportResult = z.infer<typeof importResultSchema>;

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

export const apiTokenInfoSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    /** the first characters of the token, to recognize it */
    prefix: z.string().describe("トークンの先頭（見分けるため）"),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.string(),
    createdBy: z.object({ id: z.int(), name: z.string() }).nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .describe("API トークン（本体は含みません）");
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;
export const apiTokenListSchema = z
  .object({ items: z.array(apiTokenInfoSchema) })
  .describe("API トークンの一覧（新しい順）");
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

export const createdApiTokenSchema = apiTokenInfoSchema
  .extend({
    /** the secret, shown this once; only its hash is stored */
    token: z.string().describe("トークン本体（この応答でだけ表示されます）"),
  })
  .meta({
    description: "作成した API トークン（token はこの応答でだけ表示されます）",
    example: {
      id: 1,
      name: "基幹システム連携",
      prefix: "koe_Ab3dE9",
      scopes: ["voices:write"],
      createdAt: "2026-11-23T01:30:00.000Z",
      createdBy: { id: 1, name: "管理者" },
      lastUsedAt: null,
      revokedAt: null,
      token: "koe_Ab3dE9...（43文字）",
    },
  });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
