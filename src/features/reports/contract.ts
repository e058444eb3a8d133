/**
 * The reports' API contract (年次「お客さまの声」報告書, KPI 報告, 半期の取組み報告): requests, the shapes the routes
 * answer with, and the finished document as JSON. The UI's types are inferred from these schemas. Browser-safe.
 */
import { z } from "zod";
import { idInput, inputText, userRefSchema } from "../../shared/api-contract.js";
import { REPORT_KINDS, type ReportDocument } from "./report-document.js";
import { REPORT_BLOCKS, REPORT_STATUSES } from "./report-templates.js";

export { REPORT_KIND_LABELS, REPORT_KINDS, type ReportDocument, type ReportKind } from "./report-document.js";
export {
  BLOCKS_BY_KIND,
  FEATURED_BLOCKS,
  REPORT_BLOCK_LABELS,
  REPORT_STATUS_LABELS,
  type ReportBlock,
  type ReportStatus,
} from "./report-templates.js";

const LONG = 20_000;
const revision = z
  .number({ error: "revision（読み込んだときの版）を指定してください" })
  .int("revision は整数で指定してください")
  .min(1, "revision は1以上です");

// ---------------------------------------------------------------- requests

export const createReportInput = z.object({
  kind: z.enum(REPORT_KINDS, {
    error:
      "報告書の種類は annual-voice（年次報告書）、kpi（KPI 報告）、half-year-review（半期の取組み報告）です",
  }),
  fiscalYear: z
    .number({ error: "年度を数値で指定してください" })
    .int("年度は整数で指定してください")
    .min(2000, "年度は2000〜2100で指定してください")
    .max(2100, "年度は2000〜2100で指定してください"),
  half: z
    .union([z.literal(1), z.literal(2)], { error: "半期は1（上期）か2（下期）で指定してください" })
    .optional(),
  title: inputText({ error: "表題は文字列で入力してください" })
    .trim()
    .max(200, "表題は200文字以内です")
    .optional(),
  organisationName: inputText({ error: "組織名は文字列で入力してください" })
    .trim()
    .max(200, "組織名は200文字以内です")
    .optional(),
});
export type CreateReportInput = z.infer<typeof createReportInput>;

