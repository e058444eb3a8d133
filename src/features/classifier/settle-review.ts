/**
 * Settling a voice of the 確認待ち queue: its type confirmed by cs in the queue, or changed on the voice's own page.
 * Either way the queue row is closed and koe's suggestion against the confirmed type is recorded as a correction.
 */
import type { Db } from "../../db/database.js";
import { nowIso } from "../../services/clock.js";
import { type LabelEdit, recordCorrections, recordEditCorrections } from "./corrections.js";

/** Closes the voice's open queue row, if any; returns whether there was one. */
export async function settleReview(
  db: Db,
  voiceId: number,
  actorId: number | null,
  typeCode: string,
): Promise<boolean> {
  const open = await db
    .selectFrom("complaint_reviews")
    .select(["id", "reason", "suggested_code"])
    .where("voice_id", "=", voiceId)
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  if (!open) return false;
  const r = await db
    .updateTable("complaint_reviews")
    .set({ confirmed_at: nowIso(), confirmed_by: actorId, confirmed_type: typeCode })
    .where("id", "=", open.id)
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  // Another process settled it between the two statements: its correction is recorded there.
  if (Number(r.numUpdatedRows) !== 1) return false;
  await recordCorrections(db, {
    voiceId,
    actorId,
    // Rows queued before migration 0030 were all flags, whose suggestion is complaint.
    suggestedType: open.suggested_code ?? "complaint",
    chosenType: typeCode,
    suggestedCategory: null,
    chosenCategory: null,
  });
  return true;
}

/** After staff edit a voice's type or category: the correction, and a changed type settles its queue row. */
export async function voiceLabelsEdited(db: Db, e: LabelEdit): Promise<void> {
  await recordEditCorrections(db, e);
  if (e.after.type !== null && e.before.type !== e.after.type)
    await settleReview(db, e.voiceId, e.actorId, e.after.type);
}
