/**
 * Notifications on every database: the workflow's events notify the right people (assigned to me, approval
 * requested, returned, a mention in a comment) in the event's own transaction; the bell's unread count, marking
 * read, per-user mail preferences; the mail outbox sends each wanted mail once through a real SMTP server, with
 * the Japanese subject readable; bad input is a Japanese 400 that writes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  NotificationList,
  Preferences,
  UnreadCount,
} from "../../src/features/notifications/contract.js";
import { deliverPendingMails } from "../../src/features/notifications/mail-outbox.js";
import { actOnVoice } from "../../src/features/voices/act-on-voice.js";
import { createMailer, parseSmtpUrl } from "../../src/services/mail/smtp.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { type SmtpTestServer, startSmtpTestServer } from "../helpers/smtp-test-server.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const complaint = {
  receivedAt: "2026/12/1 13:20",
  channel: "counter",
  type: "complaint",
  category: "handling",
  department: "call_center",
  content:
    "窓口で共済掛金の口座振替について尋ねたところ、説明が早口で分かりませんでした。もう一度説明してほしい。",
};

describe.each(dialects)("notifications on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let staff: ApiClient;
  let lead: ApiClient;
  let smtp: SmtpTestServer;

  const act = (who: ApiClient, id: number, body: unknown) =>
    who.post<VoiceDetail & ErrorBody>(`/api/v1/voices/${id}/actions`, body);
  const mine = async (who: ApiClient, query = "") =>
    (await who.get<NotificationList>(`/api/v1/notifications${query}`)).body;
  const countRows = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("notifications")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    staff = await clientAs(app, "staff@example.jp");
    lead = await clientAs(app, "lead@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
    await smtp?.close();
  });

  it("notifies assignment, approval request, return and mention to the right people", async () => {
    const v = (await staff.post<VoiceDetail>("/api/v1/voices", complaint)).body;
    expect((await act(lead, v.id, { action: "assign", assigneeId: users.staff.id })).status).toBe(200);
    const assigned = await mine(staff, "?kind=assigned");
    expect(assigned.items).toHaveLength(1);
    expect(assigned.items[0]).toMatchObject({
      title: `声 ${v.receiptNumber} の担当になりました`,
      link: `/voices/${v.id}`,
      readAt: null,
    });
    // assigning oneself notifies nobody
    expect((await act(staff, v.id, { action: "assign", assigneeId: users.staff.id })).status).toBe(200);
    expect((await mine(staff, "?kind=assigned")).items).toHaveLength(1);

    await act(staff, v.id, {
      action: "respond",
      method: "電話",
      content: "口座振替の流れを改めてご説明した",
    });
    expect((await act(staff, v.id, { action: "resolve" })).status).toBe(200);
    const approval = await mine(lead, "?kind=approval_requested");
    expect(approval.items.map((n) => n.title)).toEqual([`苦情 ${v.receiptNumber} の完了承認をお願いします`]);
    expect((await mine(staff, "?kind=approval_requested")).items).toHaveLength(0);

    expect(
      (await act(lead, v.id, { action: "reopen", reason: "説明した内容を対応履歴に詳しく残してください" }))
        .status,
    ).toBe(200);
    const returned = await mine(staff, "?kind=returned");
    expect(returned.items).toHaveLength(1);
    expect(returned.items[0]?.body).toContain("説明した内容を対応履歴に詳しく残してください");

    expect(
      (await act(staff, v.id, { action: "comment", body: "@責任 一郎 さん、追記しました。ご確認ください。" }))
        .status,
    ).toBe(200);
    const mention = await mine(lead, "?kind=mention");
    expect(mention.items).toHaveLength(1);
    expect(mention.items[0]?.body).toContain("追記しました");
    // the other staff member of the department was neither named nor notified
    const staff2 = await clientAs(app, "staff2@example.jp");
    expect((await mine(staff2)).items).toHaveLength(0);
  });

  it("writes the notification in the action's transaction: a rolled back action leaves none", async () => {
    const v = (await staff.post<VoiceDetail>("/api/v1/voices", complaint)).body;
    const before = await countRows();
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        await actOnVoice(
          trx,
          { id: users.lead.id, role: "lead", departmentId: users.lead.departmentId },
          v.id,
          {
            action: "assign",
            assigneeId: users.staff2.id,
          },
        );
        expect(
          await trx.selectFrom("notifications").select("id").where("voice_id", "=", v.id).execute(),
        ).toHaveLength(1);
        throw new Error("後続の処理が失敗");
      }),
    ).rejects.toThrow("後続の処理が失敗");
    expect(await countRows()).toBe(before);
    // a refused action writes none either
    const refused = await act(lead, v.id, { action: "assign", assigneeId: 999_999 });
    expect(refused.status).toBe(400);
    expect(await countRows()).toBe(before);
  });

  it("counts unread for the bell and marks read only the user's own", async () => {
    const count = (await staff.get<UnreadCount>("/api/v1/notifications/unread-count")).body.unread;
    expect(count).toBeGreaterThanOrEqual(2);
    const list = await mine(staff, "?unread=true");
    expect(list.unread).toBe(count);
    const first = list.items[0];
    if (!first) throw new Error("no notification");
    // another user's id is silently not theirs to mark
    const leadOwn = (await mine(lead)).items[0];
    const byLead = await lead.post<UnreadCount>("/api/v1/notifications/read", { ids: [first.id] });
    expect(byLead.status).toBe(200);
    expect((await mine(staff, "?unread=true")).unread).toBe(count);
    expect(leadOwn).toBeTruthy();

    const marked = await staff.post<UnreadCount>("/api/v1/notifications/read", { ids: [first.id] });
    expect(marked.body.unread).toBe(count - 1);
    const bad = await staff.post<ErrorBody>("/api/v1/notifications/read", {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.ids).toContain("既読にする通知");
    const badId = await staff.post<ErrorBody>("/api/v1/notifications/read", { ids: ["abc"] });
    expect(badId.status).toBe(400);
    expect((await staff.post<UnreadCount>("/api/v1/notifications/read", { all: true })).body.unread).toBe(0);
    const badQuery = await staff.get<ErrorBody>("/api/v1/notifications?limit=1000");
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.fields?.limit).toContain("200以下");
  });

  it("keeps per-user mail preferences and refuses an unknown kind without writing", async () => {
    const prefs = (await staff.get<Preferences>("/api/v1/notifications/preferences")).body;
    expect(prefs.items.find((p) => p.kind === "assigned")).toMatchObject({
      email: true,
      label: "担当に割り当てられたとき",
    });
    expect(prefs.items.find((p) => p.kind === "mention")?.email).toBe(false);
    const bad = await staff.request<ErrorBody>("PUT", "/api/v1/notifications/preferences", {
      items: [
        { kind: "mention", email: true },
        { kind: "birthday", email: true },
      ],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.fields)).toContain("通知の種類が正しくありません");
    expect(
      (await staff.get<Preferences>("/api/v1/notifications/preferences")).body.items.find(
        (p) => p.kind === "mention",
      )?.email,
    ).toBe(false);

    const saved = await staff.request<Preferences>("PUT", "/api/v1/notifications/preferences", {
      items: [{ kind: "assigned", email: false }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.items.find((p) => p.kind === "assigned")?.email).toBe(false);
    // the lead's own preferences are untouched
    expect(
      (await lead.get<Preferences>("/api/v1/notifications/preferences")).body.items.find(
        (p) => p.kind === "assigned",
      )?.email,
    ).toBe(true);
  });

  it("mails what the user wants once, through a real SMTP server, with Japanese readable", async () => {
    const config = parseSmtpUrl(smtp.url("from=koe@example.jp"));
    if (!config) throw new Error("no config");
    const mailer = createMailer(config);
    // everything so far goes out once (the staff member's assignments were before they turned mail off)
    await deliverPendingMails(tdb.db, mailer, new Date(), { baseUrl: "https://koe.example.jp" });
    const firstRound = smtp.mails.length;
    expect(firstRound).toBeGreaterThan(0);
    expect(await deliverPendingMails(tdb.db, mailer, new Date())).toBe(0);
    expect(smtp.mails.length).toBe(firstRound);

    const v = (
      await lead.post<VoiceDetail>("/api/v1/voices", {
        ...complaint,
        content: "共済金の振込が遅れた理由を知りたい。",
      })
    ).body;
    await act(lead, v.id, { action: "assign", assigneeId: users.staff.id }); // staff: mail off for assigned
    await act(lead, v.id, { action: "assign", assigneeId: users.staff2.id }); // staff2: default, mail on
    expect(await deliverPendingMails(tdb.db, mailer, new Date(), { baseUrl: "https://koe.example.jp" })).toBe(
      1,
    );
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(["staff2@example.jp"]);
    expect(mail?.subject).toBe(`声 ${v.receiptNumber} の担当になりました`);
    expect(mail?.text).toContain("対応をお願いします。");
    expect(mail?.text).toContain(`https://koe.example.jp/voices/${v.id}`);
    expect(
      smtp.mails.filter((m) => m.to.includes("staff@example.jp") && m.subject.includes(v.receiptNumber)),
    ).toHaveLength(0);
  });
});
