/**
 * Creating notifications, in the caller's transaction (the one of the event that causes them). Each carries the
 * recipient's mail choice: "pending" puts it in the mail outbox (mail-outbox.ts sends it after the commit).
 * A notification with a dedupe key exists at most once (unique index): a second insert is a no-op.
 */
import type { Db } from "../../db/database.js";
import type { NotificationKind } from "../../domain/notification-kinds.js";
import { EMAIL_BY_DEFAULT } from "../../domain/notification-kinds.js";

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string | null;
  voiceId?: number | null;
  dedupeKey?: string | null;
}

const TITLE_MAX = 300;

/** Whether each user wants this kind by mail (their preference, else the kind's default). */
export async function mailChoices(db: Db, userIds: number[], kind: NotificationKind) {
  const choice = new Map(userIds.map((id) => [id, EMAIL_BY_DEFAULT[kind]]));
  if (userIds.length === 0) return choice;
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["user_id", "email"])
    .where("kind", "=", kind)
    .where("user_id", "in", userIds)
    .execute();
  for (const r of rows) choice.set(r.user_id, Boolean(r.email));
  return choice;
}

/** Inserts the notifications (active users only); returns how many were created. */
export async function notify(db: Db, items: NewNotification[], at: string): Promise<number> {
  if (items.length === 0) return 0;
  const userIds = [...new Set(items.map((n) => n.userId))];
  const active = new Set(
    (
      await db.selectFrom("users").select("id").where("id", "in", userIds).where("active", "=", 1).execute()
    ).map((u) => u.id),
  );
  let created = 0;
  const byKind = new Map<NotificationKind, NewNotification[]>();
  for (const n of items) if (active.has(n.userId)) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, list] of byKind) {
    const mail = await mailChoices(db, [...new Set(list.map((n) => n.userId))], kind);
    for (const n of list) {
      const rows = await db
        .insertInto("notifications")
        .values({
          user_id: n.userId,
          kind,
          title: Array.from(n.title).slice(0, TITLE_MAX).join(""),
          body: n.body,
          link: n.link ?? null,
          voice_id: n.voiceId ?? null,
          dedupe_key: n.dedupeKey ?? null,
          created_at: at,
          mail_status: mail.get(n.userId) ? "pending" : "none",
        })
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .returning("id")
        .execute();
      created += rows.length;
    }
  }
  return created;
}