export const sectionInput = z.object({
  /** an existing section's id; omitted for a new one */
  id: idInput("節のIDが正しくありません").optional(),
  block: z.enum(REPORT_BLOCKS, { error: "節の種類が正しくありません" }),
  heading: inputText({ error: "見出しは文字列で入力してください" })
    .trim()
    .min(1, "見出しを入力してください")
    .max(200, "見出しは200文字以内です"),
  body: inputText({ error: "本文は文字列で入力してください" })
    .max(LONG, `本文は${LONG}文字以内です`)
    .default(""),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type SectionInput = z.input<typeof sectionInput>;

export const updateReportInput = z.object({
  revision,
  title: inputText({ error: "表題は文字列で入力してください" })
    .trim()
    .min(1, "表題を入力してください")
    .max(200, "表題は200文字以内です")
    .optional(),
  organisationName: inputText().trim().max(200, "組織名は200文字以内です").optional(),
  /** every section in order: the list replaces the report's sections (reordering is a new order here) */
  sections: z
    .array(sectionInput, { error: "節（sections）を配列で指定してください" })
    .min(1, "節を1つ以上入力してください")
    .max(60, "節は60までです"),
});
export type UpdateReportInput = z.input<typeof updateReportInput>;

export const reorderSectionsInput = z.object({
  revision,
  sectionIds: z.array(idInput("節のIDが正しくありません")).min(1, "節の順番を指定してください"),
});
export type ReorderSectionsInput = z.infer<typeof reorderSectionsInput>;

export const featuredVoiceInput = z.object({
  voiceId: idInput("声のIDが正しくありません"),
  text: inputText({ error: "掲載する文章を入力してください" })
    .trim()
    .min(1, "掲載する文章を入力してください")
    .max(2000, "掲載する文章は2000文字以内です"),
  reply: inputText().trim().max(2000, "職員の返信は2000文字以内です").default(""),
  theme: inputText().trim().max(200, "テーマは200文字以内です").default(""),
  /** print 「都道府県・年代・性別」 under the voice (never anything else about the customer) */
  showAttribution: z.boolean().default(true),
});
export type FeaturedVoiceInput = z.input<typeof featuredVoiceInput>;

export const updateFeaturedVoicesInput = z.object({
  revision,
  voices: z.array(featuredVoiceInput).max(40, "掲載する声は1つの節に40件までです"),
});
export type UpdateFeaturedVoicesInput = z.input<typeof updateFeaturedVoicesInput>;

export const revisionInput = z.object({ revision });
export type RevisionInput = z.infer<typeof revisionInput>;

export const sectionParams = z.object({
  id: z.coerce.number({ error: "ID は数値です" }).int("ID は整数です").positive("ID は1以上です"),
  sectionId: z.coerce.number({ error: "ID は数値です" }).int("ID は整数です").positive("ID は1以上です"),
});

// ---------------------------------------------------------------- the document

const cell = z.union([z.string(), z.number(), z.null()]);
const tableSchema = z.object({
  title: z.string(),
  columns: z.array(
    z.object({ label: z.string(), format: z.enum(["integer", "percent", "decimal", "text"]).optional() }),
  ),
  rows: z.array(z.array(cell)),
  totalRow: z.array(cell).optional(),
  note: z.string().optional(),
});
const chartSchema = z.object({
  type: z.enum(["donut", "bar", "line"]),
  title: z.string(),
  labels: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  table: tableSchema,
});
const featuredSchema = z.object({
  text: z.string(),
  reply: z.string().optional(),
  attribution: z.string().optional(),
  theme: z.string().optional(),
});
const head = { id: z.string(), heading: z.string() };
const sectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), ...head, body: z.string() }),
  z.object({ kind: z.literal("table"), ...head, table: tableSchema, body: z.string().optional() }),
  z.object({ kind: z.literal("chart"), ...head, charts: z.array(chartSchema), body: z.string().optional() }),
  z.object({
    kind: z.literal("voices"),
    ...head,
    voices: z.array(featuredSchema),
    body: z.string().optional(),
    replyLabel: z.string().optional(),
  }),
  z.object({
    kind: z.literal("improvements"),
    ...head,
    cases: z.array(
      z.object({ voiceSummary: z.string(), improvement: z.string(), theme: z.string().optional() }),
    ),
    body: z.string().optional(),
  }),
  z.object({
    kind: z.literal("kpi"),
    ...head,
    table: tableSchema,
    sentences: z.array(z.string()),
    body: z.string().optional(),
  }),
  z.object({
    kind: z.literal("principle"),
    ...head,
    principles: z.array(z.object({ title: z.string(), body: z.string(), table: tableSchema.optional() })),
  }),
]);
export const reportDocumentSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  organisationName: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  version: z.number().int(),
  generatedAt: z.string(),
  status: z.enum(REPORT_STATUSES),
  sections: z.array(sectionSchema),
});
// The schema and the shared type must describe the same value.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof reportDocumentSchema>, ReportDocument> = true;
void sameShape;

// ---------------------------------------------------------------- responses

