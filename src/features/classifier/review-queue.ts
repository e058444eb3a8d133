/**
 * The 確認待ち queue: imported and public-form voices (typed by no one who saw koe's suggestion) that cs should
 * confirm — those whose text fires the 「苦情の可能性」 flag while their type is not complaint, and those whose two
 * most likely types are close (low margin), the voices a retraining learns most from. A sweep (scheduler, and before
 * the list is read) classifies voices created since its cursor; rows are unique per voice, so several processes
 * sweeping at once add each voice once.
 */
import type { Db } from "../../db/database.js";
import { applyComplaintBias, complaintFlag, complaintProbability } from "../../domain/complaint-flag.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { predict } from "../../text/classifier.js";
import { currentModel } from "../text/classifier-model.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { updateVoice } from "../voices/update-voice.js";
import { getClassifierSettings } from "./classifier-settings.js";
import type { ComplaintReview, ConfirmReviewInput } from "./contract.js";
import { settleReview } from "./settle-review.js";

const CURSOR = "complaintReviewCursor";
const QUEUED_SOURCES = new Set(["import", "public_form"]);
const BATCH = 2000;
/**
 * A voice whose suggested type leads the runner-up by less than this is queued as 判定が僅差. On the built-in real
 * set about one voice in ten falls below it, most of them flagged anyway (docs/decisions.md).
 */
export const LOW_MARGIN = 0.2;
/**
 * At most this many low-margin voices wait at once: a large import must not bury the flagged voices, and a sample of
 * the uncertain ones teaches a retraining about as much as all of them.
 */
export const LOW_MARGIN_WAITING_MAX = 100;

async function readCursor(db: Db): Promise<number> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", CURSOR).executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : 0;
  return Number.isFinite(n) ? n : 0;
}

/** The suggested type (with the organisation's bias) and how far it leads the runner-up. */
export function typeMargin(ranking: readonly { code: string; confidence: number }[]): {
  code: string;
  margin: number;
} {
  const [first, second] = ranking;
  return { code: first?.code ?? "other", margin: (first?.confidence ?? 0) - (second?.confidence ?? 0) };
}

