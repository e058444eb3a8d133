/**
 * Request and response shapes of users and settings: signing in (the session), staff accounts, the labels and
 * departments administrators edit, the organisation's settings and the audit log. Shared by the server
 * (validation, OpenAPI) and the web UI; browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import type { Department, DepartmentList, Label, Taxonomy } from "../../shared/api-contract.js";
import { deadlineRuleSchema, idInput, inputText, MAX_ID, queryIdInput } from "../../shared/api-contract.js";
import type { TaxonomyKind } from "../../shared/constants.js";
import { ROLES } from "../../shared/constants.js";

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

/** POST /api/v1/session for an account with two-factor login: the password was right, the code comes next. */
export const twoFactorChallengeSchema = z
  .object({
    twoFactorRequired: z.literal(true),
    challenge: z.string().describe("POST /api/v1/session/two-factor に確認コードと一緒に送る値（5分間有効）"),
  })
  .describe("パスワードは正しく、二段階認証の確認コードが必要です");
export type TwoFactorChallenge = z.infer<typeof twoFactorChallengeSchema>;
export const loginResponseSchema = z.union([sessionResponseSchema, twoFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const twoFactorLoginInput = z.object({
  challenge: z
    .string({ error: "もう一度メールアドレスとパスワードを入力してください" })
    .min(1, "もう一度メールアドレスとパスワードを入力してください")
    .max(200, "もう一度メールアドレスとパスワードを入力してください"),
  code: z
    .string({ error: "確認コードを入力してください" })
    .trim()
    .min(1, "確認コードを入力してください")
    .max(40, "確認コードは6桁の数字か、回復コードを入力してください"),
});
export type TwoFactorLoginInput = z.input<typeof twoFactorLoginInput>;

/** GET /api/v1/session: as at login; called with an API token there is no CSRF token (null). */
export const currentSessionSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string().nullable() })
  .describe("現在のユーザーと CSRF トークン（API トークンで呼んだときは null）");
export type CurrentSession = z.infer<typeof currentSessionSchema>;

// ---- Two-factor login (the user's own account) ----

export const twoFactorStatusSchema = z
  .object({
    available: z.boolean().describe("この役割で二段階認証を使えるか（管理者・CS部門）"),
    enabled: z.boolean(),
    recoveryCodesLeft: z.int().describe("まだ使っていない回復コードの数"),
  })
  .describe("二段階認証の状態");
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

export const passwordConfirmInput = z.object({
  password: z
    .string({ error: "現在のパスワードを入力してください" })
    .min(1, "現在のパスワードを入力してください")
    .max(200, "パスワードは200文字以内です"),
});
export type PasswordConfirmInput = z.input<typeof passwordConfirmInput>;

export const twoFactorSetupSchema = z
  .object({
    secret: z.string().describe("認証アプリに手で入力するキー（Base32）"),
    uri: z.string().describe("QRコードにする otpauth:// の URI"),
  })
  .describe("二段階認証の設定に使う秘密鍵（確認コードで確定するまで無効）");
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

export const twoFactorConfirmInput = z.object({
  code: z
    .string({ error: "確認コードを入力してください" })
    .trim()
    .min(1, "確認コードを入力してください")
    .max(20, "確認コードは6桁の数字です"),
});
export type TwoFactorConfirmInput = z.input<typeof twoFactorConfirmInput>;

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .describe("回復コード（この一度だけ表示します。各コードは1回だけ使えます）");
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

// ---- Labels and departments (editing) ----

export const labelCreateInput = z.object({ code: inputText().trim(), name: inputText().trim() });
export type LabelCreateInput = z.input<typeof labelCreateInput>;
export const labelUpdateInput = z.object({
  name: inputText().trim().optional(),
  active: z.boolean().optional(),
});
export type LabelUpdateInput = z.input<typeof labelUpdateInput>;

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
export const adminUserSchema = sessionUserSchema
  .omit({ departmentName: true })
  .extend({ active: z.boolean(), twoFactorEnabled: z.boolean().describe("二段階認証を使っているか") })
  .describe("ユーザー（管理者向け）");
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserListSchema = z
  .object({ items: z.array(adminUserSchema) })
  .describe("ユーザーの一覧（管理者向け）");
