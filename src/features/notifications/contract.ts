/** The notifications API's request and response shapes (the bell, the list, mail preferences). */
import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../domain/notification-kinds.js";
import { idInput } from "../../shared/api-contract.js";

export const notificationSchema = z.object({
  id: z.int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe("開く画面（/voices/12 など）"),
  voiceId: z.int().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.object({
  unread: z.enum(["true", "false"], { error: "unread は true か false です" }).optional(),
  kind: z.enum(NOTIFICATION_KINDS, { error: "通知の種類が正しくありません" }).optional(),
  limit: z.coerce
    .number({ error: "limit は数値です" })
    .int("limit は整数です")
    .min(1, "limit は1以上です")
    .max(200, "limit は200以下です")
    .optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.int().describe("未読の件数（ベルの数字）"),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ unread: z.int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const markReadInput = z
  .object({
    ids: z
      .array(idInput("通知のIDが正しくありません"), { error: "ids は通知IDの配列です" })
      .max(500, "一度に既読にできるのは500件までです")
      .optional(),
    all: z.boolean({ error: "all は true か false です" }).optional(),
  })
  .refine((v) => (v.ids?.length ?? 0) > 0 || v.all === true, {
    message: "既読にする通知（ids）か、すべて（all: true）を指定してください",
    path: ["ids"],
  });
export type MarkReadInput = z.infer<typeof markReadInput>;

export const preferenceSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  label: z.string(),
  email: z.boolean().describe("メールでも受け取る"),
});
export const preferencesSchema = z.object({
  items: z.array(preferenceSchema),
  mailConfigured: z.boolean().describe("サーバーにメール送信（KOE_SMTP_URL）が設定されているか"),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesInput = z.object({
  items: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS, { error: "通知の種類が正しくありません" }),
        email: z.boolean({ error: "メールで受け取るかどうかは true か false で指定してください" }),
      }),
      { error: "items は通知の種類ごとの設定の配列です" },
    )
    .min(1, "設定を1つ以上指定してください")
    .max(NOTIFICATION_KINDS.length * 2),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/notifications": { query: NotificationListQuery; response: NotificationList };
    "GET /api/v1/notifications/unread-count": { response: UnreadCount };
    "POST /api/v1/notifications/read": { body: MarkReadInput; response: UnreadCount };
    "GET /api/v1/notifications/preferences": { response: Preferences };
    "PUT /api/v1/notifications/preferences": { body: PreferencesInput; response: Preferences };
  }
}
