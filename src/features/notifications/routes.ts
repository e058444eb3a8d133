/** Notification routes: the bell's unread count, the list, marking read, mail preferences. Always the user's own. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { requireUser } from "../../http/authentication.js";
import { nowIso } from "../../services/clock.js";
import { parseSmtpUrl } from "../../services/mail/smtp.js";
import { errorResponses } from "../../shared/api-contract.js";
import {
  markReadInput,
  notificationListQuery,
  notificationListSchema,
  preferencesInput,
  preferencesSchema,
  unreadCountSchema,
} from "./contract.js";
import { listNotifications, markRead, unreadCount } from "./list-notifications.js";
import { getPreferences, savePreferences } from "./preferences.js";

function mailConfigured(): boolean {
  try {
    return parseSmtpUrl(process.env.KOE_SMTP_URL) !== null;
  } catch {
    return false;
  }
}

export function notificationRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "自分あての通知（新しい順）と未読件数",
        querystring: notificationListQuery,
        response: { 200: notificationListSchema, ...errorResponses },
      },
    },
    async (request) => listNotifications(db, requireUser(request).id, request.query),
  );
  r.get(
    "/api/v1/notifications/unread-count",
    {
      schema: {
        tags: ["notifications"],
        summary: "未読の通知の件数（ベルの数字）",
        response: { 200: unreadCountSchema, ...errorResponses },
      },
    },
    async (request) => ({ unread: await unreadCount(db, requireUser(request).id) }),
  );
  r.post(
    "/api/v1/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "通知を既読にする（ids か all: true）",
        body: markReadInput,
        response: { 200: unreadCountSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await db.transaction().execute((trx) => markRead(trx, user.id, request.body, nowIso()));
      return { unread: await unreadCount(db, user.id) };
    },
  );
  r.get(
    "/api/v1/notifications/preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "通知ごとにメールでも受け取るかの設定",
        response: { 200: preferencesSchema, ...errorResponses },
      },
    },
    async (request) => getPreferences(db, requireUser(request).id, mailConfigured()),
  );
  r.put(
    "/api/v1/notifications/preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "メールで受け取る通知を変更",
        body: preferencesInput,
        response: { 200: preferencesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await db.transaction().execute((trx) => savePreferences(trx, user.id, request.body));
      return getPreferences(db, user.id, mailConfigured());
    },
  );
}
