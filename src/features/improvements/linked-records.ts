/**
 * Checking and linking the voices and insights behind an improvement (or an insight's related voices): every id
 * must name an existing record, else a Japanese 400 naming them and nothing is written.
 */
import type { Db } from "../../db/database.js";
import { invalidInput } from "../../errors.js";

const listed = (ids: number[]) => ids.slice(0, 10).join(", ") + (ids.length > 10 ? " ほか" : "");

/** The distinct ids, after checking each names a voice that exists (and is not voided). */
export async function existingVoiceIds(db: Db, ids: readonly number[] | undefined, field = "voiceIds") {
  const wanted = [...new Set(ids ?? [])];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom("voices").select(["id", "status"]).where("id", "in", wanted).execute();
  const found = new Map(rows.map((r) => [r.id, r.status]));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalidInput({ [field]: `存在しない声のIDがあります（${listed(missing)}）` });
  const voided = wanted.filter((id) => found.get(id) === "voided");
  if (voided.length > 0)
    throw invalidInput({ [field]: `取消された声は紐づけられません（ID ${listed(voided)}）` });
  return wanted;
}

export async function existingInsightIds(db: Db, ids: readonly number[] | undefined, field = "insightIds") {
  const wanted = [...new Set(ids ?? [])];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom("staff_insights").select("id").where("id", "in", wanted).execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw invalidInput({ [field]: `存在しない職員の気づきのIDがあります（${listed(missing)}）` });
  return wanted;
}

export async function existingDepartment(db: Db, id: number, field: string) {
  const d = await db
    .selectFrom("departments")
    .select(["id", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!d) throw invalidInput({ [field]: `部署（ID ${id}）は存在しません` });
  return d.id;
}

export async function existingUser(db: Db, id: number, field: string) {
  const u = await db.selectFrom("users").select(["id", "active"]).where("id", "=", id).executeTakeFirst();
  if (!u?.active) throw invalidInput({ [field]: `担当者（ID ${id}）は存在しないか無効です` });
  return u.id;
}

/** Links voices and insights not yet linked; returns what was newly linked. */
export async function linkToImprovement(
  trx: Db,
  improvementId: number,
  actorId: number,
  voiceIds: number[],
  insightIds: number[],
  at: string,
): Promise<{ voiceIds: number[]; insightIds: number[] }> {
  const haveVoices = new Set(
    (
      await trx
        .selectFrom("improvement_voices")
        .select("voice_id")
        .where("improvement_id", "=", improvementId)
        .execute()
    ).map((r) => r.voice_id),
  );
  const haveInsights = new Set(
    (
      await trx
        .selectFrom("improvement_insights")
        .select("insight_id")
        .where("improvement_id", "=", improvementId)
        .execute()
    ).map((r) => r.insight_id),
  );
  const newVoices = voiceIds.filter((id) => !haveVoices.has(id));
  const newInsights = insightIds.filter((id) => !haveInsights.has(id));
  if (newVoices.length > 0)
    await trx
      .insertInto("improvement_voices")
      .values(
        newVoices.map((voice_id) => ({
          improvement_id: improvementId,
          voice_id,
          added_by: actorId,
          added_at: at,
        })),
      )
      .execute();
  if (newInsights.length > 0)
    await trx
      .insertInto("improvement_insights")
      .values(
        newInsights.map((insight_id) => ({
          improvement_id: improvementId,
          insight_id,
          added_by: actorId,
          added_at: at,
        })),
      )
      .execute();
  return { voiceIds: newVoices, insightIds: newInsights };
}
