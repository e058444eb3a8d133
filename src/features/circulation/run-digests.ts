/**
 * Scheduled: sends the latest scheduled week's 声の日 digest of every department that has not had it. A
 * department's week is claimed by inserting its digest_runs row (unique per department and week); only the
 * process whose insert wins writes the digest notifications, in the same transaction, so each digest goes out
 * exactly once however many processes share the database. A server that was down catches up when it starts:
 * the digest then covers every week since the department's previous digest ended (catchUpPeriod says why one
 * digest rather than one per missed week), and the row records the period so the next digest starts there.
 */
import type { Db } from "../../db/database.js";
import { catchUpPeriod, latestDigestWeek, scheduledSendAt } from "../../domain/digest-schedule.js";
import { receivesDepartmentDigest } from "../../domain/roles.js";
import { notify } from "../notifications/notify.js";
import { activeUsers } from "../notifications/users.js";
import { buildDigest } from "./build-digest.js";
import { getDigestSchedule } from "./digest-settings.js";

export async function runDueDigests(db: Db, now: Date): Promise<number> {
  const schedule = await getDigestSchedule(db);
  if (!schedule.enabled) return 0;
  const week = latestDigestWeek(schedule, now);
  const departments = await db
    .selectFrom("departments")
    .select("id")
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  const done = new Set(
    (
      await db.selectFrom("digest_runs").select("department_id").where("week_of", "=", week.weekOf).execute()
    ).map((r) => r.department_id),
  );
  let sent = 0;
  for (const d of departments) {
    if (done.has(d.id)) continue;
    sent += await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("digest_runs")
        .values({ department_id: d.id, week_of: week.weekOf, created_at: now.toISOString(), recipients: 0 })
        .onConflict((oc) => oc.columns(["department_id", "week_of"]).doNothing())
        .returning("id")
        .execute();
      const run = claimed[0];
      if (!run) return 0; // another process sent it
      const previous = await trx
        .selectFrom("digest_runs")
        .select(["week_of", "period_to"])
        .where("department_id", "=", d.id)
        .where("week_of", "<", week.weekOf)
        .orderBy("week_of", "desc")
        .limit(1)
        .executeTakeFirst();
      const period = catchUpPeriod(
        week,
        previous ? (previous.period_to ?? scheduledSendAt(previous.week_of, schedule.hour)) : null,
      );
      await trx
        .updateTable("digest_runs")
        .set({ period_from: period.from, period_to: period.to })
        .where("id", "=", run.id)
        .execute();
      const members = (await activeUsers(trx)).filter((u) => receivesDepartmentDigest(u, d.id));
      if (members.length === 0) return 0;
      const digest = await buildDigest(trx, { departmentId: d.id, ...period, now });
      const n = await notify(
        trx,
        members.map((u) => ({
          userId: u.id,
          kind: "digest" as const,
          title: digest.title,
          body: digest.body,
          link: "/notifications",
          dedupeKey: `digest:${d.id}:${week.weekOf}:${u.id}`,
        })),
        now.toISOString(),
      );
      await trx.updateTable("digest_runs").set({ recipients: n }).where("id", "=", run.id).execute();
      return 1;
    });
  }
  return sent;
}
