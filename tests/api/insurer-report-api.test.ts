/**
 * Insurer reports (保険会社への報告) on every database: the admin's rule decides which voices must be reported
 * and by when (business days); a complaint that must be reported cannot close until the report is recorded
 * (400 in Japanese on the report field); an overdue report is listed and reaches the department's lead and the
 * assignee as a notification, once; bad input is a Japanese 400 that writes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsurerReportList } from "../../src/features/insurer-reports/contract.js";
import { notifyOverdueInsurerReports } from "../../src/features/insurer-reports/notify-overdue.js";
import type { NotificationList } from "../../src/features/notifications/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const autoComplaint = {
  receivedAt: "2026/11/2 10:15",
  channel: "call_center",
  type: "complaint",
  category: "claim",
  productLine: "auto",
  department: "call_center",
  content:
    "自動車共済の事故対応で、保険会社の担当者から2週間連絡がありません。修理の見積もりが進まず困っています。",
  remedySought: "担当者から早く連絡がほしい",
};

describe.each(dialects)("insurer reports on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let admin: ApiClient;
  let staff: ApiClient;
  let lead: ApiClient;

  const register = async (body: Record<string, unknown>) => {
    const r = await staff.post<VoiceDetail>("/api/v1/voices", body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const act = (who: ApiClient, id: number, body: unknown) =>
    who.post<VoiceDetail & ErrorBody>(`/api/v1/voices/${id}/actions`, body);
  const report = (who: ApiClient, id: number, body: unknown) =>
    who.post<VoiceDetail & ErrorBody>(`/api/v1/voices/${id}/insurer-report`, body);
  const storedReport = (id: number) =>
    tdb.db
      .selectFrom("voices")
      .select(["insurer_reported_at", "insurer_answer", "insurer_answered_at", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  /** registered, answered, marked resolved by staff: waiting for the lead's approval */
  const resolvedComplaint = async (body = autoComplaint) => {
    const v = await register(body);
    await act(staff, v.id, { action: "assign", assigneeId: users.staff.id });
    expect(
      (
        await act(staff, v.id, {
          action: "respond",
          method: "電話",
          content: "保険会社に確認し折り返すとお伝えした",
        })
      ).status,
    ).toBe(200);
    const resolved = await act(staff, v.id, { action: "resolve" });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    return v;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    staff = await clientAs(app, "staff@example.jp");
    lead = await clientAs(app, "lead@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("refuses a bad rule in Japanese and keeps the stored one", async () => {
    const bad = await admin.request<ErrorBody>("PUT", "/api/v1/settings/insurer-reports", {
      enabled: true,
      typeCodes: ["kujou"],
      productLineCodes: ["auto"],
      days: 3,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.typeCodes).toContain("「kujou」は登録されていない種別");
    const tooLong = await admin.request<ErrorBody>("PUT", "/api/v1/settings/insurer-reports", {
      enabled: true,
      typeCodes: ["complaint"],
      productLineCodes: [],
      days: 99,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields?.days).toContain("営業日数");
    const byStaff = await staff.request("PUT", "/api/v1/settings/insurer-reports", {
      enabled: true,
      typeCodes: ["complaint"],
      productLineCodes: [],
      days: 3,
    });
    expect(byStaff.status).toBe(403);
    expect((await admin.get<{ enabled: boolean }>("/api/v1/settings/insurer-reports")).body.enabled).toBe(
      false,
    );
  });

  it("before the rule is on, a complaint closes without a report", async () => {
    const v = await resolvedComplaint();
    const r = await act(lead, v.id, { action: "approve" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.insurerReport.required).toBe(false);
  });

  it("a complaint that must be reported cannot close until the report is sent", async () => {
    const set = await admin.request("PUT", "/api/v1/settings/insurer-reports", {
      enabled: true,
      typeCodes: ["complaint"],
      productLineCodes: ["auto", "fire"],
      days: 3,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const v = await resolvedComplaint();
    const detail = (await staff.get<VoiceDetail>(`/api/v1/voices/${v.id}`)).body;
    // received Monday 11/2: three business days later is Friday 11/6 (11/3 is 文化の日, not a business day)
    expect(detail.insurerReport).toMatchObject({ required: true, dueDate: "2026-11-06", overdue: true });
    expect(detail.allowedActions).not.toContain("approve");

    const refused = await act(lead, v.id, { action: "approve" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_input");
    expect(refused.body.error.fields?.["insurerReport.reportedAt"]).toContain("保険会社への報告が必要");
    expect((await staff.get<VoiceDetail>(`/api/v1/voices/${v.id}`)).body.status).toBe("resolved");

    // bad report input writes nothing
    const before = await storedReport(v.id);
    const badDate = await report(staff, v.id, {
      insurer: "あおば損害保険株式会社",
      reportedAt: "2026/13/40",
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.fields?.reportedAt).toBeTruthy();
    const beforeReceipt = await report(staff, v.id, { reportedAt: "2026/10/30 9:00" });
    expect(beforeReceipt.status).toBe(400);
    expect(beforeReceipt.body.error.fields?.reportedAt).toContain("受付日以降");
    const answerWithoutDate = await report(staff, v.id, { reportedAt: "2026/11/4 15:00", answer: "確認中" });
    expect(answerWithoutDate.status).toBe(400);
    expect(answerWithoutDate.body.error.fields?.answeredAt).toContain("回答日時");
    const noDate = await report(staff, v.id, { insurer: "あおば損害保険株式会社" });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields?.reportedAt).toContain("報告日時");
    const otherDept = await clientAs(app, "tokyo@example.jp");
    expect((await report(otherDept, v.id, { reportedAt: "2026/11/4 15:00" })).status).toBe(403);
    expect(await storedReport(v.id)).toEqual(before);

    const sent = await report(staff, v.id, {
      insurer: "あおば損害保険株式会社",
      reportedAt: "2026/11/4 15:00",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.insurerReport).toMatchObject({
      insurer: "あおば損害保険株式会社",
      required: true,
      overdue: false,
    });
    expect(sent.body.timeline.at(-1)?.kind).toBe("insurer_reported");

    const approved = await act(lead, v.id, { action: "approve" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe("closed");

    // the insurer's answer arrives after the close and is still recorded
    const answered = await report(staff, v.id, {
      insurer: "あおば損害保険株式会社",
      reportedAt: "2026/11/4 15:00",
      answer: "担当者を変更し、11月20日に修理工場へ連絡しました。",
      answeredAt: "2026/11/20 11:00",
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.insurerReport.answer).toContain("担当者を変更");
    expect(answered.body.insurerReport.answeredAt).toBe("2026-11-20T02:00:00.000Z");
  });

  it("product lines outside the rule and other types close as before", async () => {
    const medical = await resolvedComplaint({ ...autoComplaint, productLine: "medical" });
    expect((await act(lead, medical.id, { action: "approve" })).status).toBe(200);
    const request = await register({ ...autoComplaint, type: "request" });
    expect((await staff.get<VoiceDetail>(`/api/v1/voices/${request.id}`)).body.insurerReport.required).toBe(
      false,
    );
  });

  it("lists overdue reports and notifies the lead and the assignee once", async () => {
    const late = await resolvedComplaint({
      ...autoComplaint,
      productLine: "fire",
      receivedAt: "2026/11/16 14:00",
    });
    const list = await lead.get<InsurerReportList>("/api/v1/insurer-reports?state=overdue");
    expect(list.status).toBe(200);
    const item = list.body.items.find((i) => i.voiceId === late.id);
    expect(item).toMatchObject({ overdue: true, dueDate: "2026-11-19", receiptNumber: late.receiptNumber });
    expect(list.body.items.every((i) => i.overdue)).toBe(true);
    // a voice of another department is not in the call centre's list
    const tokyo = await clientAs(app, "tokyo@example.jp");
    const tokyoList = await tokyo.get<InsurerReportList>("/api/v1/insurer-reports?state=overdue");
    expect(tokyoList.body.items.find((i) => i.voiceId === late.id)).toBeUndefined();
    const badState = await lead.get<ErrorBody>("/api/v1/insurer-reports?state=late");
    expect(badState.status).toBe(400);
    expect(badState.body.error.fields?.state).toContain("overdue");

    const now = new Date("2026-12-04T01:00:00.000Z");
    expect(await notifyOverdueInsurerReports(tdb.db, now)).toBeGreaterThanOrEqual(2);
    expect(await notifyOverdueInsurerReports(tdb.db, now)).toBe(0);
    for (const who of [lead, staff]) {
      const mine = await who.get<NotificationList>("/api/v1/notifications?kind=insurer_report_overdue");
      const forLate = mine.body.items.filter((n) => n.voiceId === late.id);
      expect(forLate).toHaveLength(1);
      expect(forLate[0]?.title).toContain(
        `${late.receiptNumber} の保険会社への報告が期限（2026-11-19）を過ぎています`,
      );
      expect(forLate[0]?.link).toBe(`/voices/${late.id}`);
    }
    const tokyoNotes = await tokyo.get<NotificationList>("/api/v1/notifications");
    expect(tokyoNotes.body.items).toHaveLength(0);
  });
});
