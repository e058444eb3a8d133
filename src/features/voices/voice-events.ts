/**
 * A voice's timeline (対応履歴): appending and reading it. Append-only: nothing here updates or deletes an event.
 */
import type { Db } from "../../db/database.js";
import type { MergedVoice, TimelineEvent } from "../../shared/api-contract.js";

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

export async function loadTimeline(db: Db, voiceId: number): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom("voice_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.id", "e.kind", "e.at", "e.data", "e.actor_id", "u.name as actor_name"])
    .where("e.voice_id", "=", voiceId)
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

/** The voices merged into this one (from its "merged" events), each with its own full timeline. */
export async function loadMergedVoices(
  db: Db,
  timeline: { kind: string; data: Record<string, unknown> }[],
): Promise<MergedVoice[]> {
  const out: MergedVoice[] = [];
  for (const e of timeline) {
    if (e.kind !== "merged" || e.data.role !== "survivor" || typeof e.data.mergedId !== "number") continue;
    out.push({
      id: e.data.mergedId,
      receiptNumber: String(e.data.mergedReceiptNumber ?? ""),
      timeline: await loadTimeline(db, e.data.mergedId),
    });
  }
  return out;
}
