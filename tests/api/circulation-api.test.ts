/**
 * 回覧 (circulation) on every database: voices sent to a department reach its three members, two confirm reading,
 * the sender sees the one who did not; the unread one gets one reminder after the set business days, however often
 * (or concurrently) the reminder job runs; comments; a saved filter of the voice list; bad input is a Japanese 400
 * that writes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CirculationDetail, CirculationList } from "../../src/features/circulation/contract.js";
import { remindUnreadCirculations } from "../../src/features/circulation/remind-unread.js";
import type { ImprovementDetail } from "../../src/features/improvements/contract.js";
import type { NotificationList } from "../../src/features/notifications/contract.js";
import type { DepartmentList, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const VOICES = [
  {
    type: "complaint",
    category: "handling",
    content: "電話で住所変更を頼んだが、折り返しの連絡が約束の時間に来なかった。",
  },
  {
    type: "complaint",
    category: "claim",
    content: "共済金の請求書類の書き方が分かりにくく、何度も書き直すことになった。",
  },
  {
    type: "praise",
    category: "handling",
    content: "コールセンターの方が丁寧に説明してくださり、安心して手続きできました。",
  },
];

describe.each(dialects)("circulation on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let cs: ApiClient;
  let lead: ApiClient;
  let staff: ApiClient;
  let staff2: ApiClient;
  let callCenterId: number;
  const voiceIds: number[] = [];

  const send = (who: ApiClient, body: unknown) =>
    who.post<CirculationDetail & ErrorBody>("/api/v1/circulations", body);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    lead = await clientAs(app, "lead@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    staff2 = await clientAs(app, "staff2@example.jp");
    const depts = (await cs.get<DepartmentList>("/api/v1/departments")).body.items;
    callCenterId = depts.find((d) => d.code === "call_center")?.id ?? 0;
    for (const v of VOICES) {
      const r = await cs.post<VoiceDetail>("/api/v1/voices", {
        ...v,
        receivedAt: "2026/11/24 10:00",
        channel: "call_center",
        department: "call_center",
      });
      expect(r.status).toBe(201);
      voiceIds.push(r.body.id);
    }
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("refuses bad input in Japanese and writes nothing", async () => {
    const before = await Promise.all([
      countRows(tdb.db, "circulations"),
      countRows(tdb.db, "circulation_recipients"),
      countRows(tdb.db, "notifications"),
    ]);
    const ok = {
      title: "11月の苦情の共有",
      message: "朝礼で読み合わせてください。",
      voiceIds,
      to: { departmentIds: [callCenterId] },
    };
    const cases: [unknown, string, string][] = [
      [{ ...ok, voiceIds: [...voiceIds, 999_999] }, "voiceIds", "999999 の声が見つかりません"],
      [
        { ...ok, to: { departmentIds: [callCenterId, 424_242] } },
        "to.departmentIds",
        "424242 の部署が見つかりません",
      ],
      [{ ...ok, to: {} }, "to", "宛先に該当する職員がいません"],
      [{ ...ok, to: { userIds: [users.cs.id] } }, "to", "自分以外"],
      [{ ...ok, voiceIds: [] }, "voiceIds", "お知らせ文"],
      [{ ...ok, voiceIds: undefined, voiceQuery: "overdue=maybe" }, "voiceQuery", "overdue は true か false"],
      [{ ...ok, remindAfterDays: 0 }, "remindAfterDays", "督促までの日数"],
      [{ ...ok, title: "  " }, "title", "件名を入力してください"],
      [{ ...ok, to: { roles: ["boss"] } }, "to.roles.0", "宛先の役割が正しくありません"],
      [{ ...ok, voiceIds: [], improvementId: 777_777 }, "improvementId", "777777 の改善課題が見つかりません"],
    ];
    for (const [body, field, message] of cases) {
      const r = await send(cs, body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.fields?.[field], `${field}: ${JSON.stringify(r.body)}`).toContain(message);
    }
    const viewer = await clientAs(app, "viewer@example.jp");
    expect((await send(viewer, ok)).status).toBe(403);
    expect(
      await Promise.all([
        countRows(tdb.db, "circulations"),
        countRows(tdb.db, "circulation_recipients"),
        countRows(tdb.db, "notifications"),
      ]),
    ).toEqual(before);
  });

  it("three recipients, two read: the sender sees the one who did not; reminders go out once", async () => {
    const sent = await send(cs, {
      title: "11月の苦情の共有",
      message: "朝礼で読み合わせ、各自の対応で気をつける点を考えてください。",
      voiceIds,
      to: { departmentIds: [callCenterId] },
      remindAfterDays: 2,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.id;
    expect(sent.body.voices.map((v) => v.id)).toEqual(voiceIds);
    expect(sent.body.recipients.map((r) => r.user.name).sort()).toEqual(
      ["担当 三郎", "担当 次郎", "責任 一郎"].sort(),
    );

    for (const who of [lead, staff, staff2]) {
      const received = (await who.get<NotificationList>("/api/v1/notifications?kind=circulation_received"))
        .body;
      expect(received.items.map((n) => n.link)).toEqual([`/circulations/${id}`]);
      expect(received.items[0]?.title).toBe("回覧「11月の苦情の共有」が届きました");
    }
    expect((await lead.post(`/api/v1/circulations/${id}/read`)).status).toBe(200);
    const staffRead = await staff.post<CirculationDetail>(`/api/v1/circulations/${id}/read`);
    expect(staffRead.body.myReadAt).not.toBeNull();
    // a second confirmation keeps the first time
    const again = await staff.post<CirculationDetail>(`/api/v1/circulations/${id}/read`);
    expect(again.body.myReadAt).toBe(staffRead.body.myReadAt);
    const comment = await staff.post<CirculationDetail>(`/api/v1/circulations/${id}/comments`, {
      body: "折り返しの時間は必ず対応履歴に残すようにします。",
    });
    expect(comment.status).toBe(200);

    const seen = (await cs.get<CirculationDetail>(`/api/v1/circulations/${id}`)).body;
    expect(seen.readCount).toBe(2);
    expect(seen.recipientCount).toBe(3);
    expect(seen.notRead).toEqual([{ id: users.staff2.id, name: "担当 三郎" }]);
    expect(seen.comments.map((c) => [c.user.name, c.body])).toEqual([
      ["担当 次郎", "折り返しの時間は必ず対応履歴に残すようにします。"],
    ]);
    const sentBox = (await cs.get<CirculationList>("/api/v1/circulations?box=sent")).body.items;
    expect(sentBox.find((c) => c.id === id)).toMatchObject({
      readCount: 2,
      recipientCount: 3,
      voiceCount: 3,
    });
    const inbox = (await staff2.get<CirculationList>("/api/v1/circulations")).body.items;
    expect(inbox.find((c) => c.id === id)).toMatchObject({ myReadAt: null, isRecipient: true });

    // someone it was not sent to cannot read or confirm it
    const tokyo = await clientAs(app, "tokyo@example.jp");
    expect((await tokyo.get(`/api/v1/circulations/${id}`)).status).toBe(403);
    expect((await tokyo.post(`/api/v1/circulations/${id}/read`)).status).toBe(403);
    expect((await tokyo.post(`/api/v1/circulations/${id}/comments`, { body: "見ました" })).status).toBe(403);

    // Reminders: not yet one business day later; two business days later once, even run concurrently and again.
    const created = Date.parse(sent.body.createdAt);
    const early = new Date(created + 1 * 86_400_000);
    const late = new Date(created + 10 * 86_400_000);
    expect(await remindUnreadCirculations(tdb.db, early)).toBe(0);
    const concurrent = await Promise.all([
      remindUnreadCirculations(tdb.db, late),
      remindUnreadCirculations(tdb.db, late),
    ]);
    expect(concurrent[0] + concurrent[1]).toBe(1);
    expect(await remindUnreadCirculations(tdb.db, new Date(created + 20 * 86_400_000))).toBe(0);
    const reminders = (await staff2.get<NotificationList>("/api/v1/notifications?kind=circulation_reminder"))
      .body.items;
    expect(reminders.map((n) => n.title)).toEqual(["未読の回覧「11月の苦情の共有」があります"]);
    for (const who of [lead, staff])
      expect(
        (await who.get<NotificationList>("/api/v1/notifications?kind=circulation_reminder")).body.items,
      ).toHaveLength(0);
    expect(
      (await cs.get<CirculationDetail>(`/api/v1/circulations/${id}`)).body.recipients.find(
        (r) => r.user.id === users.staff2.id,
      )?.remindedAt,
    ).not.toBeNull();
  });

  it("sends the voices of a saved filter, or a note only, to roles and users", async () => {
    const byFilter = await send(cs, {
      title: "苦情の回覧",
      message: "コールセンターの苦情です。",
      voiceQuery: "type=complaint&department=call_center",
      to: { roles: ["lead"], userIds: [users.otherStaff.id] },
    });
    expect(byFilter.status, JSON.stringify(byFilter.body)).toBe(201);
    expect(byFilter.body.voices.map((v) => v.id).sort()).toEqual(voiceIds.slice(0, 2).sort());
    expect(byFilter.body.voiceQuery).toBe("type=complaint&department=call_center");
    expect(byFilter.body.recipients.map((r) => r.user.name).sort()).toEqual(
      ["東京 四郎", "責任 一郎"].sort(),
    );

    const note = await send(lead, {
      title: "声の日のお知らせ",
      message: "今週の声の日は金曜15時からです。",
      note: "会議室Bで行います。感謝の声を1件ずつ持ち寄ってください。",
      to: { userIds: [users.staff.id, users.staff2.id] },
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body.voices).toEqual([]);
    expect(note.body.note).toContain("会議室B");
  });

  it("sends an improvement round: shown with its problem and result, confirmed like voices", async () => {
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const imp = await cs.post<ImprovementDetail>("/api/v1/improvements", {
      title: "折り返し電話の時刻を対応履歴に残す",
      problem: "折り返しの約束の時間が守られず、苦情になった",
      ownerDepartmentId: callCenterId,
      dueDate: due,
      voiceIds: voiceIds.slice(0, 2),
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(201);
    const sent = await send(cs, {
      title: "改善課題の共有",
      message: "この改善の進め方を確認してください。",
      improvementId: imp.body.id,
      to: { userIds: [users.lead.id, users.staff.id, users.staff2.id] },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id = sent.body.id;
    expect(sent.body.voices).toEqual([]);
    expect(sent.body.improvement).toMatchObject({
      id: imp.body.id,
      title: "折り返し電話の時刻を対応履歴に残す",
      status: "proposed",
    });
    expect(sent.body.improvementDetail).toEqual({
      problem: "折り返しの約束の時間が守られず、苦情になった",
      result: null,
      ownerDepartment: expect.any(String),
      voiceCount: 2,
    });
    const received = (await staff.get<NotificationList>("/api/v1/notifications?kind=circulation_received"))
      .body.items;
    const note = received.find((n) => n.link === `/circulations/${id}`);
    expect(note?.body).toContain("改善課題「折り返し電話の時刻を対応履歴に残す」");
    expect((await staff.post(`/api/v1/circulations/${id}/read`)).status).toBe(200);
    expect((await lead.post(`/api/v1/circulations/${id}/read`)).status).toBe(200);
    const seen = (await cs.get<CirculationDetail>(`/api/v1/circulations/${id}`)).body;
    expect(seen.notRead).toEqual([{ id: users.staff2.id, name: "担当 三郎" }]);
    const inbox = (await staff2.get<CirculationList>("/api/v1/circulations")).body.items;
    expect(inbox.find((c) => c.id === id)?.improvement?.id).toBe(imp.body.id);
  });
});
