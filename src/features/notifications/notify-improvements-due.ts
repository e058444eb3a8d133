/**
 * Scheduled: tells an improvement's owner (the owner department's leads, or cs, when it has no owner) that it
 * reached its due date while still open — once per improvement, due date and person (the dedupe key; a new due
 * date notifies again).
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { departmentAttentionRecipients } from "../../domain/roles.js";
import { OPEN_IMPROVEMENT_STATUSES } from "../improvements/improvement-workflow.js";
import { type NewNotification, notify } from "./notify.js";
import { activeUsers } from "./users.js";

export async function notifyImprovementsDue(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom("improvements")
    .select(["id", "title", "due_date", "owner_user_id", "owner_department_id"])
    .where("status", "in", [...OPEN_IMPROVEMENT_STATUSES])
    .where("due_date", "<=", jstToday(now))
    .orderBy("id")
    .limit(1000)
    .execute();
  if (rows.length === 0) return 0;
  const users = await activeUsers(db);
  const out: NewNotification[] = [];
  for (const i of rows) {
    const owner = users.find((u) => u.id === i.owner_user_id);
    const to = owner ? [owner] : departmentAttentionRecipients(users, i.owner_department_id);
    for (const u of to)
      out.push({
        userId: u.id,
        kind: "improvement_due",
        title: `改善課題「${i.title}」が期日（${i.due_date}）を迎えました`,
        body: "進み具合を記録するか、期日を見直してください。",
        link: `/improvements/${i.id}`,
        dedupeKey: `improvement_due:${i.id}:${i.due_date}:${u.id}`,
      });
  }
  return db.transaction().execute((trx) => notify(trx, out, now.toISOString()));
}
