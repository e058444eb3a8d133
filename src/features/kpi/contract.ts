/**
 * The KPI register's API contract: KPIs under policy themes, their values for a reporting period with breakdown,
 * sources and year-over-year wording, hand-entered entries and the reporting setting. The UI's types are inferred
 * from these schemas. Browser-safe (zod, src/shared and src/domain only).
 */
import { z } from "zod";
import { KPI_UNITS } from "../../domain/kpi-wording.js";
import { idInput, inputText } from "../../shared/api-contract.js";

/**
 * Where a KPI's value comes from: a computed source of the registry (sources.ts, one entry each) or entered by
 * hand.
 */
export const KPI_SOURCES = [
  "manual",
  "voices",
  "improvements",
  "satisfaction",
  "trainings",
  "qualified_staff",
  "outreach_events",
  "consultations",
  "new_contracts",
  "early_lapses",
  "renewal_rate",
  "audits",
  "audit_items",
] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

export const KPI_SOURCE_LABELS: Readonly<Record<KpiSource, string>> = {
  manual: "手入力（根拠を添えて）",
  voices: "期間内の声の件数",
  improvements: "声に基づく改善件数（完了した改善課題）",
  satisfaction: "アンケートの満足度スコア（満足・やや満足の割合）",
  trainings: "研修の実施回数（種類別）",
  qualified_staff: "専門資格の保有者数と割合",
  outreach_events: "イベント・セミナー・相談会の開催回数",
  consultations: "保障相談件数（月次実績）",
  new_contracts: "新規契約件数（月次実績）",
  early_lapses: "早期消滅・失効件数（月次実績）",
  renewal_rate: "継続率（月次実績、種目別）",
  audits: "点検・監査の実施回数と改善項目",
  audit_items: "点検・監査に基づく改善項目の件数",
};

const unitSchema = z.enum(KPI_UNITS as unknown as ["名", "回", "件", "%"], {
  error: "単位は 名・回・件・% のいずれかで指定してください",
});

/** The survey kind whose top-2-box is the satisfaction KPI's value unless the KPI names another (seed 000). */
export const DEFAULT_SURVEY_KIND = "members";

/** A source's parameters: which training kinds, which department, which survey kind. */
export const kpiParamsSchema = z
  .object({
    trainingKinds: z.array(inputText().trim().min(1).max(50)).max(20).optional(),
    departmentId: idInput("部署のIDが正しくありません").optional(),
    surveyKind: inputText().trim().max(50).optional(),
  })
  .strict();
export type KpiParams = z.infer<typeof kpiParamsSchema>;

const kpiFields = {
  themeId: idInput("テーマのIDが正しくありません"),
  number: z.number().int().min(1).max(99),
  name: inputText().trim().min(1, "指標名を入力してください").max(200),
  unit: unitSchema,
  source: z.enum(KPI_SOURCES, { error: "値の求め方が正しくありません" }),
  params: kpiParamsSchema,
  target: inputText().trim().max(200).nullable(),
};

export const kpiInputSchema = z
  .object({ ...kpiFields, params: kpiParamsSchema.default({}), target: kpiFields.target.default(null) })
  .strict();
export type KpiInput = z.infer<typeof kpiInputSchema>;

// Built from the fields without their defaults: zod 4 applies a default inside .partial(), so a patch naming
// only the name would otherwise reset the params and target.
export const kpiPatchSchema = z.object(kpiFields).partial().strict();

const themeFields = {
  number: z
    .number({ error: "テーマの番号は1〜99の整数で入力してください" })
    .int("テーマの番号は1〜99の整数で入力してください")
    .min(1, "テーマの番号は1〜99の整数で入力してください")
    .max(99, "テーマの番号は1〜99の整数で入力してください"),
  name: inputText({ error: "テーマ名を入力してください" })
    .trim()
    .min(1, "テーマ名を入力してください")
    .max(200, "テーマ名は200文字以内で入力してください"),
};
export const themeInputSchema = z.object(themeFields).strict();
/** Renaming or renumbering a theme: its KPIs, values and narratives stay as they are. */
export const themePatchSchema = z.object(themeFields).partial().strict();
export type ThemePatch = z.infer<typeof themePatchSchema>;

const breakdownEntrySchema = z.object({
  label: inputText().trim().min(1, "内訳の名前を入力してください").max(100),
  value: z.number().min(0, "内訳の値は0以上で入力してください"),
});

