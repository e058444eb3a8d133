/**
 * The CS committee on every database: admins define committees; a meeting needs attendees; koe's proposed agenda
 * holds a planted cluster of similar complaints (with rising words) and an overdue improvement, and not an
 * unrelated voice; the secretary edits it; decisions create and update improvements; the meeting list shows open
 * decisions; bad input is a Japanese 400 that writes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, jstToday } from "../../src/domain/jst.js";
import type { Committee, MeetingDetail, MeetingList } from "../../src/features/committee/contract.js";
import type { ImprovementDetail } from "../../src/features/improvements/contract.js";
import { indexMissingWords } from "../../src/features/text/word-index.js";
import type { ApiError, DepartmentList, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const TODAY = jstToday();
const daysAgo = (n: number) => {
  const d = addCalendarDays(TODAY, -n);
  return `${d.replaceAll("-", "/")} 10:00`;
};

describe.each(dialects)("committee API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;
  let staff: ApiClient;
  let viewer: ApiClient;
  let callCenter: number;
  let committee: Committee;
  const cluster: number[] = [];
  let unrelated: number;
  let overdueImprovement: number;
  let meeting: MeetingDetail;

  const voice = async (content: string, receivedAt: string, type = "complaint") => {
    const res = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt,
      type,
      category: "handling",
      channel: "call_center",
      department: "call_center",
      content,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const rows = (table: "meetings" | "meeting_decisions" | "improvements" | "meeting_attendees") =>
    countRows(tdb.db, table);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
    callCenter =
      (await cs.get<DepartmentList>("/api/v1/departments")).body.items.find((d) => d.code === "call_center")
        ?.id ?? 0;

    // the planted theme: four reworded complaints about the phone line, received since the last meeting
    for (const [i, text] of [
      "コールセンターに電話してもなかなかつながらない。待ち時間が長すぎる。",
      "電話がつながらない。コールセンターの待ち時間が長い。",
      "何度電話してもコールセンターにつながらず、待ち時間が長かった。",
      "コールセンターに電話してもつながらない。待ち時間が長すぎて困っています。",
    ].entries())
      cluster.push(await voice(text, daysAgo(3 + i)));
    // an unrelated voice in the same weeks: a praise (no deadline, not a complaint, like no other)
    unrelated = await voice("担当の方の説明がとても丁寧で、安心して手続きできました。", daysAgo(4), "praise");
    // an earlier voice, before the meeting's window
    await voice("窓口の案内表示が見づらい。", daysAgo(200), "request");
    await indexMissingWords(tdb.db);

    // an improvement whose due date has passed (created with a future date; time then moved on)
    const imp = await cs.post<ImprovementDetail>("/api/v1/improvements", {
      title: "申込書の記入例を増やす",
      problem: "記入例が少ない",
      ownerDepartmentId: callCenter,
      dueDate: addCalendarDays(TODAY, 10),
    });
    overdueImprovement = imp.body.id;
    await tdb.db
      .updateTable("improvements")
      .set({ due_date: addCalendarDays(TODAY, -5) })
      .where("id", "=", overdueImprovement)
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("lets admins define committees", async () => {
    expect((await cs.post("/api/v1/committees", { name: "本部CS向上委員会" })).status).toBe(403);
    const created = await admin.post<Committee>("/api/v1/committees", {
      name: "本部CS向上委員会",
      description: "経営層と部門長で構成",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    committee = created.body;
    const dup = await admin.post<ApiError>("/api/v1/committees", { name: "本部CS向上委員会" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields?.name).toBe("同じ名前の委員会があります");
    expect(
      (await viewer.get<{ items: Committee[] }>("/api/v1/committees")).body.items.map((c) => c.name),
    ).toEqual(["本部CS向上委員会"]);

    // editing: rename and describe, retire and revive (admins); a taken name is a 409 that changes nothing
    const other = (await admin.post<Committee>("/api/v1/committees", { name: "推進本部" })).body;
    const patch = (who: ApiClient, body: unknown) =>
      who.request<Committee & ApiError>("PATCH", `/api/v1/committees/${other.id}`, body);
    expect((await patch(cs, { name: "CS推進本部" })).status).toBe(403);
    const renamed = await patch(admin, { name: "CS推進本部", description: "支所長で構成", active: false });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: "CS推進本部", description: "支所長で構成", active: false });
    const taken = await patch(admin, { name: "本部CS向上委員会" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields?.name).toBe("同じ名前の委員会があります");
    expect((await patch(admin, { active: true })).body).toMatchObject({ name: "CS推進本部", active: true });
  });

  it("refuses a meeting without attendees or with an unknown committee, writing nothing", async () => {
    const before = [await rows("meetings"), await rows("meeting_attendees")];
    const none = await cs.post<ApiError>("/api/v1/meetings", {
      committeeId: committee.id,
      heldOn: TODAY,
      attendees: [],
    });
    expect(none.status).toBe(400);
    expect(none.body.error.fields?.attendees).toBe("出席者を1人以上入力してください");
    const missing = await cs.post<ApiError>("/api/v1/meetings", { committeeId: committee.id, heldOn: TODAY });
    expect(missing.body.error.fields?.attendees).toBe("出席者を1人以上入力してください");
    const blank = await cs.post<ApiError>("/api/v1/meetings", {
      committeeId: committee.id,
      heldOn: TODAY,
      attendees: [{ name: " " }],
    });
    expect(blank.body.error.fields?.["attendees.0.name"]).toBe("出席者の名前を入力してください");
    const unknown = await cs.post<ApiError>("/api/v1/meetings", {
      committeeId: 9999,
      heldOn: TODAY,
      attendees: [{ name: "理事長" }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields?.committeeId).toBe("委員会（ID 9999）は存在しません");
    const staffTry = await staff.post("/api/v1/meetings", {
      committeeId: committee.id,
      heldOn: TODAY,
      attendees: [{ name: "理事長" }],
    });
    expect(staffTry.status).toBe(403);
    expect([await rows("meetings"), await rows("meeting_attendees")]).toEqual(before);
  });

  it("proposes an agenda with the planted theme and the overdue improvement, not the unrelated voice", async () => {
    const res = await cs.post<MeetingDetail>("/api/v1/meetings", {
      committeeId: committee.id,
      heldOn: TODAY,
      attendees: [
        { name: "理事長 山本" },
        { name: "お客様相談室長 佐藤" },
        { name: "コールセンター長 田中" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    meeting = res.body;
    expect(meeting.since).toBe(addCalendarDays(TODAY, -30));
    const theme = meeting.agenda.find((a) => a.kind === "theme");
    expect(theme, JSON.stringify(meeting.agenda.map((a) => a.title))).toBeDefined();
    expect([...(theme?.voiceIds ?? [])].sort()).toEqual([...cluster].sort());
    expect(theme?.count).toBe(4);
    expect(theme?.words.length).toBeGreaterThan(0);
    expect(theme?.words.map((w) => w.word)).toContain("電話");
    expect(theme?.words.every((w) => w.count > w.previousCount)).toBe(true);
    const complaints = meeting.agenda.find((a) => a.kind === "new_complaints");
    expect(complaints?.count).toBe(4);
    const late = meeting.agenda.find((a) => a.kind === "overdue_improvements");
    expect(late?.improvements.map((i) => i.id)).toEqual([overdueImprovement]);
    for (const item of meeting.agenda) expect(item.voiceIds).not.toContain(unrelated);
    expect(meeting.attendees.map((a) => a.name)).toEqual([
      "理事長 山本",
      "お客様相談室長 佐藤",
      "コールセンター長 田中",
    ]);
  });

  it("lets the secretary edit the agenda and notes", async () => {
    const theme = meeting.agenda.find((a) => a.kind === "theme");
    const late = meeting.agenda.find((a) => a.kind === "overdue_improvements");
    const res = await cs.request<MeetingDetail>("PUT", `/api/v1/meetings/${meeting.id}/agenda`, {
      items: [
        { id: theme?.id, title: "コールセンターの電話がつながらない件", body: "4件。回線と人員配置を検討" },
        { id: late?.id, title: late?.title, body: late?.body },
        { title: "次回の開催日", body: "" },
      ],
      notes: "次回は3か月後に開催する。",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.agenda.map((a) => [a.kind, a.title])).toEqual([
      ["theme", "コールセンターの電話がつながらない件"],
      ["overdue_improvements", late?.title],
      ["other", "次回の開催日"],
    ]);
    expect(res.body.agenda[0]?.voiceIds.length).toBe(4); // what koe found stays with the item
    expect(res.body.notes).toBe("次回は3か月後に開催する。");
    const bad = await cs.request<ApiError>("PUT", `/api/v1/meetings/${meeting.id}/agenda`, {
      items: [{ id: 999999, title: "x" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.items).toContain("999999");
    expect((await cs.get<MeetingDetail>(`/api/v1/meetings/${meeting.id}`)).body.agenda).toHaveLength(3);
    // the attendees are edited with the agenda: none is refused and keeps the old list
    const before = res.body.attendees;
    const none = await cs.request<ApiError>("PUT", `/api/v1/meetings/${meeting.id}/agenda`, {
      items: [],
      attendees: [],
    });
    expect(none.status).toBe(400);
    expect(none.body.error.fields?.attendees).toBe("出席者を1人以上入力してください");
    const current = (await cs.get<MeetingDetail>(`/api/v1/meetings/${meeting.id}`)).body;
    expect(current.attendees).toEqual(before);
    expect(current.agenda).toHaveLength(3);
    const more = await cs.request<MeetingDetail>("PUT", `/api/v1/meetings/${meeting.id}/agenda`, {
      items: current.agenda.map((a) => ({ id: a.id, title: a.title, body: a.body })),
      notes: current.notes,
      attendees: [...before, { name: "監事 花子" }],
    });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    expect(more.body.attendees.map((a) => a.name)).toEqual([...before.map((a) => a.name), "監事 花子"]);
    meeting = res.body;
  });

  it("records decisions that create and update improvements; the list shows open decisions", async () => {
    const theme = meeting.agenda[0];
    const late = meeting.agenda[1];
    const before = [await rows("meeting_decisions"), await rows("improvements")];
    const past = await cs.post<ApiError>(`/api/v1/meetings/${meeting.id}/decisions`, {
      agendaItemId: theme?.id,
      text: "回線を増やす",
      create: { title: "回線の増設", ownerDepartmentId: callCenter, dueDate: "2020-01-01" },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.fields?.dueDate).toContain("過去の日付");
    const neither = await cs.post<ApiError>(`/api/v1/meetings/${meeting.id}/decisions`, { text: "検討する" });
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields?.create).toContain("どちらか一つ");
    const unknownVoice = await cs.post<ApiError>(`/api/v1/meetings/${meeting.id}/decisions`, {
      text: "x",
      create: {
        title: "x",
        ownerDepartmentId: callCenter,
        dueDate: addCalendarDays(TODAY, 30),
        voiceIds: [55555],
      },
    });
    expect(unknownVoice.body.error.fields?.voiceIds).toBe("存在しない声のIDがあります（55555）");
    expect([await rows("meeting_decisions"), await rows("improvements")]).toEqual(before);

    const created = await cs.post<MeetingDetail>(`/api/v1/meetings/${meeting.id}/decisions`, {
      agendaItemId: theme?.id,
      text: "コールセンターの回線を増やし、混雑時間帯の人員を見直す",
      create: {
        title: "コールセンターの回線増設",
        ownerDepartmentId: callCenter,
        dueDate: addCalendarDays(TODAY, 60),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const decision = created.body.decisions[0];
    expect(decision?.open).toBe(true);
    const imp = await cs.get<ImprovementDetail>(`/api/v1/improvements/${decision?.improvement?.id}`);
    expect(imp.body.voices.map((v) => v.id).sort()).toEqual([...cluster].sort());
    expect(imp.body.timeline.map((e) => e.kind)).toEqual(["created", "decision"]);

    const newDue = addCalendarDays(TODAY, 45);
    const updated = await cs.post<MeetingDetail>(`/api/v1/meetings/${meeting.id}/decisions`, {
      agendaItemId: late?.id,
      text: "期限を延ばして継続",
      update: { improvementId: overdueImprovement, dueDate: newDue },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(201);
    const after = await cs.get<ImprovementDetail>(`/api/v1/improvements/${overdueImprovement}`);
    expect(after.body.dueDate).toBe(newDue);
    expect(after.body.overdue).toBe(false);
    expect(after.body.timeline.at(-1)).toMatchObject({
      kind: "decision",
      data: { text: "期限を延ばして継続" },
    });

    const list = await viewer.get<MeetingList>("/api/v1/meetings");
    expect(list.body.items[0]?.openDecisions.map((d) => d.text)).toEqual([
      "コールセンターの回線を増やし、混雑時間帯の人員を見直す",
      "期限を延ばして継続",
    ]);
    // 見送り closes the decision
    await cs.post(`/api/v1/improvements/${overdueImprovement}/status`, {
      to: "dropped",
      reason: "他の施策で代替",
    });
    const again = await viewer.get<MeetingList>("/api/v1/meetings");
    expect(again.body.items[0]?.decisionCount).toBe(2);
    expect(again.body.items[0]?.openDecisions.map((d) => d.text)).toEqual([
      "コールセンターの回線を増やし、混雑時間帯の人員を見直す",
    ]);
    // an agenda item with a decision cannot be removed
    const removal = await cs.request<ApiError>("PUT", `/api/v1/meetings/${meeting.id}/agenda`, { items: [] });
    expect(removal.status).toBe(409);
  });

  it("starts the next meeting's agenda the day after the previous one", async () => {
    const next = await cs.post<MeetingDetail>("/api/v1/meetings", {
      committeeId: committee.id,
      heldOn: addCalendarDays(TODAY, 7),
      attendees: [{ name: "理事長 山本" }],
    });
    expect(next.status).toBe(201);
    expect(next.body.since).toBe(addCalendarDays(TODAY, 1));
    expect(next.body.agenda.find((a) => a.kind === "theme")).toBeUndefined();
  });
});
