/**
 * Carries out one workflow action on a voice (assign, respond, resolve, approve, …) as the domain rules decide, in
 * the caller's transaction.
 */
import type { Db } from "../../db/database.js";
import {
  type Actor,
  complaintTypeChangedBy,
  decideAction,
  TYPE_CHANGED_EVENT,
} from "../../domain/voice-workflow.js";
import { AppError, invalidInput, staleVersion } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { parseDateTimeJa, voiceDateProblem } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { VoiceActionInput } from "./contract.js";
import { loadVoiceRow } from "./get-voice.js";
import { appendEvent, loadEventsOfKind } from "./voice-events.js";
import { workflowVoice } from "./voice-presenter.js";

const EVENT_KIND = {
  assign: "assigned",
  start: "started",
  respond: "responded",
  comment: "commented",
  resolve: "resolved",
  approve: "approved",
  close: "closed",
  reopen: "reopened",
  void: "voided",
} as const;

export async function actOnVoice(
  db: Db,
  actor: Actor,
  id: number,
  input: VoiceActionInput,
  opts: { expectedVersion?: number } = {},
): Promise<void> {
  const [row, tax] = await Promise.all([loadVoiceRow(db, id), taxonomyIndex(db)]);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) throw staleVersion();
  // Read after the row: a change of type commits its event with the row, so none the row shows is missed
  // (and a later one bumps the version, which the conditional update below catches).
  const typeChanges = await loadEventsOfKind(db, id, TYPE_CHANGED_EVENT);
  const voice = { ...workflowVoice(row, tax), complaintTypeChangedById: complaintTypeChangedBy(typeChanges) };
  const decision = decideAction(voice, input.action, actor);
  if (!decision.ok) throw new AppError(decision.code, decision.message);

  const at = nowIso();
  const set: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  if (decision.nextStatus !== row.status) {
    set.status = decision.nextStatus;
    data.from = row.status;
    data.to = decision.nextStatus;
  }
  switch (input.action) {
    case "assign": {
      if (input.assigneeId !== null) {
        const u = await db
          .selectFrom("users")
          .select(["id", "name", "active"])
          .where("id", "=", input.assigneeId)
          .executeTakeFirst();
        if (!u?.active) throw invalidInput({ assigneeId: "指定された担当者が見つかりません" });
        data.assignee = { id: u.id, name: u.name };
      } else data.assignee = null;
      data.previousAssigneeId = row.assignee_id;
      set.assignee_id = input.assigneeId;
      break;
    }
    case "respond": {
      let respondedAt = at;
      if (input.respondedAt) {
        const d = parseDateTimeJa(input.respondedAt);
        if (!d.ok) throw invalidInput({ respondedAt: d.message });
        const problem = voiceDateProblem(d.date, "回答日時");
        if (problem) throw invalidInput({ respondedAt: problem });
        respondedAt = d.iso;
      }
      data.respondedAt = respondedAt;
      data.method = normalizeText(input.method);
      data.content = normalizeText(input.content);
      set.response_count = row.response_count + 1;
      if (!row.acknowledged_at) set.acknowledged_at = respondedAt;
      break;
    }
    case "comment":
      data.body = normalizeText(input.body);
      break;
    case "start":
      if (!row.acknowledged_at) set.acknowledged_at = at;
      break;
    case "resolve":
      set.resolved_by = actor.id;
      set.resolved_at = at;
      if (input.note) data.note = normalizeText(input.note);
      break;
    case "approve":
    case "close":
      set.closed_at = at;
      if (input.note) data.note = normalizeText(input.note);
      if (input.action === "approve") data.resolvedById = row.resolved_by;
      break;
    case "reopen":
      data.reason = normalizeText(input.reason);
      set.closed_at = null;
      break;
    case "void":
      data.reason = normalizeText(input.reason);
      set.void_reason = data.reason;
      break;
  }

  // Conditional on the version we decided on, so two concurrent actions cannot both pass the rules.
  const res = await db
    .updateTable("voices")
    .set({ ...set, updated_at: at, version: row.version + 1 })
    .where("id", "=", id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  await appendEvent(db, { voiceId: id, kind: EVENT_KIND[input.action], actorId: actor.id, at, data });
}