/** Classifies the voices created (imported or by the public form) since the last sweep; returns how many it queued. */
export async function sweepFlaggedVoices(db: Db): Promise<number> {
  const cursor = await readCursor(db);
  // The texts are read only for the voices the queue takes (imported or from the public form, not complaints, not
  // voided): most new voices are typed in by staff, and every process read all their texts each minute for nothing.
  const events = await db
    .selectFrom("voice_events as e")
    .innerJoin("voices as v", "v.id", "e.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["e.id", "e.data", "v.id as voiceId", "v.status", "t.code as type"])
    .where("e.kind", "=", "created")
    .where("e.id", ">", cursor)
    .orderBy("e.id")
    .limit(BATCH)
    .execute();
  if (events.length === 0) return 0;
  const candidates = events.filter((e) => {
    const source = (JSON.parse(e.data) as { source?: string }).source;
    return (
      source !== undefined && QUEUED_SOURCES.has(source) && e.type !== "complaint" && e.status !== "voided"
    );
  });
  let queued = 0;
  if (candidates.length > 0) queued = await queueLikelyComplaints(db, candidates);
  const last = events[events.length - 1]?.id ?? cursor;
  const json = JSON.stringify(last);
  await db
    .insertInto("settings")
    .values({ key: CURSOR, value: json })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
    .execute();
  return queued;
}

/** Predicts each candidate's type and queues the likely complaints and the close calls; returns how many it queued. */
async function queueLikelyComplaints(db: Db, candidates: readonly { voiceId: number }[]): Promise<number> {
  const [{ model }, settings, contents] = await Promise.all([
    currentModel(db),
    getClassifierSettings(db),
    db
      .selectFrom("voices")
      .select(["id", "content"])
      .where(
        "id",
        "in",
        candidates.map((c) => c.voiceId),
      )
      .execute(),
  ]);
  const contentOf = new Map(contents.map((v) => [v.id, v.content]));
  let lowMarginRoom = LOW_MARGIN_WAITING_MAX - (await countWaitingReviews(db, "low_margin"));
  const at = nowIso();
  let queued = 0;
  for (const c of candidates) {
    const ranking = predict(model, contentOf.get(c.voiceId) ?? "").alternatives.type;
    const p = complaintProbability(ranking);
    const suggestion = typeMargin(applyComplaintBias(ranking, settings.complaintBias));
    const flagged = complaintFlag(p, settings.flagThreshold);
    if (!flagged && (suggestion.margin >= LOW_MARGIN || lowMarginRoom <= 0)) continue;
    const r = await db
      .insertInto("complaint_reviews")
      .values({
        voice_id: c.voiceId,
        p_complaint: p,
        flagged_at: at,
        reason: flagged ? "flag" : "low_margin",
        suggested_code: flagged ? "complaint" : suggestion.code,
        margin: suggestion.margin,
      })
      .onConflict((oc) => oc.column("voice_id").doNothing())
      .executeTakeFirst();
    const inserted = Number(r.numInsertedOrUpdatedRows ?? 0);
    queued += inserted;
    if (!flagged) lowMarginRoom -= inserted;
  }
  return queued;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Voices waiting for cs to confirm their type: flagged ones (likeliest complaints first), then the closest calls. */
export async function listReviews(db: Db): Promise<ComplaintReview[]> {
  const [rows, tax] = await Promise.all([
    db
      .selectFrom("complaint_reviews as r")
      .innerJoin("voices as v", "v.id", "r.voice_id")
      .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
      .innerJoin("voice_events as e", (j) => j.onRef("e.voice_id", "=", "v.id").on("e.kind", "=", "created"))
      .select([
        "r.id",
        "r.voice_id",
        "r.p_complaint",
        "r.flagged_at",
        "r.reason",
        "r.suggested_code",
        "r.margin",
        "v.receipt_number",
        "v.received_at",
        "v.content",
        "v.version",
        "t.code",
        "t.name",
        "e.data",
      ])
      .where("r.confirmed_at", "is", null)
      .where("v.status", "!=", "voided")
      // "flag" sorts before "low_margin"
      .orderBy("r.reason")
      .orderBy("r.p_complaint", "desc")
      .orderBy("r.margin")
      .orderBy("r.id")
      .limit(500)
      .execute(),
    taxonomyIndex(db),
  ]);
  return rows.map((r) => {
    const suggested = r.suggested_code ?? "complaint";
    return {
      id: r.id,
      voiceId: r.voice_id,
      voiceVersion: r.version,
      receiptNumber: r.receipt_number,
      receivedAt: String(r.received_at),
      excerpt: [...r.content].slice(0, 120).join(""),
      typeCode: r.code,
      typeName: r.name,
      reason: r.reason,
      suggestedTypeCode: suggested,
      suggestedTypeName: tax.find("type", suggested)?.name ?? suggested,
      source: (JSON.parse(r.data) as { source?: string }).source ?? "",
      pComplaint: round3(r.p_complaint),
      margin: r.margin === null ? null : round3(r.margin),
      flaggedAt: String(r.flagged_at),
    };
  });
}

/** Voices waiting in the queue (of one reason, or all); voided voices no longer wait. */
export async function countWaitingReviews(db: Db, reason?: "flag" | "low_margin"): Promise<number> {
  let q = db
    .selectFrom("complaint_reviews as r")
    .innerJoin("voices as v", "v.id", "r.voice_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.confirmed_at", "is", null)
    .where("v.status", "!=", "voided");
  if (reason) q = q.where("r.reason", "=", reason);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Confirms a queued voice's type. Another type than the voice's goes through the voice's own edit (optimistic lock,
 * the complaint rules, the timeline), which settles the queue row itself; koe's suggestion against the confirmed type
 * is a correction the next retraining learns from.
 */
export async function confirmReview(
  db: Db,
  actor: Actor,
  id: number,
  input: ConfirmReviewInput,
): Promise<void> {
  const row = await db
    .selectFrom("complaint_reviews as r")
    .innerJoin("voices as v", "v.id", "r.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["r.id", "r.voice_id", "r.confirmed_at", "t.code", "v.version"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("確認待ちの声");
  if (row.confirmed_at !== null) return;
  const tax = await taxonomyIndex(db);
  const label = tax.find("type", input.type);
  if (!label) throw invalidInput({ type: `種別「${input.type}」は登録されていません` });
  if (label.code !== row.code) {
    if (input.version === undefined)
      throw invalidInput({ version: "種別を変えるときは、声の version を指定してください" });
    await updateVoice(db, actor, row.voice_id, {
      version: input.version,
      type: label.code,
      ...(input.typeChangeReason ? { typeChangeReason: input.typeChangeReason } : {}),
    });
  }
  await settleReview(db, row.voice_id, actor.id, label.code);
}