export const reportSummarySchema = z.object({
  id: z.int(),
  kind: z.enum(REPORT_KINDS),
  kindLabel: z.string(),
  fiscalYear: z.int(),
  half: z.int(),
  periodKey: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  title: z.string(),
  organisationName: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  version: z.int(),
  revision: z.int(),
  previousId: z.int().nullable(),
  createdBy: userRefSchema.nullable(),
  createdAt: z.string(),
  updatedBy: userRefSchema.nullable(),
  updatedAt: z.string(),
  approvedBy: userRefSchema.nullable(),
  approvedAt: z.string().nullable(),
  publishedBy: userRefSchema.nullable(),
  publishedAt: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportListSchema = z.object({ reports: z.array(reportSummarySchema) });
export type ReportList = z.infer<typeof reportListSchema>;

export const featuredVoiceSchema = z.object({
  id: z.int(),
  voiceId: z.int(),
  receiptNumber: z.string().nullable(),
  text: z.string(),
  reply: z.string(),
  attribution: z.string(),
  theme: z.string(),
});
export type FeaturedVoiceOut = z.infer<typeof featuredVoiceSchema>;

export const personalDataFindingSchema = z.object({
  sectionId: z.int(),
  voiceId: z.int(),
  receiptNumber: z.string().nullable(),
  /** what was found, in Japanese: 電話番号, 氏名 … */
  found: z.array(z.string()),
  message: z.string(),
});
export type PersonalDataFinding = z.infer<typeof personalDataFindingSchema>;

export const reportSectionSchema = z.object({
  id: z.int(),
  kind: z.enum(["generated", "text"]),
  block: z.enum(REPORT_BLOCKS),
  blockLabel: z.string(),
  heading: z.string(),
  body: z.string(),
  config: z.record(z.string(), z.unknown()),
  voices: z.array(featuredVoiceSchema),
});
export type ReportSectionOut = z.infer<typeof reportSectionSchema>;

export const reportDetailSchema = reportSummarySchema.extend({
  sections: z.array(reportSectionSchema),
  /** personal data left in featured voices' edited text: each blocks approval */
  personalData: z.array(personalDataFindingSchema),
  /** the later version made from this one, if any */
  nextId: z.int().nullable(),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const suggestedVoiceSchema = z.object({
  voiceId: z.int(),
  receiptNumber: z.string(),
  typeCode: z.string(),
  /** the voice's text with the customer's personal data removed, ready to edit */
  text: z.string(),
  /** the staff's latest response (for praise: 「感謝の声をいただいて」) */
  reply: z.string(),
  attribution: z.string(),
  /** the classifier's confidence that this is praise (praise suggestions) */
  confidence: z.number().nullable(),
});
export type SuggestedVoice = z.infer<typeof suggestedVoiceSchema>;

export const suggestionsSchema = z.object({
  praise: z.array(suggestedVoiceSchema),
  themes: z.array(
    z.object({
      /** a name for the theme: the first voice's opening words */
      theme: z.string(),
      typeCode: z.string(),
      size: z.int(),
      voices: z.array(suggestedVoiceSchema),
    }),
  ),
});
export type Suggestions = z.infer<typeof suggestionsSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/reports": { response: ReportList };
    "POST /api/v1/reports": { body: CreateReportInput; response: ReportDetail };
    "GET /api/v1/reports/:id": { response: ReportDetail };
    "PUT /api/v1/reports/:id": { body: UpdateReportInput; response: ReportDetail };
    "POST /api/v1/reports/:id/sections/order": { body: ReorderSectionsInput; response: ReportDetail };
    "PUT /api/v1/reports/:id/sections/:sectionId/voices": {
      body: UpdateFeaturedVoicesInput;
      response: ReportDetail;
    };
    "GET /api/v1/reports/:id/sections/:sectionId/suggestions": { response: Suggestions };
    "POST /api/v1/reports/:id/approve": { body: RevisionInput; response: ReportDetail };
    "POST /api/v1/reports/:id/publish": { body: RevisionInput; response: ReportDetail };
    "POST /api/v1/reports/:id/new-version": { body: RevisionInput; response: ReportDetail };
    "GET /api/v1/reports/:id/document": { response: ReportDocument };
    "GET /api/v1/reports/:id/preview": { response: Blob; file: true };
    "GET /api/v1/reports/:id/file": { query: { format: "pdf" | "xlsx" }; response: Blob; file: true };
  }
}
