/**
 * The mail outbox: notifications whose recipient wants mail are written "pending" with the event; this job sends
 * them after the commit. A process claims each row by moving it from pending to sending (a conditional update that
 * only one process can win), so several processes on one database never send a mail twice. A mail that fails is
 * marked failed, not retried (the notification is still in the bell); a crash while sending leaves it "sending".
 */
import type { Db } from "../../db/database.js";
import type { Mailer } from "../../services/mail/smtp.js";

const BATCH = 50;
/** Pending mails older than this are not sent any more (mail was off, or the server was down for days). */
const STALE_MS = 2 * 24 * 60 * 60 * 1000;

export function mailText(n: { title: string; body: string; link: string | null }, baseUrl: string | null) {
  const link = n.link && baseUrl ? `\n\n${baseUrl.replace(/\/$/, "")}${n.link}` : "";
  return `${n.body}${link}\n\n-- \nkoe（お客さまの声）からのお知らせです。受け取る通知は「通知」画面の設定で変えられます。\n`;
}

export async function deliverPendingMails(
  db: Db,
  mailer: Mailer,
  now: Date,
  opts: { baseUrl?: string | null; onError?: (err: unknown) => void } = {},
): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_MS).toISOString();
  await db
    .updateTable("notifications")
    .set({ mail_status: "failed", mail_attempted_at: now.toISOString() })
    .where("mail_status", "=", "pending")
    .where("created_at", "<", staleBefore)
    .execute();
  const rows = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["n.id", "n.title", "n.body", "n.link", "u.email"])
    .where("n.mail_status", "=", "pending")
    .orderBy("n.id")
    .limit(BATCH)
    .execute();
  let sent = 0;
  for (const r of rows) {
    const claimed = await db
      .updateTable("notifications")
      .set({ mail_status: "sending", mail_attempted_at: now.toISOString() })
      .where("id", "=", r.id)
      .where("mail_status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another process took it
    let status = "sent";
    try {
      await mailer({ to: r.email, subject: r.title, text: mailText(r, opts.baseUrl ?? null) });
      sent++;
    } catch (err) {
      status = "failed";
      opts.onError?.(err);
    }
    await db.updateTable("notifications").set({ mail_status: status }).where("id", "=", r.id).execute();
  }
  return sent;
}
