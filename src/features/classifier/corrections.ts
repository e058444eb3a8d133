/** Corrections: a suggested type or category that staff changed, recorded so retraining can learn from it. */
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

/** Writes one row per changed suggestion (type, category); nothing when staff kept both. Returns the count. */
export async function recordCorrections(db: Db, o: SuggestionOutcome): Promise<number> {
  const at = nowIso();
  const rows = [];
  if (o.suggestedType !== o.chosenType)
    rows.push({ kind: "type" as const, suggested_code: o.suggestedType, chosen_code: o.chosenType });
  if (o.suggestedCategory !== null && o.suggestedCategory !== o.chosenCategory)
    rows.push({
      kind: "category" as const,
      suggested_code: o.suggestedCategory,
      chosen_code: o.chosenCategory,
    });
  if (rows.length === 0) return 0;
  await db
    .insertInto("classifier_corrections")
    .values(rows.map((r) => ({ ...r, voice_id: o.voiceId, actor_id: o.actorId, at })))
    .execute();
  return rows.length;
}

/** Corrections made since the model in use was activated (all of them while the built-in model is in use). */
export async function correctionsAwaiting(db: Db, since: string | null): Promise<number> {
  let q = db.selectFrom("classifier_corrections").select((eb) => eb.fn.countAll<number>().as("n"));
  if (since) q = q.where("at", ">", since);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}
