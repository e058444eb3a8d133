/** A user's notifications (newest first) and unread count; marking them read. Only ever the user's own. */
import type { Db } from "../../db/database.js";
import type { NotificationKind } from "../../domain/notification-kinds.js";
import type { MarkReadInput, Notification, NotificationList, NotificationListQuery } from "./contract.js";

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(
  db: Db,
  userId: number,
  query: NotificationListQuery,
): Promise<NotificationList> {
  let q = db
    .selectFrom("notifications")
    .select(["id", "kind", "title", "body", "link", "voice_id", "created_at", "read_at"])
    .where("user_id", "=", userId);
  if (query.unread === "true") q = q.where("read_at", "is", null);
  if (query.unread === "false") q = q.where("read_at", "is not", null);
  if (query.kind) q = q.where("kind", "=", query.kind);
  const rows = await q
    .orderBy("id", "desc")
    .limit(query.limit ?? 50)
    .execute();
  const items: Notification[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    title: r.title,
    body: r.body,
    link: r.link,
    voiceId: r.voice_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
  return { items, unread: await unreadCount(db, userId) };
}

export async function markRead(db: Db, userId: number, input: MarkReadInput, at: string): Promise<number> {
  let q = db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
  if (!input.all) q = q.where("id", "in", input.ids ?? []);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
