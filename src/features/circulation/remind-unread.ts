/**
 * Scheduled: one reminder to each recipient who has not confirmed a circulation after its remindAfterDays
 * business days. The recipient row is claimed by setting reminded_at where it is still empty (only one process
 * can), and the reminder notification is written in the same transaction, so it goes out once.
 */
import type { Db } from "../../db/database.js";
import { latestSentAtForReminder, reminderDue } from "../../domain/circulation-rules.js";
import { notify } from "../notifications/notify.js";

export async function remindUnreadCirculations(db: Db, now: Date): Promise<number> {
  const candidates = await db
    .selectFrom("circulation_recipients as r")
    .innerJoin("circulations as c", "c.id", "r.circulation_id")
    .select(["r.circulation_id", "r.user_id", "c.title", "c.created_at", "c.remind_after_days"])
    .where("r.read_at", "is", null)
    .where("r.reminded_at", "is", null)
    .where("c.remind_after_days", "is not", null)
    .where("c.created_at", "<", latestSentAtForReminder(1, now))
    .orderBy("r.circulation_id")
    .limit(1000)
    .execute();
  let sent = 0;
  const at = now.toISOString();
  for (const r of candidates) {
    if (!reminderDue(r.created_at, r.remind_after_days, now)) continue;
    sent += await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("circulation_recipients")
        .set({ reminded_at: at })
        .where("circulation_id", "=", r.circulation_id)
        .where("user_id", "=", r.user_id)
        .where("reminded_at", "is", null)
        .where("read_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return 0;
      await notify(
        trx,
        [
          {
            userId: r.user_id,
            kind: "circulation_reminder",
            title: `未読の回覧「${r.title}」があります`,
            body: "回覧の内容を確認し、「既読にする」を押してください。",
            link: `/circulations/${r.circulation_id}`,
          },
        ],
        at,
      );
      return 1;
    });
  }
  return sent;
}
