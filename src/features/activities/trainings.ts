/** Trainings (研修) by kind, and events, seminars and consultation sessions (イベント・セミナー・相談会). */
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { resolveLabel } from "./activity-labels.js";
import type { OutreachEventInput, OutreachEventPatch, TrainingInput, TrainingPatch } from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

export async function createTraining(db: Db, input: TrainingInput, today: string): Promise<number> {
  assertNotFuture(input.heldOn, today, "heldOn", "実施日");
  const kind = await resolveLabel(db, "training_kind", input.kind, "kind", "研修の種類");
  const r = await db
    .insertInto("trainings")
    .values({
      held_on: input.heldOn,
      kind_id: kind.id,
      title: input.title,
      attendees: input.attendees,
      note: input.note ?? null,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listTrainings(db: Db, range: { from?: string; to?: string }) {
  let q = db
    .selectFrom("trainings as t")
    .innerJoin("activity_labels as l", "l.id", "t.kind_id")
    .select(["t.id", "t.held_on", "l.code", "l.name", "t.title", "t.attendees", "t.note"]);
  if (range.from) q = q.where("t.held_on", ">=", range.from);
  if (range.to) q = q.where("t.held_on", "<=", range.to);
  const rows = await q.orderBy("t.held_on").orderBy("t.id").execute();
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    kind: r.code,
    kindName: r.name,
    title: r.title,
    attendees: r.attendees,
    note: r.note,
  }));
}

/**
 * Changes the fields given of a recorded training; a kind retired since stays allowed on the training that has it.
 * Past periods recount from the edited facts.
 */
export async function updateTraining(db: Db, id: number, patch: TrainingPatch, today: string): Promise<void> {
  const old = await db.selectFrom("trainings").select("kind_id").where("id", "=", id).executeTakeFirst();
  if (!old) throw notFound("研修");
  assertNotFuture(patch.heldOn, today, "heldOn", "実施日");
  const kind =
    patch.kind === undefined
      ? undefined
      : await resolveLabel(db, "training_kind", patch.kind, "kind", "研修の種類", new Set([old.kind_id]));
  const set = {
    ...(patch.heldOn !== undefined && { held_on: patch.heldOn }),
    ...(kind && { kind_id: kind.id }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.attendees !== undefined && { attendees: patch.attendees }),
    ...(patch.note !== undefined && { note: patch.note }),
  };
  if (Object.keys(set).length) await db.updateTable("trainings").set(set).where("id", "=", id).execute();
}

export async function deleteTraining(db: Db, id: number): Promise<void> {
  const r = await db.deleteFrom("trainings").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("研修");
}

export async function createOutreachEvent(db: Db, input: OutreachEventInput, today: string): Promise<number> {
  assertNotFuture(input.heldOn, today, "heldOn", "開催日");
  const r = await db
    .insertInto("outreach_events")
    .values({
      held_on: input.heldOn,
      kind: input.kind,
      title: input.title,
      attendance: input.attendance,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listOutreachEvents(db: Db, range: { from?: string; to?: string }) {
  let q = db.selectFrom("outreach_events").select(["id", "held_on", "kind", "title", "attendance"]);
  if (range.from) q = q.where("held_on", ">=", range.from);
  if (range.to) q = q.where("held_on", "<=", range.to);
  const rows = await q.orderBy("held_on").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    kind: r.kind,
    title: r.title,
    attendance: r.attendance,
  }));
}

/** Changes the fields given of a recorded event, seminar or consultation session. */
export async function updateOutreachEvent(
  db: Db,
  id: number,
  patch: OutreachEventPatch,
  today: string,
): Promise<void> {
  const old = await db.selectFrom("outreach_events").select("id").where("id", "=", id).executeTakeFirst();
  if (!old) throw notFound("開催記録");
  assertNotFuture(patch.heldOn, today, "heldOn", "開催日");
  const set = {
    ...(patch.heldOn !== undefined && { held_on: patch.heldOn }),
    ...(patch.kind !== undefined && { kind: patch.kind }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.attendance !== undefined && { attendance: patch.attendance }),
  };
  if (Object.keys(set).length)
    await db.updateTable("outreach_events").set(set).where("id", "=", id).execute();
}

export async function deleteOutreachEvent(db: Db, id: number): Promise<void> {
  const r = await db.deleteFrom("outreach_events").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("開催記録");
}
