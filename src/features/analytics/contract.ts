/**
 * Analytics' API contract: the query strings of the counts, handling figures and work queues, and the shapes they
 * answer with. The UI's types are inferred from these schemas. Browser-safe (zod and src/shared only).
 */
import { z } from "zod";
import { inputText, ROLES } from "../../shared/api-contract.js";
import { voiceListQuerySchema } from "../../shared/voice-list-query.js";

// ---------------------------------------------------------------- dimensions

export const DIMENSIONS = [
  "type",
  "category",
  "channel",
  "product_line",
  "department",
  "status",
  "priority",
  "prefecture",
  "age_band",
  "gender",
  "month",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  type: "種別",
  category: "分類",
  channel: "受付チャネル",
  product_line: "商品",
  department: "部署",
  status: "状態",
  priority: "優先度",
  prefecture: "都道府県",
  age_band: "年代",
  gender: "性別",
  month: "月",
};

const DIMENSION_LIST = DIMENSIONS.join(", ");

/** `by=type,category` → ["type", "category"]: one or two known dimensions, each once; else a Japanese message. */
export function parseDimensions(
  raw: string | undefined,
): { ok: true; dimensions: Dimension[] } | { ok: false; message: string } {
  const parts = (raw ?? "")
    .normalize("NFKC")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return { ok: true, dimensions: ["type"] };
  const unknown = parts.find((p) => !(DIMENSIONS as readonly string[]).includes(p));
  if (unknown !== undefined)
    return {
      ok: false,
      message: `集計の軸（by）に「${unknown}」は指定できません。${DIMENSION_LIST} から1つか2つを指定してください`,
    };
  if (parts.length > 2) return { ok: false, message: "集計の軸（by）は2つまでです（例: by=type,category）" };
  if (parts.length === 2 && parts[0] === parts[1])
    return { ok: false, message: "集計の軸（by）に同じ軸を2回指定することはできません" };
  return { ok: true, dimensions: parts as Dimension[] };
}

// ---------------------------------------------------------------- requests

/** The voice list's filters (type, category, channel, status, department, assignee, overdue, q); the period replaces from/to. */
const listFilters = voiceListQuerySchema.omit({ from: true, to: true, sort: true, page: true, limit: true });

export const COMPARE_OPTIONS = ["previous_year", "none"] as const;
export type CompareOption = (typeof COMPARE_OPTIONS)[number];

const periodFields = {
  period: inputText()
    .max(60)
    .optional()
    .describe(
      "集計期間: fy2022（年度）、fy2022h1 / fy2022h2（上期・下期）、fy2022q3（四半期）、2025-04（月）。from・to と同時には指定できません。省略時は今年度",
    ),
  from: inputText().max(60).optional().describe("期間指定の開始日（2025/4/1 など。to と組で）"),
  to: inputText().max(60).optional().describe("期間指定の終了日（この日を含む）"),
  compare: z
    .enum(COMPARE_OPTIONS, { error: "比較（compare）は previous_year（前年同期）か none（比較なし）です" })
    .optional()
    .describe("比較期間: previous_year（前年同期、既定）または none"),
};

export const countsQuerySchema = listFilters.extend({
  ...periodFields,
  by: inputText()
    .max(100)
    .superRefine((value, ctx) => {
      const r = parseDimensions(value);
      if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
    })
    .optional()
    .describe(`集計の軸を1つか2つ、カンマ区切りで（${DIMENSION_LIST}）。省略時は type`),
});
export type CountsQuery = z.infer<typeof countsQuerySchema>;

export const handlingQuerySchema = listFilters.extend(periodFields);
export type HandlingQuery = z.infer<typeof handlingQuerySchema>;

// ---------------------------------------------------------------- responses

export const periodInfoSchema = z.object({
  kind: z.enum(["fiscal_year", "half", "quarter", "month", "custom"]),
  /** fy2022, fy2022h1, 2025-04, or 2025-04-01..2025-06-30 */
  key: z.string(),
  /** 2022年度 */
  label: z.string(),
  /** 2022/6/1〜2023/5/31 */
  rangeLabel: z.string(),
  from: z.string().describe("初日（YYYY-MM-DD、日本時間）"),
  to: z.string().describe("最終日（この日を含む）"),
  /** upcoming: not begun (counts are honestly zero); in_progress: today is in it; complete */
  state: z.enum(["upcoming", "in_progress", "complete"]),
  elapsedDays: z.number().int(),
  totalDays: z.number().int(),
});
export type PeriodInfo = z.infer<typeof periodInfoSchema>;

export const dimensionValueSchema = z.object({
  dimension: z.enum(DIMENSIONS),
  /** the code (labels, departments, statuses, priorities), the value (prefecture…), YYYY-MM (month); null = not set */
  key: z.string().nullable(),
  /** the label's or department's id, where there is one */
  id: z.number().int().nullable(),
  /** Japanese, as the organisation names it today (a renamed label keeps its voices) */
  label: z.string(),
});
export type DimensionValue = z.infer<typeof dimensionValueSchema>;

