/** Appends to a voice's timeline (対応履歴). Append-only: nothing here updates or deletes an event. */
import type { Db } from "../../db/database.js";

export async function appendEvent(
  db: Db,
  e: { voiceId: number; kind: string; actorId: number | null; at: string; data?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("voice_events")
    .values({
      voice_id: e.voiceId,
      kind: e.kind,
      actor_id: e.actorId,
      at: e.at,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}
