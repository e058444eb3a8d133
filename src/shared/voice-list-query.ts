/**
 * The voice list's query string (GET /api/v1/voices): the filters every view of voices shares — the list, the
 * export, and the analytics' counts, whose every number opens the list with the same query. Browser-safe.
 */
import { z } from "zod";
import { inputText, MAX_ID, VOICE_SORTS } from "./api-contract.js";

const ASSIGNEE_MESSAGE = "担当者はユーザーID、me、none のいずれかで指定してください（カンマ区切りで複数）";

/** me, none or a user id within MAX_ID: a larger id would reach PostgreSQL's integer column and fail there. */
function isAssigneeList(value: string): boolean {
  return value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .every(
      (a) => a === "me" || a === "none" || (/^\d{1,10}$/.test(a) && Number(a) >= 1 && Number(a) <= MAX_ID),
    );
}

export const voiceListQuerySchema = z.object({
  from: inputText().optional().describe("受付日の開始（2025/4/1 など）"),
  to: inputText().optional().describe("受付日の終了（この日を含む）"),
  type: inputText().optional().describe("種別コード（カンマ区切りで複数）"),
  category: inputText().optional(),
  channel: inputText().optional(),
  status: inputText().optional().describe("received,in_progress,resolved,closed,voided"),
  department: inputText().optional(),
  assignee: inputText().refine(isAssigneeList, ASSIGNEE_MESSAGE).optional().describe("ユーザーID、me、none"),
  overdue: z.enum(["true", "false"], { error: "overdue は true か false です" }).optional(),
  q: inputText().max(200).optional().describe("キーワード"),
  sort: z.enum(VOICE_SORTS, { error: "並び順の指定が正しくありません" }).optional(),
  page: z.coerce.number({ error: "page は数値です" }).int().min(1).optional(),
  limit: z.coerce
    .number({ error: "limit は数値です" })
    .int()
    .min(1)
    .max(200, "limit は200以下です")
    .optional(),
});
