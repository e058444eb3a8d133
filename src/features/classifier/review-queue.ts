/**
 * The 確認待ち queue: imported and public-form voices whose text fires the 「苦情の可能性」 flag while their type is
 * not complaint. A sweep (scheduler, and before the list is read) classifies voices created since its cursor; rows
 * are unique per voice, so several processes sweeping at once add each voice once.
 */
import type { Db } from "../../db/database.js";
import { complaintFlag, complaintProbability } from "../../domain/complaint-flag.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { predict } from "../../text/classifier.js";
import { currentModel } from "../text/classifier-model.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { getClassifierSettings } from "./classifier-settings.js";
import type { ComplaintReview } from "./contract.js";
import { recordCorrections } from "./corrections.js";

const CURSOR = "complaintReviewCursor";
const QUEUED_SOURCES = new Set(["import", "public_form"]);
const BATCH = 2000;

async function readCursor(db: Db): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", CURSOR).executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : 0;
  return Number.isFinite(n) ? n : 0;
}

/** Classifies the voices created (imported or by the public form) since the last sweep; returns how many it queued. */
export async function sweepFlaggedVoices(db: Db): Promise<number> {
  const cursor = await readCursor(db);
  const events = await db
    .selectFrom("voice_events as e")
    .innerJoin("voices as v", "v.id", "e.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["e.id", "e.data", "v.id as voiceId", "v.content", "v.status", "t.code as type"])
    .where("e.kind", "=", "created")
    .where("e.id", ">", cursor)
    .orderBy("e.id")
    .limit(BATCH)
    .execute();
  if (events.length === 0) return 0;
  const [{ model }, settings] = await Promise.all([currentModel(db), getClassifierSettings(db)]);
  const at = nowIso();
  let queued = 0;
  for (const e of events) {
    const source = (JSON.parse(e.data) as { source?: string }).source;
    if (!source || !QUEUED_SOURCES.has(source) || e.type === "complaint" || e.status === "voided") continue;
    const p = complaintProbability(predict(model, e.content).alternatives.type);
    if (!complaintFlag(p, settings.flagThreshold)) continue;
    const r = await db
      .insertInto("complaint_reviews")
      .values({ voice_id: e.voiceId, p_complaint: p, flagged_at: at })
      .onConflict((oc) => oc.column("voice_id").doNothing())
      .executeTakeFirst();
    queued += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  const last = events[events.length - 1]?.id ?? cursor;
  const json = JSON.stringify(last);
  await db
    .insertInto("settings")
    .values({ key: CURSOR, value: json })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
    .execute();
  return queued;
}

/** Voices waiting for cs to confirm their type, most likely complaints first. */
export async function listReviews(db: Db): Promise<ComplaintReview[]> {
  const rows = await db
    .selectFrom("complaint_reviews as r")
    .innerJoin("voices as v", "v.id", "r.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .innerJoin("voice_events as e", (j) => j.onRef("e.voice_id", "=", "v.id").on("e.kind", "=", "created"))
    .select([
      "r.id",
      "r.voice_id",
      "r.p_complaint",
      "r.flagged_at",
      "v.receipt_number",
      "v.received_at",
      "v.content",
      "t.code",
      "t.name",
      "e.data",
    ])
    .where("r.confirmed_at", "is", null)
    .where("v.status", "!=", "voided")
    .orderBy("r.p_complaint", "desc")
    .orderBy("r.id")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    voiceId: r.voice_id,
    receiptNumber: r.receipt_number,
    receivedAt: String(r.received_at),
    excerpt: [...r.content].slice(0, 120).join(""),
    typeCode: r.code,
    typeName: r.name,
    source: (JSON.parse(r.data) as { source?: string }).source ?? "",
    pComplaint: Math.round(r.p_complaint * 1000) / 1000,
    flaggedAt: String(r.flagged_at),
  }));
}

export async function countWaitingReviews(db: Db): Promise<number> {
  const row = await db
    .selectFrom("complaint_reviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Confirms a queued voice's type: a change of type goes through the voice's own edit (which has the complaint
 * rules); here the confirmation is recorded, and a type other than the voice's is refused so the two never differ.
 * The model's suggestion (complaint) against the confirmed type is a correction the next retraining learns from.
 */
export async function confirmReview(db: Db, actorId: number, id: number, type: string): Promise<void> {
  const row = await db
    .selectFrom("complaint_reviews as r")
    .innerJoin("voices as v", "v.id", "r.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["r.id", "r.voice_id", "r.confirmed_at", "t.code"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("確認待ちの声");
  if (row.confirmed_at !== null) return;
  const tax = await taxonomyIndex(db);
  const label = tax.find("type", type);
  if (!label) throw invalidInput({ type: `種別「${type}」は登録されていません` });
  if (label.code !== row.code)
    throw invalidInput({
      type: "種別を変えるときは、声の画面で種別を変更してから確認済みにしてください",
    });
  await db
    .updateTable("complaint_reviews")
    .set({ confirmed_at: nowIso(), confirmed_by: actorId, confirmed_type: label.code })
    .where("id", "=", id)
    .execute();
  await recordCorrections(db, {
    voiceId: row.voice_id,
    actorId,
    suggestedType: "complaint",
    chosenType: label.code,
    suggestedCategory: null,
    chosenCategory: null,
  });
}
