/** The members' public voice form through HTTP, on every database: submit, status lookup, abuse refusals. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicVoiceReceipt, PublicVoiceStatus } from "../../src/features/public-form/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { type FakeSmtp, startFakeSmtp } from "../helpers/fake-smtp.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const form = {
  topic: "complaint",
  content: "ホームページの住所変更の手続きが分かりにくく、最後まで進めませんでした。",
  name: "山田 花子",
  email: "hanako@example.jp",
  phone: "090-1234-5678",
  contactConsent: true,
  privacyConsent: true,
  website: "",
};

let ipSeq = 0;
/** Each test speaks from its own address, so the per-IP limit of one test does not leak into another. */
const nextIp = () => `198.51.100.${++ipSeq}`;

describe.each(dialects)("public voice form on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let cs: ApiClient;

  const submit = (body: unknown, ip: string, cookie?: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/public/voices",
      remoteAddress: ip,
      headers: cookie ? { cookie } : {},
      payload: body as object,
    });
  const status = (receipt: string, code: string, ip = nextIp()) =>
    app.inject({
      method: "GET",
      url: `/api/v1/public/voices/${encodeURIComponent(receipt)}?code=${encodeURIComponent(code)}`,
      remoteAddress: ip,
    });
  const count = async (table: "voices" | "customers" | "public_receipts" | "voice_events") =>
    Number(
      (
        await tdb.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    voices: await count("voices"),
    customers: await count("customers"),
    receipts: await count("public_receipts"),
    events: await count("voice_events"),
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("registers a submission in the web channel, unassigned, with deadlines, and stores the code hashed", async () => {
    const res = await submit(form, nextIp());
    expect(res.statusCode).toBe(201);
    const receipt = JSON.parse(res.body) as PublicVoiceReceipt;
    expect(receipt.receiptNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(receipt.checkCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(receipt.emailed).toBe(false);

    const row = await tdb.db
      .selectFrom("voices")
      .selectAll()
      .where("receipt_number", "=", receipt.receiptNumber)
      .executeTakeFirstOrThrow();
    const stored = await tdb.db
      .selectFrom("public_receipts")
      .selectAll()
      .where("voice_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.code_hash).not.toContain(receipt.checkCode.replace("-", ""));

    const v = (await cs.get<VoiceDetail>(`/api/v1/voices/${row.id}`)).body;
    expect(v.channel.code).toBe("web");
    expect(v.type.code).toBe("complaint");
    expect(v.department.code).toBe("cs");
    expect(v.assignee).toBeNull();
    expect(v.status).toBe("received");
    expect(v.acknowledgeBy).not.toBeNull();
    expect(v.resolveBy).not.toBeNull();
    expect(v.createdBy).toBeNull();
    expect(v.customer).toMatchObject({
      name: "山田 花子",
      email: "hanako@example.jp",
      phone: "090-1234-5678",
      contactConsent: true,
    });
    expect(v.timeline[0]).toMatchObject({ kind: "created", actor: null, data: { source: "public_form" } });
  });

  it("defaults to 意見・要望 without a topic and without personal data needs no consent", async () => {
    const res = await submit({ content: "いつもありがとうございます。" }, nextIp());
    expect(res.statusCode).toBe(201);
    const { receiptNumber } = JSON.parse(res.body) as PublicVoiceReceipt;
    const row = await tdb.db
      .selectFrom("voices as v")
      .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
      .select(["t.code", "v.customer_id"])
      .where("v.receipt_number", "=", receiptNumber)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ code: "request", customer_id: null });
  });

  it("tells the status only: no staff note, no names, even after work has started", async () => {
    const receipt = JSON.parse((await submit(form, nextIp())).body) as PublicVoiceReceipt;
    const row = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("receipt_number", "=", receipt.receiptNumber)
      .executeTakeFirstOrThrow();
    const note = "社内メモ：支所の対応に問題あり、要確認";
    const act = (body: unknown) => cs.post(`/api/v1/voices/${row.id}/actions`, body);
    expect((await act({ action: "comment", body: note })).status).toBe(200);
    expect((await act({ action: "assign", assigneeId: users.cs.id })).status).toBe(200);
    expect((await act({ action: "start" })).status).toBe(200);

    const res = await status(receipt.receiptNumber, receipt.checkCode.toLowerCase());
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as PublicVoiceStatus;
    expect(Object.keys(body).sort()).toEqual(["receiptNumber", "receivedOn", "status", "statusLabel"]);
    expect(body).toMatchObject({
      receiptNumber: receipt.receiptNumber,
      status: "in_progress",
      statusLabel: "対応中",
    });
    for (const secret of [note, users.cs.name, "相談", "山田", "hanako", "090"])
      expect(res.body).not.toContain(secret);
  });

  it("answers a wrong code and an unknown number alike, with a Japanese message", async () => {
    const receipt = JSON.parse((await submit(form, nextIp())).body) as PublicVoiceReceipt;
    const wrong = await status(receipt.receiptNumber, "AAAA-AAAA");
    const unknown = await status("1999-999999", receipt.checkCode);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(wrong.body)).toEqual(JSON.parse(unknown.body));
    expect(JSON.parse(wrong.body).error.message).toContain("確認コード");
  });

  it("refuses a filled honeypot and stores nothing", async () => {
    const before = await counts();
    const res = await submit({ ...form, website: "http://spam.example/" }, nextIp());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/受け付けられませんでした/);
    expect(await counts()).toEqual(before);
  });

  it("refuses 4,001 characters with a clear message and stores nothing", async () => {
    const before = await counts();
    const res = await submit({ ...form, content: "あ".repeat(4001) }, nextIp());
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.content).toBe("内容は4,000文字以内で入力してください（現在 4,001 文字）");
    expect(await counts()).toEqual(before);
    expect((await submit({ ...form, content: "あ".repeat(4000) }, nextIp())).statusCode).toBe(201);
  });

  it("needs consent to the purpose of use when personal data is entered", async () => {
    const before = await counts();
    const res = await submit({ ...form, privacyConsent: false }, nextIp());
    expect(res.statusCode).toBe(400);
    const fields = JSON.parse(res.body).error.fields as Record<string, string>;
    expect(fields.privacyConsent).toContain("個人情報の取り扱い");
    const bad = await submit({ ...form, email: "not-an-address", contactConsent: true }, nextIp());
    expect(JSON.parse(bad.body).error.fields.email).toContain("メールアドレス");
    expect(await counts()).toEqual(before);
  });

  it("limits one address to 5 submissions in 10 minutes; the refused one stores nothing", async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expect((await submit(form, ip)).statusCode).toBe(201);
    const before = await counts();
    const sixth = await submit(form, ip);
    expect(sixth.statusCode).toBe(429);
    expect(JSON.parse(sixth.body).error).toMatchObject({ code: "throttled" });
    expect(JSON.parse(sixth.body).error.message).toMatch(/約10分後にもう一度/);
    expect(await counts()).toEqual(before);
    // another address is not affected
    expect((await submit(form, nextIp())).statusCode).toBe(201);
  });

  it("ignores a staff session cookie: no CSRF token needed, and the voice is not attributed to the staff", async () => {
    const res = await submit(form, nextIp(), cs.cookie ?? "");
    expect(res.statusCode).toBe(201);
    const { receiptNumber } = JSON.parse(res.body) as PublicVoiceReceipt;
    const row = await tdb.db
      .selectFrom("voices")
      .select("created_by")
      .where("receipt_number", "=", receiptNumber)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toBeNull();
  });
});

