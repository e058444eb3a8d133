/**
 * Changes to an improvement, each recorded on its append-only timeline: fields (owner, due date, result, public
 * summary), more voices and insights, status moves through the machine, progress notes.
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { type Actor, canManageImprovement, canProposeImprovement } from "../../domain/roles.js";
import { AppError, forbidden, invalidInput } from "../../errors.js";
import { normalizeText } from "../../shared/normalize.js";
import type { LinkInput, NoteInput, StatusChangeInput, UpdateImprovementInput } from "./contract.js";
import { loadImprovementRow } from "./get-improvement.js";
import { appendImprovementEvent } from "./improvement-events.js";
import { checkTransition, dueDateProblem, type ImprovementStatus } from "./improvement-workflow.js";
import {
  existingDepartment,
  existingInsightIds,
  existingUser,
  existingVoiceIds,
  linkToImprovement,
} from "./linked-records.js";

async function managed(trx: Db, actor: Actor, id: number) {
  const row = await loadImprovementRow(trx, id);
  if (
    !canManageImprovement(actor, {
      ownerDepartmentId: row.owner_department_id,
      ownerUserId: row.owner_user_id,
    })
  )
    throw forbidden("この改善課題を更新できるのは、担当部署の責任者・担当者・お客様相談室・管理者です");
  return row;
}

const textOrNull = (s: string | null | undefined) => (s ? normalizeText(s) || null : null);

export async function updateImprovement(
  trx: Db,
  actor: Actor,
  id: number,
  input: UpdateImprovementInput,
  now = new Date(),
): Promise<void> {
  const row = await managed(trx, actor, id);
  const patch: Record<string, unknown> = {};
  const changed: Record<string, unknown> = {};
  const set = (column: string, field: string, value: unknown, before: unknown) => {
    if (value === before) return;
    patch[column] = value;
    changed[field] = value;
  };
  if (input.title !== undefined) set("title", "title", normalizeText(input.title), row.title);
  if (input.problem !== undefined) set("problem", "problem", normalizeText(input.problem), row.problem);
  if (input.ownerDepartmentId !== undefined)
    set(
      "owner_department_id",
      "ownerDepartmentId",
      await existingDepartment(trx, input.ownerDepartmentId, "ownerDepartmentId"),
      row.owner_department_id,
    );
  if (input.ownerUserId !== undefined)
    set(
      "owner_user_id",
      "ownerUserId",
      input.ownerUserId === null ? null : await existingUser(trx, input.ownerUserId, "ownerUserId"),
      row.owner_user_id,
    );
  if (input.dueDate !== undefined && input.dueDate !== row.due_date) {
    // A new due date is a new plan: not in the past.
    const problem = dueDateProblem(input.dueDate, jstToday(now));
    if (problem) throw invalidInput({ dueDate: problem });
    set("due_date", "dueDate", input.dueDate, row.due_date);
  }
  if (input.result !== undefined) set("result", "result", textOrNull(input.result), row.result);
  if (input.isPublic !== undefined)
    set("is_public", "isPublic", input.isPublic ? 1 : 0, row.is_public ? 1 : 0);
  if (input.publicKind !== undefined)
    set("public_kind", "publicKind", textOrNull(input.publicKind), row.public_kind);
  if (input.publicVoice !== undefined)
    set("public_voice", "publicVoice", textOrNull(input.publicVoice), row.public_voice);
  if (input.publicResult !== undefined)
    set("public_result", "publicResult", textOrNull(input.publicResult), row.public_result);
  const publicNow = (patch.is_public ?? (row.is_public ? 1 : 0)) === 1;
  if (publicNow) {
    const kind = "public_kind" in patch ? patch.public_kind : row.public_kind;
    const voice = "public_voice" in patch ? patch.public_voice : row.public_voice;
    const result = "public_result" in patch ? patch.public_result : row.public_result;
    const missing: Record<string, string> = {};
    if (!kind) missing.publicKind = "公開するには「種目」を入力してください";
    if (!voice)
      missing.publicVoice =
        "公開するには「声の内容」を入力してください（個人が特定できる情報は書かないでください）";
    if (!result) missing.publicResult = "公開するには「改善したこと」を入力してください";
    if (Object.keys(missing).length > 0) throw invalidInput(missing);
  }
  if (Object.keys(patch).length === 0) return;
  const at = now.toISOString();
  await trx
    .updateTable("improvements")
    .set({ ...patch, updated_at: at })
    .where("id", "=", id)
    .execute();
  await appendImprovementEvent(trx, id, "changed", actor.id, changed, at);
}

export async function linkRecords(trx: Db, actor: Actor, id: number, input: LinkInput, now = new Date()) {
  if (!canProposeImprovement(actor)) throw forbidden();
  const row = await loadImprovementRow(trx, id);
  if (row.status === "dropped")
    throw new AppError("transition_refused", "見送りにした改善課題には紐づけられません");
  const voiceIds = await existingVoiceIds(trx, input.voiceIds);
  const insightIds = await existingInsightIds(trx, input.insightIds);
  if (voiceIds.length === 0 && insightIds.length === 0)
    throw invalidInput({ voiceIds: "紐づける声か職員の気づきを1件以上指定してください" });
  const at = now.toISOString();
  const added = await linkToImprovement(trx, id, actor.id, voiceIds, insightIds, at);
  if (added.voiceIds.length + added.insightIds.length === 0) return;
  await trx.updateTable("improvements").set({ updated_at: at }).where("id", "=", id).execute();
  await appendImprovementEvent(trx, id, "linked", actor.id, added, at);
}

export async function changeImprovementStatus(
  trx: Db,
  actor: Actor,
  id: number,
  input: StatusChangeInput,
  now = new Date(),
): Promise<void> {
  const row = await managed(trx, actor, id);
  const from = row.status as ImprovementStatus;
  const today = jstToday(now);
  const check = checkTransition(from, { result: row.result }, input, today);
  if (!check.ok) {
    if (check.kind === "refused") throw new AppError("transition_refused", check.message);
    throw invalidInput(check.fields);
  }
  const at = now.toISOString();
  const patch: Record<string, unknown> = { status: input.to, updated_at: at };
  const data: Record<string, unknown> = { from, to: input.to };
  if (input.to === "dropped") patch.drop_reason = data.reason = normalizeText(input.reason ?? "");
  if (input.to === "completed") {
    if (input.result) patch.result = data.result = normalizeText(input.result);
    patch.completed_on = data.completedOn = input.completedOn ?? today;
  }
  if (input.to === "effect_confirmed") {
    patch.effect_verdict = data.verdict = input.verdict;
    patch.effect_note = data.note = input.note ? normalizeText(input.note) : null;
  } else if (input.note) data.note = normalizeText(input.note);
  await trx.updateTable("improvements").set(patch).where("id", "=", id).execute();
  await appendImprovementEvent(trx, id, "status", actor.id, data, at);
}

export async function addImprovementNote(
  trx: Db,
  actor: Actor,
  id: number,
  input: NoteInput,
  now = new Date(),
) {
  await managed(trx, actor, id);
  const at = now.toISOString();
  await trx.updateTable("improvements").set({ updated_at: at }).where("id", "=", id).execute();
  await appendImprovementEvent(trx, id, "note", actor.id, { text: normalizeText(input.text) }, at);
}
