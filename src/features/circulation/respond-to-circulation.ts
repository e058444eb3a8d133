/** A recipient confirms reading a circulation (既読, once; a second confirmation keeps the first time) or comments. */
import type { Db } from "../../db/database.js";
import { type Actor, canSeeCirculation } from "../../domain/roles.js";
import { AppError, forbidden, notFound } from "../../errors.js";

async function loadAccess(db: Db, actor: Actor, id: number) {
  const c = await db
    .selectFrom("circulations")
    .select(["id", "sender_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!c) throw notFound("回覧");
  const me = await db
    .selectFrom("circulation_recipients")
    .select(["read_at"])
    .where("circulation_id", "=", id)
    .where("user_id", "=", actor.id)
    .executeTakeFirst();
  return { c, me };
}

export async function confirmRead(db: Db, actor: Actor, id: number, at: string): Promise<void> {
  const { me } = await loadAccess(db, actor, id);
  if (!me) throw new AppError("forbidden", "この回覧の宛先ではないため既読にできません");
  await db
    .updateTable("circulation_recipients")
    .set({ read_at: at })
    .where("circulation_id", "=", id)
    .where("user_id", "=", actor.id)
    .where("read_at", "is", null)
    .execute();
}

export async function addComment(db: Db, actor: Actor, id: number, body: string, at: string): Promise<void> {
  const { c, me } = await loadAccess(db, actor, id);
  if (!canSeeCirculation(actor, { senderId: c.sender_id, recipientIds: me ? [actor.id] : [] }))
    throw forbidden("この回覧の宛先ではないためコメントできません");
  await db
    .insertInto("circulation_comments")
    .values({ circulation_id: id, user_id: actor.id, body, created_at: at })
    .execute();
}
