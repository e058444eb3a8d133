/**
 * Request and response shapes of the voices area: registering, editing and acting on a voice, and the list.
 * The voice record itself (summary, detail, customer, timeline) is in src/shared/api-contract.ts, since the
 * text, import and analytics areas show it too. Browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import type { VoiceDetail, VoiceListQuery } from "../../shared/api-contract.js";
import {
  customerInput,
  ID_RANGE,
  idInput,
  inputText,
  MAX_ID,
  optionalText,
  voiceSummarySchema,
} from "../../shared/api-contract.js";
import { PRIORITIES } from "../../shared/constants.js";

/**
 * Labels are given by code (e.g. "complaint"), name or id. The schema checks only types; which fields are
 * required is checked by the service so that every missing or unknown field is reported in one answer.
 */
export const labelInput = z.union([inputText().trim().max(60), idInput()], {
  error: "コード・名称・ID のいずれかで指定してください",
});

export const createVoiceInput = z.object({
  receivedAt: inputText({ error: "受付日時は文字列で指定してください" }).max(60).nullish(),
  channel: labelInput.nullish(),
  type: labelInput.nullish(),
  category: labelInput.nullish(),
  productLine: labelInput.nullish(),
  department: labelInput.nullish(),
  content: inputText({ error: "内容は文字列で指定してください" }).nullish(),
  remedySought: optionalText(2000),
  priority: z.enum(PRIORITIES).optional(),
  assigneeId: idInput(`担当者のIDは${ID_RANGE}`).nullish(),
  customer: customerInput.nullish(),
  insurerReport: z
    .object({ insurer: optionalText(100), reportedAt: inputText().nullish(), answer: optionalText(4000) })
    .nullish(),
  /** the automatic classification shown while the text was typed; recorded in the timeline as "classified" */
  classification: z
    .object({
      suggestedType: inputText().max(60),
      suggestedCategory: inputText().max(60).nullish(),
      typeConfidence: z.number().min(0).max(1),
      categoryConfidence: z.number().min(0).max(1).nullish(),
      /** the 「苦情の可能性」 flag shown with the suggestion, and whether the user confirmed the type against it */
      complaintFlagged: z.boolean().nullish(),
      pComplaint: z.number().min(0).max(1).nullish(),
      typeConfirmed: z.boolean().nullish(),
    })
    .nullish(),
});
export type CreateVoiceInput = z.infer<typeof createVoiceInput>;

export const updateVoiceInput = createVoiceInput.partial().extend({
  version: z
    .number({ error: "version は数値で指定してください" })
    .int("version は整数で指定してください")
    .min(1, "version は1以上です")
    .max(MAX_ID, "version が正しくありません。最新の内容を読み込み直してください"),
  /** why a complaint is changed to another type: required then, and recorded in the timeline */
  typeChangeReason: inputText({ error: "種別変更の理由は文字列で指定してください" })
    .trim()
    .max(2000, "種別変更の理由は2,000文字以内で入力してください")
    .nullish(),
});
export type UpdateVoiceInput = z.infer<typeof updateVoiceInput>;

export const voiceActionInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), assigneeId: idInput(`担当者のIDは${ID_RANGE}`).nullable() }),
  z.object({ action: z.literal("start") }),
  z.object({
    action: z.literal("respond"),
    respondedAt: inputText().optional(),
    method: inputText().trim().min(1).max(40),
    content: inputText().trim().min(1).max(4000),
  }),
  z.object({ action: z.literal("comment"), body: inputText().trim().min(1).max(4000) }),
  z.object({ action: z.literal("resolve"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("approve"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("close"), note: inputText().trim().max(4000).optional() }),
  z.object({ action: z.literal("reopen"), reason: inputText().trim().min(1).max(4000) }),
  z.object({ action: z.literal("void"), reason: inputText().trim().min(1).max(4000) }),
]);
export type VoiceActionInput = z.infer<typeof voiceActionInput>;

export const voiceListSchema = z
  .object({
    items: z.array(voiceSummarySchema),
    total: z.int(),
    /** a keyword search with more than 2,000 hits (SEARCH_CAP): total is a lower bound (「2,000件以上」), newest first */
    totalCapped: z
      .boolean()
      .optional()
      .describe("キーワード検索のヒットが2,000件を超えたとき true（total は下限、新しい順）"),
    page: z.int(),
    limit: z.int(),
  })
  .describe("声の一覧の1ページと全件数");
export type VoiceList = z.infer<typeof voiceListSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/voices": { query: VoiceListQuery; response: VoiceList };
    "POST /api/v1/voices": { body: CreateVoiceInput; response: VoiceDetail };
    "GET /api/v1/voices/:id": { response: VoiceDetail };
    "PATCH /api/v1/voices/:id": { body: UpdateVoiceInput; response: VoiceDetail };
    "POST /api/v1/voices/:id/actions": { body: VoiceActionInput; response: VoiceDetail };
  }
}
