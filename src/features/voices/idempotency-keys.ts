/**
 * Idempotency keys of POST /api/v1/voices: the first request with a key reserves it, and its voice id is
 * stored when it succeeds; a retry with the same key gets that voice back instead of registering another.
 */
import type { Db } from "../../db/database.js";
import { nowIso } from "../../services/clock.js";

/** A reservation whose request never finished (crashed process) may be taken over after this long. */
export const STALE_RESERVATION_MS = 2 * 60 * 1000;

export type Reservation =
  | { kind: "reserved"; id: number }
  | { kind: "done"; voiceId: number }
  | { kind: "in_flight" };

export async function reserveIdempotencyKey(db: Db, userId: number, key: string): Promise<Reservation> {
  const at = nowIso();
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({ user_id: userId, idem_key: key, voice_id: null, created_at: at })
    .onConflict((oc) => oc.columns(["user_id", "idem_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { kind: "reserved", id: inserted.id };
  const row = await db
    .selectFrom("idempotency_keys")
    .select(["id", "voice_id", "created_at"])
    .where("user_id", "=", userId)
    .where("idem_key", "=", key)
    .executeTakeFirst();
  if (!row) return reserveIdempotencyKey(db, userId, key);
  if (row.voice_id !== null) return { kind: "done", voiceId: row.voice_id };
  if (Date.now() - Date.parse(row.created_at) > STALE_RESERVATION_MS) {
    // Take over an abandoned reservation; the compare on created_at lets only one retry win.
    const taken = await db
      .updateTable("idempotency_keys")
      .set({ created_at: at })
      .where("id", "=", row.id)
      .where("created_at", "=", row.created_at)
      .where("voice_id", "is", null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { kind: "reserved", id: row.id };
  }
  return { kind: "in_flight" };
}

export async function completeIdempotencyKey(db: Db, id: number, voiceId: number): Promise<void> {
  await db.updateTable("idempotency_keys").set({ voice_id: voiceId }).where("id", "=", id).execute();
}

/** A failed request frees its key, so the client may retry it with the same key after fixing the input. */
export async function releaseIdempotencyKey(db: Db, id: number): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("id", "=", id).where("voice_id", "is", null).execute();
}
