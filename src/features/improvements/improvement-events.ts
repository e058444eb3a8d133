/** The improvement's timeline: append-only (this module inserts and reads; nothing updates or deletes an event). */
import type { Db } from "../../db/database.js";
import type { ImprovementEvent } from "./contract.js";

export type ImprovementEventKind = ImprovementEvent["kind"];

export async function appendImprovementEvent(
  trx: Db,
  improvementId: number,
  kind: ImprovementEventKind,
  actorId: number | null,
  data: Record<string, unknown>,
  at = new Date().toISOString(),
): Promise<void> {
  await trx
    .insertInto("improvement_events")
    .values({ improvement_id: improvementId, kind, actor_id: actorId, at, data: JSON.stringify(data) })
    .execute();
}

export async function loadImprovementTimeline(db: Db, improvementId: number): Promise<ImprovementEvent[]> {
  const rows = await db
    .selectFrom("improvement_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .where("e.improvement_id", "=", improvementId)
    .select(["e.id", "e.kind", "e.at", "e.actor_id", "u.name as actor_name", "e.data"])
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ImprovementEventKind,
    at: r.at,
    actor: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? "" },
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
