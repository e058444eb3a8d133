/**
 * Scheduled: tells the assignee and the department's leads (cs when it has none) about each insurer report that
 * passed its due date unsent — once per voice and person (the notification's dedupe key), however many processes
 * run the job.
 */
import type { Db } from "../../db/database.js";
import { departmentAttentionRecipients } from "../../domain/roles.js";
import type { NewNotification } from "../notifications/notify.js";
import { notify } from "../notifications/notify.js";
import { activeUsers } from "../notifications/users.js";
import { listInsurerReports } from "./list-reports.js";

export async function notifyOverdueInsurerReports(db: Db, now: Date): Promise<number> {
  const { items } = await listInsurerReports(db, null, { state: "overdue", now });
  if (items.length === 0) return 0;
  const users = await activeUsers(db);
  const out: NewNotification[] = [];
  for (const r of items) {
    const to = new Set(departmentAttentionRecipients(users, r.department.id).map((u) => u.id));
    if (r.assignee) to.add(r.assignee.id);
    for (const userId of to)
      out.push({
        userId,
        kind: "insurer_report_overdue",
        title: `声 ${r.receiptNumber} の保険会社への報告が期限（${r.dueDate}）を過ぎています`,
        body: `${r.department.name}・${r.type.name}${r.productLine ? `・${r.productLine.name}` : ""}。報告したら報告日を記録してください。`,
        link: `/voices/${r.voiceId}`,
        voiceId: r.voiceId,
        dedupeKey: `insurer_report_overdue:${r.voiceId}:${userId}`,
      });
  }
  return db.transaction().execute((trx) => notify(trx, out, now.toISOString()));
}
