/**
 * Every API answer says Cache-Control: no-store (answers carry customers' names and contacts; a shared PC's
 * browser cache or a proxy must not keep them), and the public form's limit speaks natural Japanese.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicVoiceReceipt } from "../../src/features/public-form/contract.js";
import { type ApiClient, clientAs, PASSWORD, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const form = {
  topic: "complaint",
  content: "窓口で共済金の支払いが遅れる理由を聞いても、はっきりした説明がありませんでした。",
  name: "鈴木 一郎",
  email: "ichiro.suzuki@example.jp",
  phone: "03-1234-5678",
  contactConsent: true,
  privacyConsent: true,
  website: "",
};

describe.each(dialects)("API answers on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let voiceId: number;

  const submit = (remoteAddress: string) =>
    app.inject({ method: "POST", url: "/api/v1/public/voices", remoteAddress, payload: form });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    const sent = await submit("192.0.2.1");
    const { receiptNumber } = JSON.parse(sent.body) as PublicVoiceReceipt;
    voiceId = (
      await tdb.db
        .selectFrom("voices")
        .select("id")
        .where("receipt_number", "=", receiptNumber)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("say Cache-Control: no-store, with personal data, on errors and on the members' form alike", async () => {
    const answers = {
      login: await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: "cs@example.jp", password: PASSWORD },
      }),
      wrongLogin: await app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: "192.0.2.9",
        payload: { email: "cs@example.jp", password: "違うパスワードです" },
      }),
      session: await cs.request("GET", "/api/v1/session"),
      voice: await cs.request("GET", `/api/v1/voices/${voiceId}`),
      list: await cs.request("GET", "/api/v1/voices"),
      exportCsv: await cs.request("GET", "/api/v1/exports/voices"),
      anonymous: await app.inject({ method: "GET", url: `/api/v1/voices/${voiceId}` }),
      invalid: await cs.request("POST", "/api/v1/voices", { content: "" }),
      unknownPath: await cs.request("GET", "/api/v1/no-such-thing"),
      publicSubmit: await submit("192.0.2.2"),
      publicStatus: await app.inject({
        method: "GET",
        url: "/api/v1/public/voices/2026-000001?code=AAAA-BBBB",
        remoteAddress: "192.0.2.3",
      }),
    };
    const statuses = Object.fromEntries(
      Object.entries(answers).map(([k, r]) => [k, "status" in r ? r.status : r.statusCode]),
    );
    expect(statuses).toEqual({
      login: 200,
      wrongLogin: 401,
      session: 200,
      voice: 200,
      list: 200,
      exportCsv: 200,
      anonymous: 401,
      invalid: 400,
      unknownPath: 404,
      publicSubmit: 201,
      publicStatus: 404,
    });
    // the voice detail really does carry the member's contact details
    expect(JSON.stringify((answers.voice as { body: unknown }).body)).toContain("ichiro.suzuki@example.jp");
    for (const [name, r] of Object.entries(answers))
      expect(r.headers["cache-control"], name).toBe("no-store");
  });

  it("refuse the 6th post from one address in natural Japanese, with Retry-After and no-store", async () => {
    for (let i = 0; i < 5; i++) expect((await submit("192.0.2.50")).statusCode).toBe(201);
    const sixth = await submit("192.0.2.50");
    expect(sixth.statusCode).toBe(429);
    expect(JSON.parse(sixth.body)).toEqual({
      error: {
        code: "throttled",
        message:
          "短い時間に続けて送信されたため、受け付けを一時停止しています。約10分後にもう一度お試しください",
      },
    });
    expect(sixth.headers["retry-after"]).toBe("600");
    expect(sixth.headers["cache-control"]).toBe("no-store");
  });

  it("refuse the 31st status lookup from one address in natural Japanese", async () => {
    let last = await app.inject({
      method: "GET",
      url: "/api/v1/public/voices/x?code=y",
      remoteAddress: "192.0.2.60",
    });
    for (let i = 0; i < 30; i++)
      last = await app.inject({
        method: "GET",
        url: `/api/v1/public/voices/2026-00000${i % 10}?code=AAAA-BBBB`,
        remoteAddress: "192.0.2.60",
      });
    expect(last.statusCode).toBe(429);
    expect(JSON.parse(last.body).error.message).toBe(
      "短い時間に続けて照会されたため、状況の確認を一時停止しています。約10分後にもう一度お試しください",
    );
  });
});
