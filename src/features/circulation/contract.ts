/** 回覧 (circulation) and the 声の日 digest schedule: request and response shapes. */
import { z } from "zod";
import { REMIND_AFTER_MAX_DAYS } from "../../domain/circulation-rules.js";
import { idInput, inputText, ROLES, userRefSchema, voiceSummarySchema } from "../../shared/api-contract.js";
import { improvementRefSchema } from "../improvements/contract.js";

const ids = (label: string) =>
  z
    .array(idInput(`${label}のIDが正しくありません`), { error: `${label}はIDの配列で指定してください` })
    .max(500, `${label}は500件までです`)
    .optional();

export const sendCirculationInput = z.object({
  title: inputText({ error: "件名を入力してください" })
    .trim()
    .min(1, "件名を入力してください")
    .max(200, "件名は200文字以内で入力してください"),
  message: inputText({ error: "メッセージを入力してください" })
    .trim()
    .min(1, "メッセージを入力してください")
    .max(4000, "メッセージは4000文字以内で入力してください"),
  note: inputText({ error: "お知らせ文は文字列で指定してください" })
    .trim()
    .max(8000, "お知らせ文は8000文字以内で入力してください")
    .nullish(),
  voiceIds: z
    .array(idInput("声のIDが正しくありません"), { error: "声（voiceIds）はIDの配列で指定してください" })
    .max(200, "一度に回覧できる声は200件までです")
    .optional(),
  voiceQuery: inputText({ error: "声の絞り込み（voiceQuery）は文字列で指定してください" })
    .trim()
    .max(2000, "声の絞り込みは2000文字以内で指定してください")
    .nullish()
    .describe(
      "声の一覧の絞り込み（クエリ文字列、例: type=complaint&from=2026/11/1）。送る時点の該当の声（最大200件）",
    ),
  improvementId: idInput("改善課題のIDは1以上の整数です")
    .nullish()
    .describe("回覧する改善課題（声・お知らせ文と一緒に、またはそれだけで）"),
  to: z.object(
    {
      departmentIds: ids("宛先の部署"),
      roles: z
        .array(z.enum(ROLES, { error: "宛先の役割が正しくありません" }), {
          error: "宛先の役割は配列で指定してください",
        })
        .max(ROLES.length)
        .optional(),
      userIds: ids("宛先の職員"),
    },
    { error: "宛先（to）を指定してください" },
  ),
  remindAfterDays: z
    .number({ error: `督促までの日数は1〜${REMIND_AFTER_MAX_DAYS}の整数で指定してください` })
    .int(`督促までの日数は1〜${REMIND_AFTER_MAX_DAYS}の整数で指定してください`)
    .min(1, `督促までの日数は1〜${REMIND_AFTER_MAX_DAYS}の整数で指定してください`)
    .max(REMIND_AFTER_MAX_DAYS, `督促までの日数は1〜${REMIND_AFTER_MAX_DAYS}の整数で指定してください`)
    .nullish()
    .describe("未読の人に督促する営業日数（1回だけ）。空なら督促しない"),
});
export type SendCirculationInput = z.infer<typeof sendCirculationInput>;

export const circulationSummarySchema = z.object({
  id: z.int(),
  title: z.string(),
  sender: userRefSchema,
  createdAt: z.string(),
  voiceCount: z.int(),
  /** the improvement sent round, if any */
  improvement: improvementRefSchema.nullable(),
  recipientCount: z.int(),
  readCount: z.int(),
  /** the signed-in user's own confirmation; null when unread or not a recipient */
  myReadAt: z.string().nullable(),
  isRecipient: z.boolean(),
  remindAfterDays: z.int().nullable(),
});
export type CirculationSummary = z.infer<typeof circulationSummarySchema>;

export const circulationListQuery = z.object({
  box: z
    .enum(["received", "sent"], { error: "box は received（受信）か sent（送信）です" })
    .optional()
    .describe("received: 自分あて（既定）、sent: 自分が送ったもの"),
});
export type CirculationListQuery = z.infer<typeof circulationListQuery>;

export const circulationListSchema = z.object({ items: z.array(circulationSummarySchema) });
export type CirculationList = z.infer<typeof circulationListSchema>;

export const circulationRecipientSchema = z.object({
  user: userRefSchema,
  department: z.string().nullable(),
  readAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
});

export const circulationDetailSchema = circulationSummarySchema.extend({
  message: z.string(),
  improvementDetail: z
    .object({
      problem: z.string(),
      result: z.string().nullable(),
      ownerDepartment: z.string(),
      voiceCount: z.int(),
    })
    .nullable()
    .describe("回覧した改善課題の課題と改善したこと（改善課題がなければ null）"),
  note: z.string().nullable(),
  voiceQuery: z.string().nullable(),
  voices: z.array(voiceSummarySchema),
  recipients: z.array(circulationRecipientSchema),
  notRead: z.array(userRefSchema).describe("まだ既読にしていない人"),
  comments: z.array(z.object({ id: z.int(), user: userRefSchema, body: z.string(), createdAt: z.string() })),
});
export type CirculationDetail = z.infer<typeof circulationDetailSchema>;

export const circulationCommentInput = z.object({
  body: inputText({ error: "コメントを入力してください" })
    .trim()
    .min(1, "コメントを入力してください")
    .max(2000, "コメントは2000文字以内で入力してください"),
});
export type CirculationCommentInput = z.infer<typeof circulationCommentInput>;

export const digestScheduleSchema = z.object({
  enabled: z.boolean().describe("週次の声の日ダイジェストを送る"),
  weekday: z.int().describe("曜日（0 = 日曜 … 6 = 土曜、日本時間）"),
  hour: z.int().describe("時（0〜23、日本時間）"),
  nextSendAt: z.string().nullable().describe("次に送る日時（ISO、送らない設定なら null）"),
  lastWeekSent: z.string().nullable().describe("最後に送った週（送信日、YYYY-MM-DD）"),
});
export type DigestScheduleDto = z.infer<typeof digestScheduleSchema>;

export const digestScheduleInput = z.object({
  enabled: z.boolean({ error: "送るかどうか（enabled）は true か false で指定してください" }),
  weekday: z
    .number({ error: "曜日は0（日曜）〜6（土曜）の整数で指定してください" })
    .int("曜日は0（日曜）〜6（土曜）の整数で指定してください")
    .min(0, "曜日は0（日曜）〜6（土曜）の整数で指定してください")
    .max(6, "曜日は0（日曜）〜6（土曜）の整数で指定してください"),
  hour: z
    .number({ error: "時刻は0〜23の整数で指定してください" })
    .int("時刻は0〜23の整数で指定してください")
    .min(0, "時刻は0〜23の整数で指定してください")
    .max(23, "時刻は0〜23の整数で指定してください"),
});
export type DigestScheduleInput = z.infer<typeof digestScheduleInput>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/circulations": { body: SendCirculationInput; response: CirculationDetail };
    "GET /api/v1/circulations": { query: CirculationListQuery; response: CirculationList };
    "GET /api/v1/circulations/:id": { response: CirculationDetail };
    "POST /api/v1/circulations/:id/read": { response: CirculationDetail };
    "POST /api/v1/circulations/:id/comments": { body: CirculationCommentInput; response: CirculationDetail };
    "GET /api/v1/settings/digest": { response: DigestScheduleDto };
    "PUT /api/v1/settings/digest": { body: DigestScheduleInput; response: DigestScheduleDto };
  }
}
