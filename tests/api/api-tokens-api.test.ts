/** API tokens for other systems, on every database: scopes, revocation, masking and Idempotency-Key. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiTokenInfo, CreatedApiToken } from "../../src/features/tokens/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const voice = {
  receivedAt: "2025/6/2 9:15",
  channel: "call_center",
  type: "request",
  category: "product",
  department: "call_center",
  content: "医療共済の保障内容を、もっと分かりやすいパンフレットで説明してほしい。",
  customer: { name: "佐藤 一郎", phone: "03-1234-5678", email: "ichiro@example.jp" },
};

describe.each(dialects)("API tokens on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;

  const withToken = (token: string, method: "GET" | "POST", url: string, body?: unknown, key?: string) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const countVoices = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("voices")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const create = async (name: string, scopes: string[]) => {
    const res = await admin.post<CreatedApiToken>("/api/v1/tokens", { name, scopes });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("shows a new token once and stores only its hash; only admins manage tokens", async () => {
    const created = await create("基幹システム", ["voices:write", "voices:read"]);
    expect(created.token).toMatch(/^koe_[A-Za-z0-9_-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created.scopes).toEqual(["voices:read", "voices:write"]);
    const row = await tdb.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = await admin.get<{ items: ApiTokenInfo[] }>("/api/v1/tokens");
    expect(list.body.items.find((t) => t.id === created.id)).not.toHaveProperty("token");
    expect(JSON.stringify(list.body)).not.toContain(created.token);

    const cs = await clientAs(app, "cs@example.jp");
    expect((await cs.get("/api/v1/tokens")).status).toBe(403);
    expect((await cs.post("/api/v1/tokens", { name: "x", scopes: ["voices:read"] })).status).toBe(403);
    const bad = await admin.post<{ error: { fields: Record<string, string> } }>("/api/v1/tokens", {
      name: "",
      scopes: [],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["name", "scopes"]);
    // a token cannot manage tokens
    expect((await withToken(created.token, "GET", "/api/v1/tokens")).statusCode).toBe(403);
  });

  it("registers with voices:write (no CSRF), attributes the voice to the token's service user", async () => {
    const t = await create("受付システム", ["voices:write"]);
    const res = await withToken(t.token, "POST", "/api/v1/voices", voice);
    expect(res.statusCode).toBe(201);
    const v = JSON.parse(res.body) as VoiceDetail;
    expect(v.createdBy?.name).toBe("API: 受付システム");
    // the service user cannot sign in and is not offered as an assignee
    const options = await admin.get<{ items: { name: string }[] }>("/api/v1/users/options");
    expect(options.body.items.map((u) => u.name)).not.toContain("API: 受付システム");
  });

  it("refuses a write with a voices:read token (403); reads show masked customer data", async () => {
    const writer = await create("書き込み", ["voices:write"]);
    const reader = await create("読み取り", ["voices:read"]);
    const before = await countVoices();
    const res = await withToken(reader.token, "POST", "/api/v1/voices", voice);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).error.message).toContain("voices:write");
    expect(await countVoices()).toBe(before);

    const created = JSON.parse(
      (await withToken(writer.token, "POST", "/api/v1/voices", voice)).body,
    ) as VoiceDetail;
    const read = await withToken(reader.token, "GET", `/api/v1/voices/${created.id}`);
    expect(read.statusCode).toBe(200);
    const detail = JSON.parse(read.body) as VoiceDetail;
    expect(detail.customer).toMatchObject({ masked: true, name: "佐＊ ＊＊" });
    expect(read.body).not.toContain("03-1234-5678");
    expect(read.body).not.toContain("ichiro@example.jp");
    expect((await withToken(reader.token, "GET", "/api/v1/voices?limit=5")).statusCode).toBe(200);
    // a write-only token cannot read
    expect((await withToken(writer.token, "GET", `/api/v1/voices/${created.id}`)).statusCode).toBe(403);
  });

  it("refuses a revoked token and an unknown one (401)", async () => {
    const t = await create("廃止予定", ["voices:write", "voices:read"]);
    expect((await withToken(t.token, "GET", "/api/v1/voices?limit=1")).statusCode).toBe(200);
    const revoked = await admin.request<ApiTokenInfo>("DELETE", `/api/v1/tokens/${t.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const before = await countVoices();
    const res = await withToken(t.token, "POST", "/api/v1/voices", voice);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe("unauthenticated");
    expect(await countVoices()).toBe(before);
    expect((await withToken("koe_not-a-real-token", "GET", "/api/v1/voices")).statusCode).toBe(401);
    expect((await admin.request("DELETE", "/api/v1/tokens/999999")).status).toBe(404);
  });

  it("creates one voice for a retried request with the same Idempotency-Key", async () => {
    const t = await create("再送あり", ["voices:write"]);
    const before = await countVoices();
    const first = await withToken(t.token, "POST", "/api/v1/voices", voice, "order-2025-0001");
    const retry = await withToken(t.token, "POST", "/api/v1/voices", voice, "order-2025-0001");
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    const a = JSON.parse(first.body) as VoiceDetail;
    const b = JSON.parse(retry.body) as VoiceDetail;
    expect(b.id).toBe(a.id);
    expect(b.receiptNumber).toBe(a.receiptNumber);
    expect(await countVoices()).toBe(before + 1);
    // another key is another voice; a key refused by validation can be used again once fixed
    expect((await withToken(t.token, "POST", "/api/v1/voices", voice, "order-2025-0002")).statusCode).toBe(
      201,
    );
    const invalid = await withToken(t.token, "POST", "/api/v1/voices", { ...voice, content: "" }, "order-3");
    expect(invalid.statusCode).toBe(400);
    expect((await withToken(t.token, "POST", "/api/v1/voices", voice, "order-3")).statusCode).toBe(201);
    expect(await countVoices()).toBe(before + 3);
  });

  it("documents tokens and the public form in the OpenAPI document", async () => {
    const doc = JSON.parse((await app.inject({ method: "GET", url: "/api/openapi.json" })).body) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/tokens", "/api/v1/tokens/{id}", "/api/v1/public/voices"]),
    );
    expect(JSON.stringify(doc.paths["/api/v1/tokens"])).toContain("Idempotency-Key");
  });
});
