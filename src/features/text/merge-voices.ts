/**
 * Merges a duplicate voice into another: the duplicate is voided with the reason, both timelines keep
 * every event (append-only) and each gets a "merged" event pointing at the other. Who may merge is the
 * domain's decideMerge: the department rules of voiding, for both voices. Runs in the caller's transaction.
 */
import type { Db } from "../../db/database.js";
import { type Actor, decideMerge } from "../../domain/voice-workflow.js";
import { AppError, invalidInput, notFound, staleVersion } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { VoiceStatus } from "../../shared/api-contract.js";
import { appendEvent } from "../voices/voice-events.js";

export async function mergeVoices(db: Db, actor: Actor, id: number, intoId: number): Promise<void> {
  if (id === intoId) throw invalidInput({ intoId: "同じ声には統合できません" });
  const rows = await db
    .selectFrom("voices")
    .select(["id", "receipt_number", "status", "department_id", "version"])
    .where("id", "in", [id, intoId])
    .execute();
  const dup = rows.find((r) => r.id === id);
  const into = rows.find((r) => r.id === intoId);
  if (!dup) throw notFound("声");
  if (!into) throw invalidInput({ intoId: "統合先の声が見つかりません" });
  const decision = decideMerge(
    { status: dup.status as VoiceStatus, departmentId: dup.department_id },
    { status: into.status as VoiceStatus, departmentId: into.department_id },
    actor,
  );
  if (!decision.ok) {
    if (decision.code === "invalid_input") throw invalidInput({ [decision.field]: decision.message });
    throw new AppError(decision.code, decision.message);
  }
  const at = nowIso();
  const reason = `重複（受付番号 ${into.receipt_number} に統合）`;
  // Both updates are conditional on the versions decided on, so neither voice can have been closed,
  // voided or moved to another department in between.
  const res = await db
    .updateTable("voices")
    .set({ status: "voided", void_reason: reason, updated_at: at, version: dup.version + 1 })
    .where("id", "=", id)
    .where("version", "=", dup.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  const resInto = await db
    .updateTable("voices")
    .set({ updated_at: at, version: into.version + 1 })
    .where("id", "=", intoId)
    .where("version", "=", into.version)
    .executeTakeFirst();
  if (Number(resInto.numUpdatedRows) !== 1) throw staleVersion();
  await appendEvent(db, {
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
  await appendEvent(db, {
    voiceId: intoId,
    kind: "merged",
    actorId: actor.id,
    at,
    data: { role: "survivor", mergedId: id, mergedReceiptNumber: dup.receipt_number },
  });
}
