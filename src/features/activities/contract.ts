/**
 * The activity records' API contract: the facts the KPIs count (staff and qualifications, trainings, events,
 * monthly business figures, audits, elderly-customer handling, intent-confirmation records). Browser-safe.
 * Every message names its field in Japanese; dates accept what people type (2023/4/1, 令和5年4月1日).
 */
import { z } from "zod";
import { idInput, inputText } from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";

/** A date as typed, read into YYYY-MM-DD; the message names the field. */
export const dateInput = (label: string) =>
  inputText({ error: `${label}を入力してください` }).transform((s, ctx) => {
    const d = parseDateTimeJa(s);
    if (!d.ok) {
      ctx.addIssue({ code: "custom", message: `${label}: ${d.message}` });
      return z.NEVER;
    }
    return d.date;
  });

const count = (label: string) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .int(`${label}は整数で入力してください`)
    .min(0, `${label}は0以上で入力してください`)
    .max(100_000_000, `${label}が大きすぎます`);

const text = (label: string, max: number) =>
  inputText({ error: `${label}を入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .max(max, `${label}は${max}文字以内で入力してください`);
const optionalText = (max: number) =>
  inputText().trim().max(max, `${max}文字以内で入力してください`).nullable().optional();

export const LABEL_KINDS = ["qualification", "training_kind", "elderly_measure"] as const;
export type ActivityLabelKind = (typeof LABEL_KINDS)[number];
export const LABEL_KIND_NAMES: Readonly<Record<ActivityLabelKind, string>> = {
  qualification: "資格",
  training_kind: "研修の種類",
  elderly_measure: "高齢者対応の方法",
};

export const EMPLOYMENT_TYPES = ["full_time", "part_time", "contract", "other"] as const;
export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<(typeof EMPLOYMENT_TYPES)[number], string>> = {
  full_time: "正規職員",
  part_time: "定時職員",
  contract: "契約職員",
  other: "その他",
};

export const EVENT_KINDS = ["event", "seminar", "consultation_session"] as const;
export const EVENT_KIND_LABELS: Readonly<Record<(typeof EVENT_KINDS)[number], string>> = {
  event: "イベント",
  seminar: "セミナー",
  consultation_session: "相談会",
};

export const AUDIT_KINDS = ["self", "internal", "external"] as const;
export const AUDIT_KIND_LABELS: Readonly<Record<(typeof AUDIT_KINDS)[number], string>> = {
  self: "自主点検",
  internal: "内部監査",
  external: "外部監査",
};

export const BUSINESS_METRICS = ["consultations", "new_contracts", "early_lapses", "renewals"] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];
export const BUSINESS_METRIC_LABELS: Readonly<Record<BusinessMetric, string>> = {
  consultations: "保障相談件数",
  new_contracts: "新規契約件数",
  early_lapses: "早期消滅・失効件数",
  renewals: "継続率",
};

export const labelInputSchema = z
  .object({
    kind: z.enum(LABEL_KINDS, {
      error: "種類は qualification・training_kind・elderly_measure のいずれかです",
    }),
    code: inputText()
      .trim()
      .regex(/^[a-z0-9_]{1,50}$/, "コードは半角英小文字・数字・_ の50文字以内で入力してください"),
    name: text("名前", 100),
    qualifying: z.boolean().default(false),
    active: z.boolean().default(true),
    sortOrder: z.number().int().min(0).max(9999).default(0),
  })
  .strict();
// Without the input's defaults: zod 4 applies a default inside .partial(), so renaming an item would otherwise
// also reset its order, its 専門資格 flag and whether it is in use.
export const labelPatchSchema = z
  .object({
    name: text("名前", 100),
    qualifying: z.boolean(),
    active: z.boolean(),
    sortOrder: z.number().int().min(0).max(9999),
  })
  .partial()
  .strict();

export const staffInputSchema = z
  .object({
    name: text("氏名", 100),
    departmentId: idInput("部署のIDが正しくありません").nullable().default(null),
    employmentType: z.enum(EMPLOYMENT_TYPES, {
      error: "雇用形態は full_time・part_time・contract・other のいずれかです",
    }),
    fromDate: dateInput("在籍開始日"),
    toDate: dateInput("在籍終了日").nullable().default(null),
    qualifications: z
      .array(
        z
          .object({
            // a qualification's code or name (FP技能士2級)
            qualification: text("資格", 100),
            acquiredOn: dateInput("取得日"),
            expiresOn: dateInput("有効期限").nullable().default(null),
          })
          .strict(),
      )
      .max(30)
      .default([]),
  })
  .strict();
export type StaffInput = z.infer<typeof staffInputSchema>;

const trainingFields = {
  heldOn: dateInput("実施日"),
  // a training kind's code or name (商品)
  kind: text("研修の種類", 100),
  title: text("研修名", 200),
  attendees: count("参加人数"),
  note: optionalText(2000),
};
export const trainingInputSchema = z
  .object({ ...trainingFields, attendees: trainingFields.attendees.default(0) })
  .strict();
export type TrainingInput = z.infer<typeof trainingInputSchema>;
// Built from the fields without their defaults: zod 4 applies a default inside .partial(), so a patch naming
// only the title would otherwise reset the attendance to 0.
export const trainingPatchSchema = z.object(trainingFields).partial().strict();
export type TrainingPatch = z.infer<typeof trainingPatchSchema>;

const outreachEventFields = {
  heldOn: dateInput("開催日"),
  kind: z.enum(EVENT_KINDS, { error: "種類は event・seminar・consultation_session のいずれかです" }),
  title: text("名称", 200),
  attendance: count("参加人数"),
};
export const outreachEventInputSchema = z
  .object({ ...outreachEventFields, attendance: outreachEventFields.attendance.default(0) })
  .strict();
export type OutreachEventInput = z.infer<typeof outreachEventInputSchema>;
export const outreachEventPatchSchema = z.object(outreachEventFields).partial().strict();
export type OutreachEventPatch = z.infer<typeof outreachEventPatchSchema>;

export const businessFigureInputSchema = z
  .object({
    month: inputText()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月は 2023-04 の形で入力してください"),
    metric: z.enum(BUSINESS_METRICS, {
      error: "項目は consultations・new_contracts・early_lapses・renewals のいずれかです",
    }),
    line: inputText().trim().max(50).default(""),
    numerator: count("件数"),
    denominator: count("分母（満期件数）").nullable().default(null),
  })
  .strict();
export type BusinessFigureInput = z.infer<typeof businessFigureInputSchema>;
export const businessFigureImportQuerySchema = z
  .object({
    dryRun: z
      .enum(["true", "false"], { error: "dryRun は true か false です" })
      .optional()
      .describe("true: 確認だけ（何も保存しません）"),
  })
  .strict();
export const businessFigureImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** rows read from the file and checked */
  checked: z.number(),
  /** rows stored (0 on a dry run) */
  saved: z.number(),
  /** rows that replace a figure already stored for the same month, metric and line */
  replaced: z.number(),
});
export type BusinessFigureImportResult = z.infer<typeof businessFigureImportResultSchema>;

export const businessFiguresInputSchema = z
  .object({ rows: z.array(businessFigureInputSchema).min(1, "1行以上入力してください").max(2000) })
  .strict();

/** The improvement task an audit's improvement item becomes: who owns it and by when (the title defaults to the item). */
export const auditImprovementInputSchema = z
  .object({
    ownerDepartmentId: idInput("担当部署を選んでください", "担当部署を選んでください"),
    dueDate: dateInput("改善の期限"),
    title: inputText().trim().max(200, "件名は200文字以内で入力してください").nullable().optional(),
  })
  .strict();
export type AuditImprovementInput = z.infer<typeof auditImprovementInputSchema>;

const auditFields = {
  heldOn: dateInput("実施日"),
  kind: z.enum(AUDIT_KINDS, { error: "種類は self・internal・external のいずれかです" }),
  auditor: text("実施者", 200),
  findings: optionalText(4000),
};
export const auditInputSchema = z
  .object({
    ...auditFields,
    items: z.array(text("改善項目", 1000)).max(100).default([]),
    // given: each improvement item becomes an improvement task (提案) owned by this department
    improvement: auditImprovementInputSchema.omit({ title: true }).nullable().optional(),
  })
  .strict();
export type AuditInput = z.infer<typeof auditInputSchema>;
/**
 * An audit as edited: its own fields, and (when given) its improvement items in full — an item with an id keeps
 * that item (and the improvement task it became), one without is new, a stored item left out is removed.
 */
export const auditPatchSchema = z
  .object({
    ...auditFields,
    items: z
      .array(
        z
          .object({
            id: idInput("改善項目のIDが正しくありません").nullable().optional(),
            content: text("改善項目", 1000),
          })
          .strict(),
      )
      .max(100, "改善項目は100件までです"),
  })
  .partial()
  .strict();
export type AuditPatch = z.infer<typeof auditPatchSchema>;
/** Linking an audit's improvement item to an improvement task that already exists. */
export const auditItemLinkInputSchema = z
  .object({ improvementId: idInput("紐づける改善課題を選んでください", "紐づける改善課題を選んでください") })
  .strict();
export type AuditItemLinkInput = z.infer<typeof auditItemLinkInputSchema>;

const elderlyHandlingFields = {
  handledOn: dateInput("対応日"),
  customerRef: text("お客さまの参照番号", 100),
  staffName: text("担当者", 100),
  // codes or names of elderly_measure labels (親族同席)
  measures: z.array(text("対応方法", 100)).min(1, "対応方法を1つ以上選んでください").max(10),
  note: optionalText(2000),
};
export const elderlyHandlingInputSchema = z.object(elderlyHandlingFields).strict();
export type ElderlyHandlingInput = z.infer<typeof elderlyHandlingInputSchema>;
export const elderlyHandlingPatchSchema = z.object(elderlyHandlingFields).partial().strict();
export type ElderlyHandlingPatch = z.infer<typeof elderlyHandlingPatchSchema>;

export const intentRecordInputSchema = z
  .object({
    recordedOn: dateInput("記録日"),
    customerRef: text("お客さまの参照番号", 100),
    staffName: optionalText(100),
    initialIntent: optionalText(2000),
    finalIntent: optionalText(2000),
    product: optionalText(200),
    reason: optionalText(2000),
    intentChangedReason: optionalText(2000),
    customerConfirmedOn: dateInput("お客さま確認日").nullable().optional(),
  })
  .strict();
export type IntentRecordInput = z.infer<typeof intentRecordInputSchema>;
export const intentRecordPatchSchema = intentRecordInputSchema.partial().strict();
export type IntentRecordPatch = z.infer<typeof intentRecordPatchSchema>;

// ---------------------------------------------------------------- responses

export const idResponseSchema = z.object({ id: z.number() });
export const labelSchema = z.object({
  id: z.number(),
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  qualifying: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number(),
});
export const staffSchema = z.object({
  id: z.number(),
  name: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  employmentType: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  qualifications: z.array(
    z.object({ id: z.number(), name: z.string(), acquiredOn: z.string(), expiresOn: z.string().nullable() }),
  ),
});
export const trainingSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  attendees: z.number(),
  note: z.string().nullable(),
});
export const outreachEventSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  kind: z.string(),
  title: z.string(),
  attendance: z.number(),
});
export const businessFigureSchema = z.object({
  id: z.number(),
  month: z.string(),
  metric: z.string(),
  line: z.string(),
  numerator: z.number(),
  denominator: z.number().nullable(),
});
export const auditSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  kind: z.string(),
  auditor: z.string(),
  findings: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number(),
      content: z.string(),
      improvementId: z.number().nullable(),
      /** the improvement task the item became (its title and status code), null until it is registered */
      improvement: z.object({ id: z.number(), title: z.string(), status: z.string() }).nullable(),
    }),
  ),
});
export const auditItemImprovementSchema = z.object({ id: z.number(), improvementId: z.number() });
export const elderlyHandlingSchema = z.object({
  id: z.number(),
  handledOn: z.string(),
  customerRef: z.string(),
  staffName: z.string(),
  measures: z.array(z.string()),
  note: z.string().nullable(),
});
export const intentRecordSchema = z.object({
  id: z.number(),
  recordedOn: z.string(),
  customerRef: z.string(),
  staffName: z.string().nullable(),
  initialIntent: z.string().nullable(),
  finalIntent: z.string().nullable(),
  product: z.string().nullable(),
  reason: z.string().nullable(),
  intentChangedReason: z.string().nullable(),
  customerConfirmedOn: z.string().nullable(),
  /** the items still missing (completeness check), in Japanese */
  missing: z.array(z.string()),
});
export type IntentRecord = z.infer<typeof intentRecordSchema>;

export const activityRangeQuerySchema = z
  .object({
    from: inputText().optional(),
    to: inputText().optional(),
  })
  .strict();

// ---------------------------------------------------------------- the UI's types

export type ActivityLabel = z.infer<typeof labelSchema>;
export type StaffMember = z.infer<typeof staffSchema>;
export type Training = z.infer<typeof trainingSchema>;
export type OutreachEvent = z.infer<typeof outreachEventSchema>;
export type BusinessFigure = z.infer<typeof businessFigureSchema>;
export type Audit = z.infer<typeof auditSchema>;
export type ElderlyHandling = z.infer<typeof elderlyHandlingSchema>;
/** A grid row as the monthly-figures screen sends it (the schema's input side). */
export type BusinessFigureBody = z.input<typeof businessFigureInputSchema>;