describe.each(dialects)("public voice form with mail (KOE_SMTP_URL) on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let smtp: FakeSmtp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    tdb = await createTestDatabase(dialect);
    // the route reads KOE_SMTP_URL when the app is built
    process.env.KOE_SMTP_URL = smtp.url("from=koe@example.jp");
    try {
      app = await testApp(tdb);
    } finally {
      delete process.env.KOE_SMTP_URL;
    }
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
    await smtp?.close();
  });

  it("mails the receipt number and check code to the given address", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/public/voices",
      remoteAddress: nextIp(),
      payload: form,
    });
    expect(res.statusCode).toBe(201);
    const receipt = JSON.parse(res.body) as PublicVoiceReceipt;
    expect(receipt.emailed).toBe(true);
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(["hanako@example.jp"]);
    expect(mail?.subject).toContain(receipt.receiptNumber);
    expect(mail?.text).toContain(`確認コード: ${receipt.checkCode}`);
    expect(mail?.text).toContain("/voice/status");
  });

  it("does not mail without an address, and a failed mail does not lose the voice", async () => {
    const before = smtp.mails.length;
    const anonymous = await app.inject({
      method: "POST",
      url: "/api/v1/public/voices",
      remoteAddress: nextIp(),
      payload: { content: "匿名の声です" },
    });
    expect(JSON.parse(anonymous.body).emailed).toBe(false);
    expect(smtp.mails.length).toBe(before);

    await smtp.close();
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/public/voices",
      remoteAddress: nextIp(),
      payload: form,
    });
    expect(res.statusCode).toBe(201);
    const receipt = JSON.parse(res.body) as PublicVoiceReceipt;
    expect(receipt.emailed).toBe(false);
    const stored = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("receipt_number", "=", receipt.receiptNumber)
      .executeTakeFirst();
    expect(stored).toBeDefined();
  });
});
