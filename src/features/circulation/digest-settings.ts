/** The 声の日 digest's schedule, kept in settings, and what the settings screen shows beside it. */
import type { Db } from "../../db/database.js";
import {
  DEFAULT_DIGEST_SCHEDULE,
  type DigestSchedule,
  latestDigestWeek,
} from "../../domain/digest-schedule.js";
import type { DigestScheduleDto, DigestScheduleInput } from "./contract.js";

const KEY = "digestSchedule";

export async function getDigestSchedule(db: Db): Promise<DigestSchedule> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  return row
    ? { ...DEFAULT_DIGEST_SCHEDULE, ...(JSON.parse(row.value) as Partial<DigestSchedule>) }
    : DEFAULT_DIGEST_SCHEDULE;
}

export async function saveDigestSchedule(db: Db, input: DigestScheduleInput): Promise<void> {
  const value = JSON.stringify({ enabled: input.enabled, weekday: input.weekday, hour: input.hour });
  await db
    .insertInto("settings")
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

export async function describeDigestSchedule(db: Db, now: Date): Promise<DigestScheduleDto> {
  const s = await getDigestSchedule(db);
  const last = await db
    .selectFrom("digest_runs")
    .select((eb) => eb.fn.max("week_of").as("week"))
    .executeTakeFirst();
  const latest = latestDigestWeek(s, now);
  const next = new Date(Date.parse(latest.sendAt) + 7 * 86_400_000).toISOString();
  return {
    ...s,
    nextSendAt: s.enabled ? next : null,
    lastWeekSent: (last?.week as string | null | undefined) ?? null,
  };
}
