/** The insurer reports API: the rule, recording a report and the insurer's answer, the list of reports due. */
import { z } from "zod";
import { INSURER_REPORT_MAX_DAYS } from "../../domain/insurer-report.js";
import { inputText, labelRefSchema, userRefSchema, type VoiceDetail } from "../../shared/api-contract.js";

const code = inputText().trim().min(1).max(60);

export const insurerReportRuleSchema = z.object({
  enabled: z.boolean().describe("保険会社への報告を管理する（代理店など）"),
  typeCodes: z.array(z.string()).describe("報告が必要な種別のコード"),
  productLineCodes: z.array(z.string()).describe("報告が必要な商品のコード（空なら全商品）"),
  days: z.int().describe("受付から何営業日以内に報告するか"),
});
export type InsurerReportRuleDto = z.infer<typeof insurerReportRuleSchema>;

export const insurerReportRuleInput = z.object({
  enabled: z.boolean({ error: "使うかどうか（enabled）は true か false で指定してください" }),
  typeCodes: z
    .array(code, { error: "種別（typeCodes）はコードの配列で指定してください" })
    .max(50, "種別は50件までです"),
  productLineCodes: z
    .array(code, { error: "商品（productLineCodes）はコードの配列で指定してください" })
    .max(200, "商品は200件までです"),
  days: z
    .number({ error: `報告期限の営業日数は0〜${INSURER_REPORT_MAX_DAYS}の整数で指定してください` })
    .int(`報告期限の営業日数は0〜${INSURER_REPORT_MAX_DAYS}の整数で指定してください`)
    .min(0, `報告期限の営業日数は0〜${INSURER_REPORT_MAX_DAYS}の整数で指定してください`)
    .max(
      INSURER_REPORT_MAX_DAYS,
      `報告期限の営業日数は0〜${INSURER_REPORT_MAX_DAYS}の整数で指定してください`,
    ),
});
export type InsurerReportRuleInput = z.infer<typeof insurerReportRuleInput>;

const optional = (max: number, label: string) =>
  inputText({ error: `${label}は文字列で指定してください` })
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .nullish();

export const recordInsurerReportInput = z.object({
  insurer: optional(100, "報告先の保険会社"),
  reportedAt: inputText({ error: "報告日時を入力してください" })
    .trim()
    .min(1, "報告日時を入力してください")
    .max(60, "報告日時は60文字以内で入力してください"),
  answer: optional(4000, "保険会社からの回答"),
  answeredAt: optional(60, "回答日時"),
});
export type RecordInsurerReportInput = z.infer<typeof recordInsurerReportInput>;

export const insurerReportListQuery = z.object({
  state: z
    .enum(["overdue", "pending"], { error: "state は overdue（期限超過）か pending（未報告）です" })
    .optional()
    .describe("overdue: 期限を過ぎた未報告、pending: 未報告すべて（既定）"),
});
export type InsurerReportListQuery = z.infer<typeof insurerReportListQuery>;

export const insurerReportItemSchema = z.object({
  voiceId: z.int(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  type: labelRefSchema,
  productLine: labelRefSchema.nullable(),
  department: labelRefSchema,
  assignee: userRefSchema.nullable(),
  status: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
});
export const insurerReportListSchema = z.object({
  items: z.array(insurerReportItemSchema),
  overdue: z.int().describe("期限を過ぎた未報告の件数"),
  rule: insurerReportRuleSchema,
});
export type InsurerReportList = z.infer<typeof insurerReportListSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/insurer-reports": { query: InsurerReportListQuery; response: InsurerReportList };
    "POST /api/v1/voices/:id/insurer-report": { body: RecordInsurerReportInput; response: VoiceDetail };
    "GET /api/v1/settings/insurer-reports": { response: InsurerReportRuleDto };
    "PUT /api/v1/settings/insurer-reports": { body: InsurerReportRuleInput; response: InsurerReportRuleDto };
  }
}