export type AdminUserList = z.infer<typeof adminUserListSchema>;

/** An active user in the assignee pickers, visible to every signed-in user. */
export const userOptionSchema = adminUserSchema.pick({
  id: true,
  name: true,
  role: true,
  departmentId: true,
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
  sessionIdleMinutes: z
    .number({ error: "操作がないときのログアウトまでの時間は分単位の整数で指定してください" })
    .int("操作がないときのログアウトまでの時間は分単位の整数で指定してください")
    .optional()
    .describe("操作がないまま、この分数が過ぎたログインは終わります"),
  sessionAbsoluteHours: z
    .number({ error: "ログインの有効時間は時間単位の整数で指定してください" })
    .int("ログインの有効時間は時間単位の整数で指定してください")
    .optional()
    .describe("操作していても、ログインからこの時間が過ぎたら終わります"),
});
export type SettingsInput = z.input<typeof settingsInput>;

export const settingsSchema = z
  .object({
    fiscalYearStartMonth: z.int(),
    /** by voice type code */
    deadlineRules: z.record(z.string(), deadlineRuleSchema),
    /** words added to the built-in user dictionary */
    userDictionary: z.array(z.string()),
    sessionIdleMinutes: z.int(),
    sessionAbsoluteHours: z.int(),
  })
  .describe(
    "組織の設定: 年度の開始月、種別ごとの期限日数、ユーザー辞書、ログインの有効時間（操作がないとき・ログインから）",
  );
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
  /** the user's name, 「システム（CLI）」 for a `koe` command, or null when no one is known */
  actorName: z.string().nullable(),
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

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/session": { body: LoginInput; response: LoginResponse };
    "POST /api/v1/session/two-factor": { body: TwoFactorLoginInput; response: SessionResponse };
    "GET /api/v1/session": { response: CurrentSession };
    "DELETE /api/v1/session": { response: undefined };
    "DELETE /api/v1/session/all": { response: undefined };

    "GET /api/v1/account/two-factor": { response: TwoFactorStatus };
    "POST /api/v1/account/two-factor/setup": { body: PasswordConfirmInput; response: TwoFactorSetup };
    "POST /api/v1/account/two-factor/confirm": { body: TwoFactorConfirmInput; response: RecoveryCodes };
    "POST /api/v1/account/two-factor/disable": { body: PasswordConfirmInput; response: undefined };

    "GET /api/v1/taxonomy": { response: Taxonomy };
    "POST /api/v1/taxonomy/:kind": {
      params: { kind: TaxonomyKind };
      body: LabelCreateInput;
      response: Label;
    };
    "PATCH /api/v1/taxonomy/:kind/:id": {
      params: { kind: TaxonomyKind; id: number };
      body: LabelUpdateInput;
      response: Label;
    };
    "GET /api/v1/departments": { response: DepartmentList };
    "POST /api/v1/departments": { body: LabelCreateInput; response: Department };
    "PATCH /api/v1/departments/:id": { body: LabelUpdateInput; response: Department };

    "GET /api/v1/users/options": { response: UserOptionList };
    "GET /api/v1/users": { response: AdminUserList };
    "POST /api/v1/users": { body: CreateUserInput; response: AdminUser };
    "PATCH /api/v1/users/:id": { body: UpdateUserInput; response: AdminUser };
    "DELETE /api/v1/users/:id/sessions": { params: { id: number }; response: undefined };
    "DELETE /api/v1/users/:id/two-factor": { params: { id: number }; response: undefined };

    "GET /api/v1/settings": { response: Settings };
    "PUT /api/v1/settings": { body: SettingsInput; response: Settings };
    "GET /api/v1/audit": { query: AuditQuery; response: AuditPage };
  }
}
