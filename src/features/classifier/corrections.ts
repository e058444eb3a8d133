/**
 * Corrections: a suggested type or category that staff changed, recorded so retraining can learn from it — at
 * registration, on a later edit of the voice, and when cs settle a voice of the 確認待ち queue.
 */
import type { Db } from "../../db/database.js";
import { nowIso } from "../../services/clock.js";

export interface SuggestionOutcome {
  voiceId: number;
  actorId: number | null;
  suggestedType: string;
  chosenType: string;
  suggestedCategory: string | null;
  chosenCategory: string | null;
}

interface Correction {
  kind: "type" | "category";
  suggested_code: string;
  chosen_code: string | null;
}

/**
 * Writes the corrections a voice does not have yet: staff labelling a voice the same way twice (registration, then
 * the queue; or an edit, then the queue) is one label, so a (voice, kind, chosen label) is recorded once.
 */
async function insertCorrections(
  db: Db,
  voiceId: number,
  actorId: number | null,
  rows: Correction[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const existing = await db
    .selectFrom("classifier_corrections")
    .select(["kind", "chosen_code"])
    .where("voice_id", "=", voiceId)
    .execute();
  const known = new Set(existing.map((r) => `${r.kind}\u0000${r.chosen_code ?? ""}`));
  const fresh = rows.filter((r) => !known.has(`${r.kind}\u0000${r.chosen_code ?? ""}`));
  if (fresh.length === 0) return 0;
  const at = nowIso();
  await db
    .insertInto("classifier_corrections")
    .values(fresh.map((r) => ({ ...r, voice_id: voiceId, actor_id: actorId, at })))
    .execute();
  return fresh.length;
}

/** Writes one row per changed suggestion (type, category); nothing when staff kept both. Returns the count. */
export async function recordCorrections(db: Db, o: SuggestionOutcome): Promise<number> {
  const rows: Correction[] = [];
  if (o.suggestedType !== o.chosenType)
    rows.push({ kind: "type", suggested_code: o.suggestedType, chosen_code: o.chosenType });
  if (o.suggestedCategory !== null && o.suggestedCategory !== o.chosenCategory)
    rows.push({ kind: "category", suggested_code: o.suggestedCategory, chosen_code: o.chosenCategory });
  return insertCorrections(db, o.voiceId, o.actorId, rows);
}

export interface LabelEdit {
  voiceId: number;
  actorId: number | null;
  before: { type: string | null; category: string | null };
  after: { type: string | null; category: string | null };
}

/**
 * A later edit of a voice's type or category. The correction is measured against what koe suggested at registration
 * (the "classified" event); a voice registered without a suggestion (imported, public form, typed by hand) has the
 * label it had before the edit stand in for it. Changing back to the suggestion is no correction.
 */
export async function recordEditCorrections(db: Db, e: LabelEdit): Promise<number> {
  const typeChanged = e.before.type !== e.after.type && e.after.type !== null;
  const categoryChanged = e.before.category !== e.after.category;
  if (!typeChanged && !categoryChanged) return 0;
  const event = await db
    .selectFrom("voice_events")
    .select("data")
    .where("voice_id", "=", e.voiceId)
    .where("kind", "=", "classified")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const suggestion = event
    ? (JSON.parse(event.data) as { suggestedType?: string; suggestedCategory?: string | null })
    : null;
  const rows: Correction[] = [];
  const suggestedType = suggestion?.suggestedType ?? e.before.type;
  if (typeChanged && suggestedType && suggestedType !== e.after.type)
    rows.push({ kind: "type", suggested_code: suggestedType, chosen_code: e.after.type });
  const suggestedCategory = suggestion ? (suggestion.suggestedCategory ?? null) : e.before.category;
  if (categoryChanged && suggestedCategory && suggestedCategory !== e.after.category)
    rows.push({ kind: "category", suggested_code: suggestedCategory, chosen_code: e.after.category });
  return insertCorrections(db, e.voiceId, e.actorId, rows);
}

/** Corrections made since the model in use was activated (all of them while the built-in model is in use). */
export async function correctionsAwaiting(db: Db, since: string | null): Promise<number> {
  let q = db.selectFrom("classifier_corrections").select((eb) => eb.fn.countAll<number>().as("n"));
  if (since) q = q.where("at", ">", since);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}
