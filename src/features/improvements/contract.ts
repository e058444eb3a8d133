/**
 * The API contract of staff insights (職員の気づき) and improvements (業務改善課題): request and response schemas;
 * the UI's types are inferred from them. Browser-safe (zod, src/shared and the pure status machine only).
 */
import { z } from "zod";
import { isIsoDate } from "../../domain/jst.js";
import { idInput, inputText, labelRefSchema, userRefSchema } from "../../shared/api-contract.js";
import { EFFECT_VERDICTS, IMPROVEMENT_STATUSES } from "./improvement-workflow.js";

export type { EffectVerdict, ImprovementStatus } from "./improvement-workflow.js";
export { EFFECT_VERDICT_LABELS, IMPROVEMENT_STATUS_LABELS } from "./improvement-workflow.js";

const MAX_LINKS = 500;

const isoDay = (what: string) =>
  inputText({ error: `${what}を YYYY-MM-DD で入力してください` })
    .trim()
    .refine(isIsoDate, `${what}を YYYY-MM-DD（例: 2026-12-31）で入力してください`);

const idList = (what: string) =>
  z
    .array(idInput(`${what}のIDは1以上の整数です`), { error: `${what}はIDの配列で指定してください` })
    .max(MAX_LINKS, `${what}は一度に${MAX_LINKS}件までです`);

const longText = (what: string, max: number) =>
  inputText({ error: `${what}を入力してください` })
    .trim()
    .min(1, `${what}を入力してください`)
    .max(max, `${what}は${max.toLocaleString("ja-JP")}文字以内で入力してください`);

// ---------------------------------------------------------------- insights

export const createInsightInput = z.object({
  content: longText("気づきの内容", 4000),
  departmentId: idInput("部署を選んでください", "部署を選んでください"),
  voiceIds: idList("関連する声").optional(),
});
export type CreateInsightInput = z.infer<typeof createInsightInput>;

