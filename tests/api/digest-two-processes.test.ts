/**
 * Two real `koe serve` processes on one PostgreSQL, each running the scheduler every 200 ms, with a real SMTP
 * server: each department's weekly 声の日 digest is sent exactly once (one mail per member, one claimed row per
 * department and week), however the two processes race. Needs the built dist/ (npm run build).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jstToday, weekdayOf } from "../../src/domain/jst.js";
import { saveDigestSchedule } from "../../src/features/circulation/digest-settings.js";
import { seedUsers } from "../helpers/api-client.js";
import { seedDigestWeek } from "../helpers/digest-fixture.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { type SmtpTestServer, startSmtpTestServer } from "../helpers/smtp-test-server.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const hasPostgres = (await testDialects()).includes("postgres");

describe.skipIf(!hasPostgres)("the weekly digest with two app processes on one PostgreSQL", () => {
  let tdb: TestDatabase;
  let smtp: SmtpTestServer;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    smtp = await startSmtpTestServer();
    const users = await seedUsers(tdb);
    // Today 0:00 JST is this week's send: it is already past, so both processes find it due at start-up.
    const today = jstToday();
    await seedDigestWeek(tdb, users, today);
    await saveDigestSchedule(tdb.db, { enabled: true, weekday: weekdayOf(today), hour: 0 });
    const env = {
      DATABASE_URL: tdb.url,
      KOE_SMTP_URL: smtp.url("from=koe@example.jp"),
      KOE_SCHEDULER_INTERVAL_MS: "200",
      KOE_BASE_URL: "https://koe.example.jp",
    };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await tdb?.drop();
  });

  it("sends each department's digest exactly once", async () => {
    // members: お客様相談室 1, コールセンター 3, 東京支店 1
    await smtp.waitFor(5, 90_000);
    // many more ticks of both processes
    await new Promise((r) => setTimeout(r, 3000));
    const digests = smtp.mails.filter((m) => m.subject.startsWith("【声の日】"));
    expect(digests).toHaveLength(5);
    expect(digests.flatMap((m) => m.to).sort()).toEqual(
      [
        "cs@example.jp",
        "lead@example.jp",
        "staff2@example.jp",
        "staff@example.jp",
        "tokyo@example.jp",
      ].sort(),
    );
    const callCentre = digests.filter((m) => m.subject.startsWith("【声の日】コールセンターの今週の声"));
    expect(callCentre).toHaveLength(3);
    expect(callCentre[0]?.text).toContain("感謝された職員: 担当 次郎");
    expect(callCentre[0]?.text).toContain("https://koe.example.jp/notifications");
    expect(callCentre[0]?.headers.subject).toMatch(/^[\x20-\x7e]+$/);

    const departments = await tdb.db.selectFrom("departments").select("id").where("active", "=", 1).execute();
    const runs = await tdb.db.selectFrom("digest_runs").select(["department_id", "week_of"]).execute();
    expect(runs).toHaveLength(departments.length);
    const notes = await tdb.db
      .selectFrom("notifications")
      .select(["user_id", "mail_status"])
      .where("kind", "=", "digest")
      .execute();
    expect(notes).toHaveLength(5);
    expect(notes.every((n) => n.mail_status === "sent")).toBe(true);
    expect(a.output() + b.output()).not.toMatch(/scheduled job failed/);
  }, 150_000);
});
