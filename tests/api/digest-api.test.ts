/**
 * The weekly 声の日 digest in one process on every database, with the clock moved by the test: the schedule's
 * settings (admins; Japanese 400 on bad input, nothing written); per department the week's new voices, the thanks
 * with the names of the staff thanked, the open complaints; each digest once; after downtime one digest per
 * department covers every missed week (catching up without flooding or losing the missed weeks' voices).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestScheduleDto } from "../../src/features/circulation/contract.js";
import { runDueDigests } from "../../src/features/circulation/run-digests.js";
import type { NotificationList } from "../../src/features/notifications/contract.js";
import { notifyImprovementsDue } from "../../src/features/notifications/notify-improvements-due.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { seedDigestWeek } from "../helpers/digest-fixture.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

// Monday 2026-11-30 08:00 JST is a scheduled send (weekday 1, hour 8).
const SEND = new Date("2026-11-29T23:00:00.000Z");

describe.each(dialects)("声の日 digest on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let admin: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    staff = await clientAs(app, "staff@example.jp");
    await seedDigestWeek(tdb, users, "2026-11-30");
    const callCenter = users.lead.departmentId ?? 0;
    const improvement = (
      title: string,
      status: string,
      due: string,
      completed: string | null,
      result: string | null,
    ) => ({
      title,
      problem: "お客さまへの折り返しが遅れる",
      owner_department_id: callCenter,
      owner_user_id: users.lead.id,
      due_date: due,
      status,
      result,
      completed_on: completed,
      is_public: 0,
      created_by: users.cs.id,
      created_at: "2026-11-01T00:00:00.000Z",
      updated_at: "2026-11-01T00:00:00.000Z",
    });
    await tdb.db
      .insertInto("improvements")
      .values([
        improvement(
          "折り返し電話の予約枠",
          "completed",
          "2026-11-27",
          "2026-11-26",
          "折り返しの時間を予約できるようにした",
        ),
        improvement("請求書類の記入例", "in_progress", "2026-11-27", null, null),
      ])
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("sends nothing while off; the schedule refuses bad input in Japanese", async () => {
    expect(await runDueDigests(tdb.db, SEND)).toBe(0);
    const bad = await admin.request<ErrorBody>("PUT", "/api/v1/settings/digest", {
      enabled: true,
      weekday: 7,
      hour: 25,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.weekday).toContain("曜日は0（日曜）〜6（土曜）");
    expect(bad.body.error.fields?.hour).toContain("時刻は0〜23");
    expect(
      (await staff.request("PUT", "/api/v1/settings/digest", { enabled: true, weekday: 1, hour: 8 })).status,
    ).toBe(403);
    expect((await admin.get<DigestScheduleDto>("/api/v1/settings/digest")).body.enabled).toBe(false);
    const ok = await admin.request<DigestScheduleDto>("PUT", "/api/v1/settings/digest", {
      enabled: true,
      weekday: 1,
      hour: 8,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ enabled: true, weekday: 1, hour: 8 });
  });

  it("sends each department's digest once, with the week's voices and the staff thanked", async () => {
    // departments with members: お客様相談室 (cs), コールセンター (lead, staff ×2), 東京支店 (staff)
    expect(await runDueDigests(tdb.db, new Date(SEND.getTime() + 60_000))).toBe(3);
    expect(await runDueDigests(tdb.db, new Date(SEND.getTime() + 120_000))).toBe(0);

    const digest = (await staff.get<NotificationList>("/api/v1/notifications?kind=digest")).body.items;
    expect(digest).toHaveLength(1);
    const d = digest[0];
    expect(d?.title).toBe("【声の日】コールセンターの今週の声（11/23〜11/29）");
    expect(d?.body).toContain("■ 新しい声 3件");
    expect(d?.body).toContain("■ 感謝の声 1件");
    expect(d?.body).toContain("感謝された職員: 担当 次郎");
    expect(d?.body).toContain("■ 未完了の苦情 1件");
    expect(d?.body).toContain("共済金の支払いが遅れている理由");
    expect(d?.body).not.toContain("東京四郎");
    expect(d?.body).toContain(
      "■ 完了した改善 1件\n　・折り返し電話の予約枠: 折り返しの時間を予約できるようにした",
    );
    const tokyo = await clientAs(app, "tokyo@example.jp");
    const tokyoDigest = (await tokyo.get<NotificationList>("/api/v1/notifications?kind=digest")).body
      .items[0];
    expect(tokyoDigest?.body).toContain("感謝された職員: 東京 四郎");
    // every active department's week is claimed once, members or not
    const departments = await tdb.db.selectFrom("departments").select("id").where("active", "=", 1).execute();
    const runs = await tdb.db.selectFrom("digest_runs").select(["week_of", "recipients"]).execute();
    expect(runs).toHaveLength(departments.length);
    expect(new Set(runs.map((r) => r.week_of))).toEqual(new Set(["2026-11-30"]));
    expect(runs.reduce((n, r) => n + r.recipients, 0)).toBe(5);
  });

  it("tells the owner once when an open improvement reaches its due date", async () => {
    const lead = await clientAs(app, "lead@example.jp");
    expect(await notifyImprovementsDue(tdb.db, new Date("2026-11-26T03:00:00.000Z"))).toBe(0); // due 11/27
    expect(await notifyImprovementsDue(tdb.db, new Date("2026-11-27T03:00:00.000Z"))).toBe(1);
    expect(await notifyImprovementsDue(tdb.db, new Date("2026-11-30T03:00:00.000Z"))).toBe(0);
    const due = (await lead.get<NotificationList>("/api/v1/notifications?kind=improvement_due")).body.items;
    expect(due.map((n) => n.title)).toEqual(["改善課題「請求書類の記入例」が期日（2026-11-27）を迎えました"]);
  });

  it("after three weeks down, one digest per department covers every missed week, once", async () => {
    // voices of the missed weeks (received 11/30〜12/3; not later, the register refuses future dates), which a
    // latest-week-only digest would leave out
    await seedDigestWeek(tdb, users, "2026-12-04");
    const back = new Date("2026-12-22T01:00:00.000Z"); // Tuesday 12/22 10:00 JST: last send Monday 12/21
    const both = await Promise.all([runDueDigests(tdb.db, back), runDueDigests(tdb.db, back)]);
    expect(both[0] + both[1]).toBe(3);
    expect(await runDueDigests(tdb.db, back)).toBe(0);
    const weeks = await tdb.db
      .selectFrom("digest_runs")
      .select("week_of")
      .distinct()
      .orderBy("week_of")
      .execute();
    expect(weeks.map((w) => w.week_of)).toEqual(["2026-11-30", "2026-12-21"]);
    const run = await tdb.db
      .selectFrom("digest_runs")
      .select(["period_from", "period_to"])
      .where("week_of", "=", "2026-12-21")
      .where("department_id", "=", users.lead.departmentId ?? 0)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ period_from: "2026-11-29T23:00:00.000Z", period_to: "2026-12-20T23:00:00.000Z" });
    const digests = (await staff.get<NotificationList>("/api/v1/notifications?kind=digest")).body.items;
    expect(digests).toHaveLength(2);
    const latest = digests.find((n) => n.title.includes("前回以降"));
    expect(latest?.title).toBe("【声の日】コールセンターの前回以降の声（11/30〜12/20、3週分）");
    expect(latest?.body).toContain("声の日のお知らせが2回送れなかったため");
    expect(latest?.body).toContain("■ 新しい声 3件");
    expect(latest?.body).toContain("感謝された職員: 担当 次郎");
    // the week already sent is not listed again
    expect(latest?.body).not.toContain("■ 完了した改善");
  });
});