/** A period's hand-entered value (manual KPIs) with its evidence, and the narrative (取り組み・評価) of any KPI. */
export const kpiEntryInputSchema = z
  .object({
    value: z
      .number({ error: "値は数値で入力してください" })
      .min(0, "値は0以上で入力してください")
      .nullable()
      .optional(),
    breakdown: z.array(breakdownEntrySchema).max(20).optional(),
    evidence: inputText().trim().max(2000).nullable().optional(),
    narrative: inputText().trim().max(4000).nullable().optional(),
  })
  .strict();
export type KpiEntryInput = z.infer<typeof kpiEntryInputSchema>;

export const kpiReportingSchema = z
  .object({
    basis: z.enum(["calendar", "fiscal"], {
      error: "報告期間は calendar（暦年）か fiscal（年度）で指定してください",
    }),
    rateChange: z.enum(["point", "percent"], { error: "率の増減は point か percent で指定してください" }),
  })
  .strict();
export type KpiReporting = z.infer<typeof kpiReportingSchema>;

// ---------------------------------------------------------------- responses

export const kpiBreakdownItemSchema = z.object({
  label: z.string(),
  value: z.number(),
  unit: z.enum(["名", "回", "件", "%"]),
  display: z.string(),
});
export type KpiBreakdownItem = z.infer<typeof kpiBreakdownItemSchema>;

/** One record behind a computed value: a training, a staff member, a voice, an audit… */
export const kpiSourceItemSchema = z.object({
  kind: z.string(),
  id: z.number().nullable(),
  date: z.string().nullable(),
  label: z.string(),
  detail: z.string().nullable(),
});
export type KpiSourceItem = z.infer<typeof kpiSourceItemSchema>;

export const kpiPeriodSchema = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
});

export const kpiValueSchema = z.object({
  kpiId: z.number(),
  themeNumber: z.number(),
  themeName: z.string(),
  number: z.number(),
  name: z.string(),
  unit: z.enum(["名", "回", "件", "%"]),
  source: z.enum(KPI_SOURCES),
  target: z.string().nullable(),
  retiredAt: z.string().nullable(),
  period: kpiPeriodSchema,
  value: z.number().nullable(),
  display: z.string(),
  previous: z.number().nullable(),
  previousDisplay: z.string(),
  yoy: z.string(),
  breakdown: z.array(kpiBreakdownItemSchema),
  note: z.string().nullable(),
  /** the records behind the value (first 200); sourceTotal counts them all */
  sources: z.array(kpiSourceItemSchema),
  sourceTotal: z.number(),
  /** for voice-based values: the voice list's query string that opens exactly those voices */
  voiceQuery: z.string().nullable(),
  evidence: z.string().nullable(),
  narrative: z.string().nullable(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

export const kpiSchema = z.object({
  id: z.number(),
  themeId: z.number(),
  number: z.number(),
  name: z.string(),
  unit: z.enum(["名", "回", "件", "%"]),
  source: z.enum(KPI_SOURCES),
  params: z.record(z.string(), z.unknown()),
  target: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const themeSchema = z.object({
  id: z.number(),
  number: z.number(),
  name: z.string(),
  retiredAt: z.string().nullable(),
});

/** One point of a KPI's trend over recent reporting periods (the register's sparkline); null: nothing recorded. */
export const kpiTrendPointSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
});
export type KpiTrendPoint = z.infer<typeof kpiTrendPointSchema>;

export const kpiRegisterValueSchema = kpiValueSchema.extend({
  /** the values of the last KPI_TREND_YEARS periods, oldest first, ending with this one */
  trend: z.array(kpiTrendPointSchema),
});
export type KpiRegisterValue = z.infer<typeof kpiRegisterValueSchema>;

/** How many reporting periods a sparkline shows. */
export const KPI_TREND_YEARS = 5;

export const kpiRegisterSchema = z.object({
  year: z.number(),
  reporting: kpiReportingSchema,
  themes: z.array(themeSchema.extend({ kpis: z.array(kpiRegisterValueSchema) })),
});
export type KpiRegister = z.infer<typeof kpiRegisterSchema>;

/** A KPI's past periods, newest first: value, year-over-year sentence, evidence and narrative (取り組み・評価). */
export const kpiHistorySchema = z.object({
  kpi: kpiSchema,
  items: z.array(
    z.object({
      period: kpiPeriodSchema,
      value: z.number().nullable(),
      display: z.string(),
      yoy: z.string(),
      breakdown: z.array(kpiBreakdownItemSchema),
      evidence: z.string().nullable(),
      narrative: z.string().nullable(),
    }),
  ),
});
export type KpiHistory = z.infer<typeof kpiHistorySchema>;
