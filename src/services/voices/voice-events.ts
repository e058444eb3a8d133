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

/** One kind of a voice's events, oldest first, shaped as the domain reads timelines. */
export async function loadEventsOfKind(
  db: Db,
  voiceId: number,
  kind: string,
): Promise<{ kind: string; actor: { id: number } | null; data: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom("voice_events")
    .select(["kind", "actor_id", "data"])
    .where("voice_id", "=", voiceId)
    .where("kind", "=", kind)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    actor: r.actor_id === null ? null : { id: r.actor_id },
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