const countFields = {
  count: z.number().int(),
  /** the comparison period's count; null without a comparison */
  previous: z.number().int().nullable(),
  /** count − previous (件) */
  change: z.number().int().nullable(),
  /** change ÷ previous × 100, one decimal; null without a comparison or when previous is 0 */
  changePercent: z.number().nullable(),
  /** share of the total, %, one decimal; null when the total is 0 */
  sharePercent: z.number().nullable(),
  /**
   * The voice list's query string (GET /api/v1/voices?… or the list page's URL query) that lists exactly the voices
   * counted here; null where the list has no filter for a key (product line, priority, customer attributes, not set).
   */
  listQuery: z.string().nullable(),
};

export const countCellSchema = z.object(countFields);
export type CountCell = z.infer<typeof countCellSchema>;

export const countRowSchema = z.object({
  /** one value per dimension of `by`, in order */
  keys: z.array(dimensionValueSchema),
  ...countFields,
  /** with two dimensions: the share within the first key's subtotal (each type by category), %, one decimal */
  shareOfGroupPercent: z.number().nullable(),
});
export type CountRow = z.infer<typeof countRowSchema>;

export const countsResponseSchema = z.object({
  period: periodInfoSchema,
  /** 前年同期 (the days run so far, a year earlier, while the period is in progress); null with compare=none */
  comparison: periodInfoSchema.nullable(),
  by: z.array(z.enum(DIMENSIONS)),
  /** set when the counts are limited to one department (staff see their own) */
  department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  total: countCellSchema,
  /** the totals of each dimension of `by` alone (for two dimensions: the rows' subtotals, then column totals) */
  byDimension: z.array(z.array(countRowSchema)),
  /** one row per combination of values; labels, statuses, priorities and months are listed even when 0 */
  rows: z.array(countRowSchema),
});
export type CountsResponse = z.infer<typeof countsResponseSchema>;

const rateSchema = z.object({
  /** voices whose deadline has passed or that were done: the ones the rate is about */
  due: z.number().int(),
  /** of them, done by the end of the deadline day (JST) */
  withinDeadline: z.number().int(),
  /** withinDeadline ÷ due × 100, one decimal; null when nothing is due */
  percent: z.number().nullable(),
});

const closeTimeSchema = z.object({
  closed: z.number().int(),
  /** median business days from the day of receipt to the day of closing; null when none closed */
  medianBusinessDays: z.number().nullable(),
});

export const handlingFiguresSchema = z.object({
  /** 受付連絡（acknowledgement）within its deadline: voices with an acknowledgement deadline */
  acknowledged: rateSchema,
  /** resolved within the resolution deadline */
  resolved: rateSchema,
  /** past a deadline and not done, today */
  overdueNow: z.object({ count: z.number().int(), listQuery: z.string() }),
  daysToClose: z.object({ complaint: closeTimeSchema, request: closeTimeSchema }),
  /** 再開 events on these voices */
  reopened: z.number().int(),
  /** complaints reported to an insurer (保険会社への報告) */
  complaintsEscalatedToInsurer: z.number().int(),
});
export type HandlingFigures = z.infer<typeof handlingFiguresSchema>;

export const handlingRowSchema = handlingFiguresSchema.extend({
  /** null on the total row */
  department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  /** the same figures for the comparison period; null without one */
  previous: handlingFiguresSchema.nullable(),
});
export type HandlingRow = z.infer<typeof handlingRowSchema>;

export const handlingResponseSchema = z.object({
  period: periodInfoSchema,
  comparison: periodInfoSchema.nullable(),
  department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  total: handlingRowSchema,
  /** every department with figures in either period (only one's own for staff) */
  departments: z.array(handlingRowSchema),
});
export type HandlingResponse = z.infer<typeof handlingResponseSchema>;

export const WORK_QUEUE_KINDS = [
  "awaiting_approval",
  "unassigned",
  "overdue",
  "assigned_to_me",
  "my_overdue",
] as const;

export const workQueueSchema = z.object({
  kind: z.enum(WORK_QUEUE_KINDS),
  /** 承認待ち, 未割り当て, 期限超過, 自分の担当, 自分の期限超過 */
  label: z.string(),
  /** the department the queue is about; null for all departments or one's own voices */
  department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  count: z.number().int(),
  /** opens the voice list on exactly these voices */
  listQuery: z.string(),
});
export type WorkQueue = z.infer<typeof workQueueSchema>;

export const queuesResponseSchema = z.object({
  role: z.enum(ROLES),
  queues: z.array(workQueueSchema),
});
export type QueuesResponse = z.infer<typeof queuesResponseSchema>;
