/** Handling figures and work queues on every database, on voices whose handling times are known to the minute. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { jstDateTimeToIso } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { AppError } from "../../errors.js";
import type { VoiceStatus } from "../../shared/api-contract.js";
import { createUser } from "../users-and-settings/users.js";
import { actOnVoice } from "../voices/act-on-voice.js";
import { listVoices } from "../voices/list-voices.js";
import { registerVoice } from "../voices/register-voice.js";
import { handlingFigures, weightedMedian } from "./handling-figures.js";
import { workQueues } from "./work-queues.js";

const dialects = await testDialects();
const jst = (date: string, time: string) => jstDateTimeToIso(date, time);

describe("weightedMedian", () => {
  it("is the middle value, or the mean of the two middle values", () => {
    expect(weightedMedian(new Map([[5, 1]]))).toBe(5);
    expect(
      weightedMedian(
        new Map([
          [10, 1],
          [2, 1],
          [5, 1],
        ]),
      ),
    ).toBe(5);
    expect(
      weightedMedian(
        new Map([
          [1, 1],
          [3, 1],
        ]),
      ),
    ).toBe(2);
    expect(
      weightedMedian(
        new Map([
          [0, 3],
          [7, 1],
        ]),
      ),
    ).toBe(0);
    expect(weightedMedian(new Map())).toBeNull();
  });
});

describe.each(dialects)("handling figures and work queues on %s", (dialect) => {
  let tdb: TestDatabase;
  let cs: Actor;
  let lead: Actor;
  let staff: Actor;
  let viewer: Actor;

  // Every voice is received on Monday 3 June 2024, 10:00 JST: a complaint must be acknowledged by Tuesday 4 June
  // (1 business day) and resolved by Monday 10 June (5); a request resolved by Monday 17 June (10).
  const register = async (
    type: "complaint" | "request" | "praise",
    department = "call_center",
    extra: { insurer?: boolean } = {},
  ) =>
    (
      await registerVoice(tdb.db, cs, {
        receivedAt: "2024/6/3 10:00",
        type,
        category: "handling",
        channel: "call_center",
        department,
        content: "窓口での説明が分かりにくく、手続きに時間がかかった。",
        ...(extra.insurer
          ? { insurerReport: { insurer: "あおば損害保険株式会社", reportedAt: "2024/6/5", answer: null } }
          : {}),
      })
    ).id;
  const setState = (
    id: number,
    s: { status: VoiceStatus; acknowledgedAt?: string; resolvedAt?: string; closedAt?: string },
  ) =>
    tdb.db
      .updateTable("voices")
      .set({
        status: s.status,
        acknowledged_at: s.acknowledgedAt ?? null,
        resolved_at: s.resolvedAt ?? null,
        closed_at: s.closedAt ?? null,
      })
      .where("id", "=", id)
      .execute();

  let c4 = 0;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const mk = async (email: string, role: string, departmentCode: string | null) => {
      const u = await createUser(tdb.db, {
        email,
        name: "高橋 健一",
        role,
        departmentCode,
        password: "a-long-password-1",
      });
      return { id: u.id, role: u.role, departmentId: u.departmentId } as Actor;
    };
    cs = await mk("cs@example.jp", "cs", "cs");
    lead = await mk("lead@example.jp", "lead", "call_center");
    staff = await mk("staff@example.jp", "staff", "call_center");
    viewer = await mk("viewer@example.jp", "viewer", null);

    // C1: acknowledged 23:30 JST on the deadline day (within), closed two business days after receipt.
    const c1 = await register("complaint");
    await setState(c1, {
      status: "closed",
      acknowledgedAt: jst("2024-06-04", "23:30"),
      resolvedAt: jst("2024-06-05", "10:00"),
      closedAt: jst("2024-06-05", "11:00"),
    });
    // C2: acknowledged 00:30 JST the day after (still 4 June in UTC: late), resolved on the deadline day, 5 days.
    const c2 = await register("complaint");
    await setState(c2, {
      status: "closed",
      acknowledgedAt: jst("2024-06-05", "00:30"),
      resolvedAt: jst("2024-06-10", "16:00"),
      closedAt: jst("2024-06-10", "17:00"),
    });
    // C3: never acknowledged before it was resolved, two weeks late: 10 business days to close.
    const c3 = await register("complaint");
    await setState(c3, {
      status: "closed",
      resolvedAt: jst("2024-06-17", "10:00"),
      closedAt: jst("2024-06-17", "15:00"),
    });
    // C4: untouched: overdue now.
    c4 = await register("complaint");
    // C5 (Tokyo): acknowledged the same day, still in progress; reported to the insurer.
    const c5 = await register("complaint", "tokyo_branch", { insurer: true });
    await setState(c5, { status: "in_progress", acknowledgedAt: jst("2024-06-03", "15:00") });
    // C6: voided, with everything that would count if it were not.
    const c6 = await register("complaint", "call_center", { insurer: true });
    await actOnVoice(tdb.db, cs, c6, { action: "respond", method: "電話", content: "お詫びしました" });
    await actOnVoice(tdb.db, cs, c6, { action: "void", reason: "誤って登録したため" });
    // C7: resolved, then reopened because the customer was not satisfied.
    const c7 = await register("complaint");
    await actOnVoice(tdb.db, cs, c7, { action: "resolve" });
    await actOnVoice(tdb.db, cs, c7, { action: "reopen", reason: "お客さまから再度のお申し出があったため" });
    // C8: resolved, waiting for a lead's approval (its handling times are today's).
    const c8 = await register("complaint");
    await actOnVoice(tdb.db, cs, c8, {
      action: "respond",
      method: "電話",
      content: "調査結果をご説明しました",
    });
    await actOnVoice(tdb.db, cs, c8, { action: "resolve" });
    // Requests closed after 1 and 3 business days; a praise (no deadlines).
    const r1 = await register("request");
    await setState(r1, {
      status: "closed",
      resolvedAt: jst("2024-06-04", "10:00"),
      closedAt: jst("2024-06-04", "11:00"),
    });
    const r2 = await register("request");
    await setState(r2, {
      status: "closed",
      resolvedAt: jst("2024-06-06", "10:00"),
      closedAt: jst("2024-06-06", "11:00"),
    });
    const p1 = await register("praise");
    await setState(p1, { status: "closed", closedAt: jst("2024-06-03", "12:00") });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("stores the deadlines the figures are measured against", async () => {
    const rows = await tdb.db
      .selectFrom("voices")
      .select(["acknowledge_by", "resolve_by"])
      .where("id", "=", c4)
      .executeTakeFirstOrThrow();
    expect(rows).toEqual({ acknowledge_by: "2024-06-04", resolve_by: "2024-06-10" });
  });

  it("computes each figure for the period's voices, in total and per department", async () => {
    const res = await handlingFigures(tdb.db, cs, { period: "fy2024", compare: "none" });
    // C8 was acknowledged and resolved today: late too.
    expect(res.total).toMatchObject({
      department: null,
      acknowledged: { due: 7, withinDeadline: 2, percent: 28.6 },
      resolved: { due: 9, withinDeadline: 4, percent: 44.4 },
      overdueNow: { count: 3 },
      daysToClose: {
        complaint: { closed: 3, medianBusinessDays: 5 },
        request: { closed: 2, medianBusinessDays: 2 },
      },
      reopened: 1,
      complaintsEscalatedToInsurer: 1,
      previous: null,
    });
    expect(res.departments.map((d) => d.department?.name)).toEqual(["コールセンター", "東京支所"]);
    const [callCenter, tokyo] = res.departments;
    expect(callCenter).toMatchObject({
      acknowledged: { due: 6, withinDeadline: 1, percent: 16.7 },
      overdueNow: { count: 2 },
      reopened: 1,
      complaintsEscalatedToInsurer: 0,
    });
    expect(tokyo).toMatchObject({
      acknowledged: { due: 1, withinDeadline: 1, percent: 100 },
      resolved: { due: 1, withinDeadline: 0, percent: 0 },
      overdueNow: { count: 1 },
      daysToClose: { complaint: { closed: 0, medianBusinessDays: null } },
      complaintsEscalatedToInsurer: 1,
    });
    for (const row of [res.total, ...res.departments]) {
      const q = Object.fromEntries(new URLSearchParams(row.overdueNow.listQuery));
      expect((await listVoices(tdb.db, cs, q)).total, row.overdueNow.listQuery).toBe(row.overdueNow.count);
    }
  });

  it("compares with the year before and limits staff to their department", async () => {
    const res = await handlingFigures(tdb.db, staff, { period: "fy2024" });
    expect(res.department?.code).toBe("call_center");
    expect(res.departments.map((d) => d.department?.code)).toEqual(["call_center"]);
    expect(res.total.acknowledged).toEqual({ due: 6, withinDeadline: 1, percent: 16.7 });
    expect(res.comparison?.key).toBe("fy2023");
    expect(res.total.previous).toMatchObject({
      acknowledged: { due: 0, withinDeadline: 0, percent: null },
      daysToClose: { complaint: { closed: 0, medianBusinessDays: null } },
    });
    const err = await handlingFigures(tdb.db, staff, { period: "fy2024", department: "東京支所" }).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe("forbidden");
  });

  it("gives each role its work queues, each count equal to the voice list it opens", async () => {
    await actOnVoice(tdb.db, cs, c4, { action: "assign", assigneeId: staff.id });
    const summary = async (actor: Actor) => {
      const res = await workQueues(tdb.db, actor);
      for (const q of res.queues) {
        const list = await listVoices(tdb.db, actor, Object.fromEntries(new URLSearchParams(q.listQuery)));
        expect(list.total, `${actor.role} ${q.kind}: ${q.listQuery}`).toBe(q.count);
      }
      return res.queues.map((q) => `${q.label}${q.department ? `(${q.department.name})` : ""}=${q.count}`);
    };
    expect(await summary(lead)).toEqual([
      "承認待ち(コールセンター)=1",
      "未割り当て(コールセンター)=1",
      "期限超過(コールセンター)=2",
    ]);
    expect(await summary(staff)).toEqual([
      "自分の担当=1",
      "自分の期限超過=1",
      "未割り当て(コールセンター)=1",
      "期限超過(コールセンター)=2",
    ]);
    expect(await summary(cs)).toEqual(["承認待ち=1", "未割り当て=2", "期限超過=3"]);
    expect(await summary(viewer)).toEqual([]);
    const approval = (await workQueues(tdb.db, lead)).queues[0];
    expect(approval?.listQuery).toBe("type=complaint&status=resolved&department=call_center");
  });

  it("refuses a staff member without a department (users require one; a role change could leave one without)", async () => {
    const err = await handlingFigures(tdb.db, { id: staff.id, role: "staff", departmentId: null }, {}).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("forbidden");
    expect((err as AppError).message).toContain("所属部署が設定されていない");
  });
});