export const insightListQuery = z.object({
  q: inputText().max(200, "検索語は200文字以内で入力してください").optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type InsightListQuery = z.infer<typeof insightListQuery>;

export const voiceRefSchema = z.object({ id: z.int(), receiptNumber: z.string() });
export type VoiceRef = z.infer<typeof voiceRefSchema>;

export const improvementRefSchema = z.object({
  id: z.int(),
  title: z.string(),
  status: z.enum(IMPROVEMENT_STATUSES),
  dueDate: z.string(),
  completedOn: z.string().nullable(),
});
export type ImprovementRef = z.infer<typeof improvementRefSchema>;

export const insightSchema = z.object({
  id: z.int(),
  content: z.string(),
  department: labelRefSchema,
  createdBy: userRefSchema.nullable(),
  createdAt: z.string(),
  voices: z.array(voiceRefSchema),
  improvements: z.array(improvementRefSchema),
});
export type Insight = z.infer<typeof insightSchema>;

export const insightListSchema = z.object({ items: z.array(insightSchema), total: z.int() });
export type InsightList = z.infer<typeof insightListSchema>;

// ---------------------------------------------------------------- improvements: requests

export const createImprovementInput = z.object({
  title: longText("件名", 200),
  problem: longText("課題（問題点）", 4000),
  ownerDepartmentId: idInput("担当部署を選んでください", "担当部署を選んでください"),
  ownerUserId: idInput("担当者のIDは1以上の整数です").nullish(),
  dueDate: isoDay("期限"),
  voiceIds: idList("声").optional(),
  insightIds: idList("職員の気づき").optional(),
});
export type CreateImprovementInput = z.infer<typeof createImprovementInput>;

export const updateImprovementInput = z.object({
  title: longText("件名", 200).optional(),
  problem: longText("課題（問題点）", 4000).optional(),
  ownerDepartmentId: idInput("担当部署を選んでください").optional(),
  ownerUserId: idInput("担当者のIDは1以上の整数です").nullish(),
  dueDate: isoDay("期限").optional(),
  result: inputText().trim().max(4000).nullish(),
  isPublic: z.boolean({ error: "公開は true か false で指定してください" }).optional(),
  publicKind: inputText().trim().max(100).nullish(),
  publicVoice: inputText().trim().max(1000).nullish(),
  publicResult: inputText().trim().max(1000).nullish(),
});
export type UpdateImprovementInput = z.infer<typeof updateImprovementInput>;

export const linkInput = z.object({
  voiceIds: idList("声").optional(),
  insightIds: idList("職員の気づき").optional(),
});
export type LinkInput = z.infer<typeof linkInput>;

export const statusChangeInput = z.object({
  to: z.enum(IMPROVEMENT_STATUSES, {
    error: `変更後の状態は ${IMPROVEMENT_STATUSES.join(", ")} のいずれかです`,
  }),
  reason: inputText().trim().max(2000).nullish(),
  result: inputText().trim().max(4000).nullish(),
  completedOn: isoDay("完了日").nullish(),
  verdict: z
    .enum(EFFECT_VERDICTS, { error: "効果の判定は effective（効果あり）・partial（一部）・none（なし）です" })
    .nullish(),
  note: inputText().trim().max(2000).nullish(),
});
export type StatusChangeInput = z.infer<typeof statusChangeInput>;

export const noteInput = z.object({ text: longText("進捗メモ", 4000) });
export type NoteInput = z.infer<typeof noteInput>;

export const improvementListQuery = z.object({
  status: inputText().max(200).optional().describe("状態（カンマ区切り）"),
  voiceId: z.coerce.number().int().min(1).optional().describe("この声にもとづく改善課題だけ"),
  q: inputText()
    .trim()
    .max(200, "検索語は200文字以内で入力してください")
    .optional()
    .describe("件名に含む語（数字だけなら ID でも探します）"),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ImprovementListQuery = z.infer<typeof improvementListQuery>;

export const effectQuery = z.object({
  months: z.coerce
    .number({ error: "月数は数値で指定してください" })
    .int("月数は整数で指定してください")
    .min(1, "月数は1〜24で指定してください")
    .max(24, "月数は1〜24で指定してください")
    .optional(),
});
export type EffectQuery = z.infer<typeof effectQuery>;

export const countQuery = z.object({
  period: inputText()
    .max(60)
    .optional()
    .describe("fy2024（年度）、fy2024h1（上期）、2025-04（月）など。省略時は今年度"),
  from: inputText().max(60).optional(),
  to: inputText().max(60).optional(),
});
export type ImprovementCountQuery = z.infer<typeof countQuery>;

// ---------------------------------------------------------------- improvements: responses

export const improvementSummarySchema = improvementRefSchema.extend({
  ownerDepartment: labelRefSchema,
  owner: userRefSchema.nullable(),
  overdue: z.boolean(),
  voiceCount: z.int(),
  insightCount: z.int(),
  isPublic: z.boolean(),
  updatedAt: z.string(),
});
export type ImprovementSummary = z.infer<typeof improvementSummarySchema>;

export const improvementListSchema = z.object({ items: z.array(improvementSummarySchema), total: z.int() });
export type ImprovementList = z.infer<typeof improvementListSchema>;

/** A voice behind an improvement; the customer's name is masked unless the reader may see it (roles.ts). */
export const linkedVoiceSchema = z.object({
  id: z.int(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  type: labelRefSchema,
  category: labelRefSchema.nullable(),
  department: labelRefSchema,
  status: z.string(),
  excerpt: z.string(),
  customerName: z.string().nullable(),
  customerMasked: z.boolean(),
});
export type LinkedVoice = z.infer<typeof linkedVoiceSchema>;

export const improvementEventSchema = z.object({
  id: z.int(),
  kind: z.enum(["created", "status", "note", "linked", "changed", "decision"]),
  at: z.string(),
  actor: userRefSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type ImprovementEvent = z.infer<typeof improvementEventSchema>;

export const improvementDetailSchema = improvementSummarySchema.extend({
  problem: z.string(),
  dropReason: z.string().nullable(),
  result: z.string().nullable(),
  effectVerdict: z.enum(EFFECT_VERDICTS).nullable(),
  effectNote: z.string().nullable(),
  publicKind: z.string().nullable(),
  publicVoice: z.string().nullable(),
  publicResult: z.string().nullable(),
  createdAt: z.string(),
  voices: z.array(linkedVoiceSchema),
  insights: z.array(z.object({ id: z.int(), content: z.string(), department: labelRefSchema })),
  /** the audit improvement items (自主点検・内部監査・外部監査の改善項目) this improvement was registered from */
  auditItems: z.array(
    z.object({
      id: z.int(),
      content: z.string(),
      auditId: z.int(),
      auditKind: z.string().describe("self（自主点検）・internal（内部監査）・external（外部監査）"),
      heldOn: z.string(),
      auditor: z.string(),
    }),
  ),
  timeline: z.array(improvementEventSchema),
  nextStatuses: z.array(z.enum(IMPROVEMENT_STATUSES)),
  canManage: z.boolean(),
});
export type ImprovementDetail = z.infer<typeof improvementDetailSchema>;

export const effectMonthSchema = z.object({
  month: z.string().describe("YYYY-MM（日本時間）"),
  count: z.int(),
  phase: z.enum(["before", "completion", "after"]),
});

export const effectCheckSchema = z.object({
  completedOn: z.string().nullable(),
  months: z.int(),
  series: z.array(effectMonthSchema),
  before: z.int().describe("完了月より前の N か月の件数"),
  after: z.int().describe("完了月より後の N か月の件数"),
  change: z.int(),
  changeRate: z.number().nullable(),
  /** the after-months still to come are not counted yet */
  afterComplete: z.boolean(),
  similarVoices: z.int().describe("比べた声（紐づく声と、それに似た声）の件数"),
  verdict: z.enum(EFFECT_VERDICTS).nullable(),
  note: z.string().nullable(),
});
export type EffectCheck = z.infer<typeof effectCheckSchema>;

export const improvementCountSchema = z.object({
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  count: z.int().describe("声に基づく改善件数（期間内に完了し、声が紐づくもの）"),
});
export type ImprovementCount = z.infer<typeof improvementCountSchema>;

export const publicImprovementSchema = z.object({
  id: z.int(),
  kind: z.string().describe("種目"),
  voice: z.string().describe("声の内容"),
  result: z.string().describe("改善したこと"),
  completedOn: z.string().nullable(),
});
export const publicImprovementListSchema = z.object({
  period: improvementCountSchema.shape.period,
  items: z.array(publicImprovementSchema),
});
export type PublicImprovementList = z.infer<typeof publicImprovementListSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/insights": { query: InsightListQuery; response: InsightList };
    "POST /api/v1/insights": { body: CreateInsightInput; response: Insight };
    "GET /api/v1/insights/:id": { response: Insight };
    "GET /api/v1/improvements": { query: ImprovementListQuery; response: ImprovementList };
    "POST /api/v1/improvements": { body: CreateImprovementInput; response: ImprovementDetail };
    "GET /api/v1/improvements/count": { query: ImprovementCountQuery; response: ImprovementCount };
    "GET /api/v1/improvements/public": { query: ImprovementCountQuery; response: PublicImprovementList };
    "GET /api/v1/improvements/:id": { response: ImprovementDetail };
    "PATCH /api/v1/improvements/:id": { body: UpdateImprovementInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/links": { body: LinkInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/status": { body: StatusChangeInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/notes": { body: NoteInput; response: ImprovementDetail };
    "GET /api/v1/improvements/:id/effect": { query: EffectQuery; response: EffectCheck };
    "GET /api/v1/voices/:id/improvements": { response: ImprovementList };
  }
}
