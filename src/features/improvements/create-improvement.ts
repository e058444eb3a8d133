/** Creates an improvement (status 提案) from voices and insights, with its first timeline event. */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { type Actor, canProposeImprovement } from "../../domain/roles.js";
import { forbidden, invalidInput } from "../../errors.js";
import { normalizeText } from "../../shared/normalize.js";
import type { CreateImprovementInput } from "./contract.js";
import { appendImprovementEvent } from "./improvement-events.js";
import { dueDateProblem } from "./improvement-workflow.js";
import {
  existingDepartment,
  existingInsightIds,
  existingUser,
  existingVoiceIds,
  linkToImprovement,
} from "./linked-records.js";

/** Returns the new improvement's id. Checks everything before writing; the caller's transaction makes it atomic. */
export async function createImprovement(
  trx: Db,
  actor: Actor,
  input: CreateImprovementInput,
  now = new Date(),
): Promise<number> {
  if (!canProposeImprovement(actor)) throw forbidden();
  const today = jstToday(now);
  const due = dueDateProblem(input.dueDate, today);
  if (due) throw invalidInput({ dueDate: due });
  const departmentId = await existingDepartment(trx, input.ownerDepartmentId, "ownerDepartmentId");
  const ownerUserId = input.ownerUserId ? await existingUser(trx, input.ownerUserId, "ownerUserId") : null;
  const voiceIds = await existingVoiceIds(trx, input.voiceIds);
  const insightIds = await existingInsightIds(trx, input.insightIds);
  const at = now.toISOString();
  const row = await trx
    .insertInto("improvements")
    .values({
      title: normalizeText(input.title),
      problem: normalizeText(input.problem),
      owner_department_id: departmentId,
      owner_user_id: ownerUserId,
      due_date: input.dueDate,
      status: "proposed",
      is_public: 0,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await linkToImprovement(trx, row.id, actor.id, voiceIds, insightIds, at);
  await appendImprovementEvent(trx, row.id, "created", actor.id, { voiceIds, insightIds }, at);
  return row.id;
}
