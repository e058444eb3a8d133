/**
 * Merges a duplicate voice into another: the duplicate is voided with the reason, both timelines keep
 * every event (append-only) and each gets a "merged" event pointing at the other.
 */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { AppError, forbidden, invalidInput, notFound } from "../../errors.js";
import type { MergedVoice } from "../../shared/api-contract.js";
import { nowIso } from "../clock.js";
import { loadTimeline } from "../voices/get-voice.js";
import { appendEvent } from "../voices/voice-events.js";

export async function mergeVoices(db: Db, actor: Actor, id: number, intoId: number): Promise<void> {
  if (!["admin", "cs", "lead"].includes(actor.role))
    throw forbidden("重複の統合は責任者・CS部門・管理者が行えます");
  if (id === intoId) throw invalidInput({ intoId: "同じ声には統合できません" });
  const rows = await db
    .selectFrom("voices")
    .select(["id", "receipt_number", "status", "version"])
    .where("id", "in", [id, intoId])
    .execute();
  const dup = rows.find((r) => r.id === id);
  const into = rows.find((r) => r.id === intoId);
  if (!dup) throw notFound("声");
  if (!into) throw invalidInput({ intoId: "統合先の声が見つかりません" });
  if (dup.status === "voided") throw new AppError("transition_refused", "この声はすでに取り消されています");
  if (into.status === "voided") throw invalidInput({ intoId: "取り消された声には統合できません" });
  const at = nowIso();
  const reason = `重複（受付番号 ${into.receipt_number} に統合）`;
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("voices")
      .set({ status: "voided", void_reason: reason, updated_at: at, version: dup.version + 1 })
      .where("id", "=", id)
      .where("version", "=", dup.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("stale_version", "ほかの人が先に更新しました");
    await appendEvent(trx, {
      voiceId: id,
      kind: "merged",
      actorId: actor.id,
      at,
      data: {
        role: "duplicate",
        intoId,
        intoReceiptNumber: into.receipt_number,
        from: dup.status,
        to: "voided",
        reason,
      },
    });
    await appendEvent(trx, {
      voiceId: intoId,
      kind: "merged",
      actorId: actor.id,
      at,
      data: { role: "survivor", mergedId: id, mergedReceiptNumber: dup.receipt_number },
    });
  });
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
