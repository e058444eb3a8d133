/**
 * Whether one voice waits in 確認待ち, for its detail page: the reason, koe's suggested type and since when. A voided
 * voice no longer waits (as in the queue's count).
 */
import type { Db } from "../../db/database.js";
import type { VoiceReview } from "../../shared/api-contract.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";

export async function voiceReview(db: Db, voiceId: number, tax: TaxonomyIndex): Promise<VoiceReview | null> {
  const r = await db
    .selectFrom("complaint_reviews as r")
    .innerJoin("voices as v", "v.id", "r.voice_id")
    .select(["r.reason", "r.suggested_code", "r.flagged_at"])
    .where("r.voice_id", "=", voiceId)
    .where("r.confirmed_at", "is", null)
    .where("v.status", "!=", "voided")
    .executeTakeFirst();
  if (!r) return null;
  // rows queued before the suggestion was kept were flags, whose suggestion is complaint
  const code = r.suggested_code ?? "complaint";
  return {
    reason: r.reason,
    suggestedType: { code, name: tax.find("type", code)?.name ?? code },
    since: String(r.flagged_at),
  };
}
