/**
 * A committee decision on an agenda item: it creates an improvement (the item's voices linked unless others are
 * named) or updates one (owner, due date), and is written on the improvement's timeline too. All or nothing.
 */
import type { Db } from "../../db/database.js";
import { type Actor, canRunCommittee } from "../../domain/roles.js";
import { forbidden, invalidInput } from "../../errors.js";
import { normalizeText } from "../../shared/normalize.js";
import { updateImprovement } from "../improvements/change-improvement.js";
import { createImprovement } from "../improvements/create-improvement.js";
import { appendImprovementEvent } from "../improvements/improvement-events.js";
import type { DecisionInput } from "./contract.js";
import { getMeeting } from "./meetings.js";

export async function recordDecision(
  trx: Db,
  actor: Actor,
  meetingId: number,
  input: DecisionInput,
  now = new Date(),
): Promise<number> {
  if (!canRunCommittee(actor)) throw forbidden();
  const meeting = await getMeeting(trx, meetingId);
  const item = input.agendaItemId ? meeting.agenda.find((a) => a.id === input.agendaItemId) : undefined;
  if (input.agendaItemId && !item)
    throw invalidInput({ agendaItemId: `この開催にない議題です（ID ${input.agendaItemId}）` });
  const text = normalizeText(input.text);
  let improvementId: number;
  if (input.create) {
    const c = input.create;
    improvementId = await createImprovement(
      trx,
      actor,
      {
        ...c,
        problem: c.problem ?? (item ? `${item.title}\n${item.body}`.trim() : text),
        voiceIds: c.voiceIds ?? item?.voiceIds ?? [],
      },
      now,
    );
  } else if (input.update) {
    const { improvementId: target, ...patch } = input.update;
    improvementId = target;
    const exists = await trx
      .selectFrom("improvements")
      .select("id")
      .where("id", "=", target)
      .executeTakeFirst();
    if (!exists) throw invalidInput({ "update.improvementId": `改善課題（ID ${target}）は存在しません` });
    await updateImprovement(trx, actor, target, patch, now);
  } else {
    throw invalidInput({ create: "改善課題の作成（create）か更新（update）を指定してください" });
  }
  const at = now.toISOString();
  const row = await trx
    .insertInto("meeting_decisions")
    .values({
      meeting_id: meetingId,
      agenda_item_id: item?.id ?? null,
      text,
      improvement_id: improvementId,
      created_by: actor.id,
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendImprovementEvent(
    trx,
    improvementId,
    "decision",
    actor.id,
    { meetingId, committee: meeting.committee.name, heldOn: meeting.heldOn, text },
    at,
  );
  await trx.updateTable("meetings").set({ updated_at: at }).where("id", "=", meetingId).execute();
  return row.id;
}
