/** The spine through HTTP, on every database: register → assign → respond → resolve → approve, errors, masking, throttling. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VoiceList } from "../../src/features/voices/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const complaint = {
  receivedAt: "2025/4/1 10:30",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department: "call_center",
  content:
    "コールセンターに何度電話してもつながらず、30分以上待たされました。折り返しの連絡もありませんでした。",
  remedySought: "担当者から説明の電話がほしい",
  customer: {
    name: "山田 花子",
    kana: "ヤマダ ハナコ",
    phone: "090-1234-5678",
    email: "hanako@example.jp",
    prefecture: "福井県",
  },
};

describe.each(dialects)("voices API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let staff: ApiClient;
  let lead: ApiClient;
  let cs: ApiClient;

  const countVoices = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("voices")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countAudit = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    staff = await clientAs(app, "staff@example.jp");
    lead = await clientAs(app, "lead@example.jp");
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("handles a complaint from registration to an approved close, with the timeline", async () => {
    const created = await staff.post<VoiceDetail>("/api/v1/voices", complaint);
    expect(created.status).toBe(201);
    const v = created.body;
    expect(v.receiptNumber).toBe("2025-000001");
    expect(v.status).toBe("received");
    expect(v.type.code).toBe("complaint");
    expect(v.acknowledgeBy).toBe("2025-04-02");
    expect(v.resolveBy).toBe("2025-04-08");
    expect(v.customer?.name).toBe("山田 花子");

    const act = (c: ApiClient, body: unknown) => c.post<VoiceDetail>(`/api/v1/voices/${v.id}/actions`, body);
    expect((await act(lead, { action: "assign", assigneeId: users.staff.id })).status).toBe(200);
    expect((await act(staff, { action: "start" })).body.status).toBe("in_progress");

    // Closing a complaint needs a response record and a second person's approval.
    const early = await act(staff, { action: "resolve" });
    expect(early.status).toBe(200);
    const noResponse = await act(lead, { action: "approve" });
    expect(noResponse.status).toBe(409);
    expect(noResponse.body).toMatchObject({ error: { code: "transition_refused" } });
    expect((await act(staff, { action: "reopen", reason: "回答の記録が漏れていたため" })).body.status).toBe(
      "in_progress",
    );

    const responded = await act(staff, {
      action: "respond",
      method: "電話",
      content: "お待たせしたことをお詫びし、混雑時間帯と折り返し予約の方法をご案内しました。",
    });
    expect(responded.status).toBe(200);
    const resolved = await act(staff, { action: "resolve", note: "ご納得いただけました" });
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.allowedActions).not.toContain("approve");

    const closeAttempt = await act(staff, { action: "close" });
    expect(closeAttempt.status).toBe(409);
    const selfApproval = await act(staff, { action: "approve" });
    expect([403, 409]).toContain(selfApproval.status);

    const leadView = await lead.get<VoiceDetail>(`/api/v1/voices/${v.id}`);
    expect(leadView.body.allowedActions).toContain("approve");
    const approved = await act(lead, { action: "approve", note: "対応内容を確認しました" });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("closed");

    const kinds = approved.body.timeline.map((e) => e.kind);
    expect(kinds).toEqual([
      "created",
      "assigned",
      "started",
      "resolved",
      "reopened",
      "responded",
      "resolved",
      "approved",
    ]);
    const approval = approved.body.timeline.at(-1);
    expect(approval?.actor?.id).toBe(users.lead.id);
    expect(approval?.data).toMatchObject({ from: "resolved", to: "closed" });
    const response = approved.body.timeline.find((e) => e.kind === "responded");
    expect(response?.data).toMatchObject({ method: "電話" });
  });

  it("refuses bad input with field messages and stores nothing", async () => {
    const before = await countVoices();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...complaint, content: undefined }, "content"],
      [{ ...complaint, content: "   " }, "content"],
      [{ ...complaint, category: "存在しない分類" }, "category"],
      [{ ...complaint, content: "あ".repeat(10_001) }, "content"],
      [{ ...complaint, receivedAt: "2025/2/30" }, "receivedAt"],
      [{ ...complaint, receivedAt: "きのう" }, "receivedAt"],
    ];
    for (const [body, field] of cases) {
      const res = await staff.post<{
        error: { code: string; message: string; fields: Record<string, string> };
      }>("/api/v1/voices", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
      expect(res.body.error.fields[field]).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    // Every problem of one submission comes back in one answer.
    const many = await staff.post<{ error: { fields: Record<string, string> } }>("/api/v1/voices", {
      ...complaint,
      type: "",
      category: "存在しない分類",
      receivedAt: "2025/2/30",
      content: "",
    });
    expect(many.status).toBe(400);
    expect(Object.keys(many.body.error.fields).sort()).toEqual(["category", "content", "receivedAt", "type"]);
    expect(many.body.error.fields.type).toBe("種別を選択してください");
    expect(await countVoices()).toBe(before);
    const long = await staff.post<{ error: { fields: Record<string, string> } }>("/api/v1/voices", {
      ...complaint,
      content: "あ".repeat(10_001),
    });
    expect(long.body.error.fields.content).toContain("10,000");
  });

  it("refuses an edit that carries a stale version", async () => {
    const v = (await staff.post<VoiceDetail>("/api/v1/voices", { ...complaint, type: "request" })).body;
    const first = await staff.patch<VoiceDetail>(`/api/v1/voices/${v.id}`, {
      version: v.version,
      priority: "high",
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(v.version + 1);
    const stale = await lead.patch<{ error: { code: string } }>(`/api/v1/voices/${v.id}`, {
      version: v.version,
      content: "古い画面からの上書き",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const now = await staff.get<VoiceDetail>(`/api/v1/voices/${v.id}`);
    expect(now.body.content).toBe(v.content);
    const edit = now.body.timeline.find((e) => e.kind === "updated");
    expect(edit?.data).toMatchObject({ changes: { priority: { before: "normal", after: "high" } } });
  });

  it("records the report of a complaint to the insurer and the insurer's answer", async () => {
    const v = (
      await staff.post<VoiceDetail>("/api/v1/voices", {
        ...complaint,
        insurerReport: { insurer: "あんしん損害保険株式会社", reportedAt: "2025/4/2 15:00" },
      })
    ).body;
    // No reporting rule is set, so the report is not required and has no due date.
    expect(v.insurerReport).toEqual({
      insurer: "あんしん損害保険株式会社",
      reportedAt: "2025-04-02T06:00:00.000Z",
      answer: null,
      answeredAt: null,
      required: false,
      dueDate: null,
      overdue: false,
    });
    const answered = await staff.patch<VoiceDetail>(`/api/v1/voices/${v.id}`, {
      version: v.version,
      insurerReport: {
        insurer: "あんしん損害保険株式会社",
        reportedAt: "2025/4/2 15:00",
        answer: "再発防止の指導を行うとの回答",
      },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.insurerReport.answer).toBe("再発防止の指導を行うとの回答");
    const edit = answered.body.timeline.find((e) => e.kind === "updated");
    expect(edit?.data).toMatchObject({
      changes: { insurerAnswer: { before: null, after: "再発防止の指導を行うとの回答" } },
    });
  });

  it("masks customer fields by role and audits every unmasked view", async () => {
    const v = (await staff.post<VoiceDetail>("/api/v1/voices", complaint)).body;
    const other = await clientAs(app, "tokyo@example.jp");
    const viewer = await clientAs(app, "viewer@example.jp");
    // Counted after the sign-ins, which the audit log records too.
    const auditBefore = await countAudit();
    for (const c of [other, viewer]) {
      const res = await c.get<VoiceDetail>(`/api/v1/voices/${v.id}`);
      expect(res.status).toBe(200);
      expect(res.body.customer).toMatchObject({ masked: true, name: "山＊ ＊＊", phone: "090-****-5678" });
      expect(JSON.stringify(res.body)).not.toContain("hanako@example.jp");
    }
    expect(await countAudit()).toBe(auditBefore);

    const seen = await cs.get<VoiceDetail>(`/api/v1/voices/${v.id}`);
    expect(seen.body.customer).toMatchObject({ masked: false, name: "山田 花子", phone: "090-1234-5678" });
    expect(await countAudit()).toBe(auditBefore + 1);
    const audit = await tdb.db
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ user_id: users.cs.id, voice_id: v.id, action: "customer_viewed" });
    expect(audit.ip).toBeTruthy();
  });

  it("lists with filters, paging and a total", async () => {
    const list = await cs.get<VoiceList>(
      "/api/v1/voices?type=complaint&department=call_center&limit=2&page=1",
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(2);
    expect(list.body.items.length).toBeLessThanOrEqual(2);
    expect(list.body.items.every((i) => i.type.code === "complaint")).toBe(true);
    const overdue = await cs.get<VoiceList>("/api/v1/voices?overdue=true&status=received,in_progress");
    expect(overdue.body.items.every((i) => i.overdue)).toBe(true);
    expect(overdue.body.total).toBeGreaterThan(0);
    const bad = await cs.get<{ error: { fields: Record<string, string> } }>(
      "/api/v1/voices?type=nope&from=2025/13/1",
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["from", "type"]);
    const words = await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent("電話 折り返し")}`);
    expect(words.body.total).toBeGreaterThan(0);
    const none = await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent("電話 存在しない語句")}`);
    expect(none.body.total).toBe(0);
  });

  it("requires a session and a CSRF token for writes", async () => {
    const anon = await app.inject({ method: "GET", url: "/api/v1/voices" });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/v1/voices",
      headers: { cookie: staff.cookie ?? "" },
      payload: complaint,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(JSON.parse(noCsrf.body).error.code).toBe("csrf");
    const viewer = await clientAs(app, "viewer@example.jp");
    expect((await viewer.post("/api/v1/voices", complaint)).status).toBe(403);
  });

  it("throttles an account after five wrong passwords: the sixth try waits a short delay", async () => {
    const c = await clientAs(app, "staff2@example.jp");
    expect(c.csrf).toBeTruthy();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.login("staff2@example.jp", `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await c.login("staff2@example.jp", "correct-horse-battery");
    expect(right.status).toBe(429);
    expect(String((right.body as { error: { message: string } }).error.message)).toContain(
      "秒後にもう一度お試しください",
    );
  });
});
