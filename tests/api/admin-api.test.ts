/** Administration through HTTP on every database: labels, departments, users, settings, audit log. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexAllMissingWords } from "../../src/features/text/word-index.js";
import type { Label, Taxonomy, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const request = {
  receivedAt: "2025/5/30 14:00",
  channel: "web",
  type: "request",
  category: "application",
  department: "cs",
  content: "Web申込の入力項目が多く、途中で保存できないので不便です。",
};

describe.each(dialects)("administration API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("renames and retires a label; old voices stay readable, new voices cannot use a retired label", async () => {
    const created = await admin.post<Label>("/api/v1/taxonomy/category", {
      code: "web_service",
      name: "Webサービス",
    });
    expect(created.status).toBe(201);
    const v = (await cs.post<VoiceDetail>("/api/v1/voices", { ...request, category: "web_service" })).body;
    expect(v.category?.name).toBe("Webサービス");

    const renamed = await admin.request<Label>("PATCH", `/api/v1/taxonomy/category/${created.body.id}`, {
      name: "ホームページ・マイページ",
    });
    expect(renamed.body.name).toBe("ホームページ・マイページ");
    const retired = await admin.request<Label>("PATCH", `/api/v1/taxonomy/category/${created.body.id}`, {
      active: false,
    });
    expect(retired.body.active).toBe(false);

    const old = await cs.get<VoiceDetail>(`/api/v1/voices/${v.id}`);
    expect(old.status).toBe(200);
    expect(old.body.category).toMatchObject({ id: created.body.id, code: "web_service" });
    const refused = await cs.post<{ error: { fields: Record<string, string> } }>("/api/v1/voices", {
      ...request,
      category: "web_service",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.category).toContain("廃止");

    const tax = await cs.get<Taxonomy>("/api/v1/taxonomy");
    expect(tax.body.category.find((l) => l.code === "web_service")?.active).toBe(false);
    expect((await cs.post("/api/v1/taxonomy/category", { code: "x", name: "X" })).status).toBe(403);
  });

  it("numbers voices by the configured fiscal year and applies deadline settings", async () => {
    const put = await admin.request("PUT", "/api/v1/settings", {
      fiscalYearStartMonth: 6,
      deadlineRules: { request: { acknowledgeDays: 2, resolveDays: 3 } },
    });
    expect(put.status).toBe(200);
    const may = (await cs.post<VoiceDetail>("/api/v1/voices", request)).body; // 2025/5/30 is FY2024 when the year starts in June
    expect(may.receiptNumber).toMatch(/^2024-\d{6}$/);
    expect(may.acknowledgeBy).toBe("2025-06-03");
    expect(may.resolveBy).toBe("2025-06-04");
    const june = (await cs.post<VoiceDetail>("/api/v1/voices", { ...request, receivedAt: "令和7年6月2日" }))
      .body;
    expect(june.receiptNumber).toMatch(/^2025-\d{6}$/);
    const bad = await admin.request<{ error: { fields: Record<string, string> } }>(
      "PUT",
      "/api/v1/settings",
      {
        fiscalYearStartMonth: 13,
      },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain("fiscalYearStartMonth");
    await admin.request("PUT", "/api/v1/settings", { fiscalYearStartMonth: 4 });
  });

  it("lets admins extend the user dictionary, and the word analysis keeps those words whole", async () => {
    const put = await admin.request<{ userDictionary: string[] }>("PUT", "/api/v1/settings", {
      userDictionary: ["ねんきん定期便", " ｺｰﾌﾟ共済 ", "ねんきん定期便"],
    });
    expect(put.status).toBe(200);
    expect(put.body.userDictionary).toEqual(["ねんきん定期便", "コープ共済"]);
    const bad = await admin.request<{ error: { fields: Record<string, string> } }>(
      "PUT",
      "/api/v1/settings",
      {
        userDictionary: ["共済 金"],
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.userDictionary).toContain("共済 金");

    const v = (
      await cs.post<VoiceDetail>("/api/v1/voices", {
        ...request,
        content: "ねんきん定期便の見方がわからず、コープ共済の窓口で教えてもらいました。",
      })
    ).body;
    await indexAllMissingWords(tdb.db);
    const row = await tdb.db
      .selectFrom("voice_words")
      .select("words")
      .where("voice_id", "=", v.id)
      .executeTakeFirstOrThrow();
    expect(row.words.split(" ")).toEqual(expect.arrayContaining(["ねんきん定期便", "コープ共済"]));
    await admin.request("PUT", "/api/v1/settings", { userDictionary: [] });
    // A dictionary change sends every voice back to the analyzer.
    expect(
      await tdb.db
        .selectFrom("voice_words")
        .select("voice_id")
        .where("voice_id", "=", v.id)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("manages users: create, refuse duplicates and weak passwords, deactivate ends sessions", async () => {
    const dept = (
      await admin.get<{ items: { id: number; code: string }[] }>("/api/v1/departments")
    ).body.items.find((d) => d.code === "claims");
    const made = await admin.post<{ id: number; role: string }>("/api/v1/users", {
      email: "suzuki@example.jp",
      name: "鈴木 誠",
      role: "staff",
      departmentId: dept?.id,
      password: "suzuki-password-1",
    });
    expect(made.status).toBe(201);
    const dup = await admin.post<{ error: { fields: Record<string, string> } }>("/api/v1/users", {
      email: "SUZUKI@example.jp",
      name: "鈴木 誠",
      role: "staff",
      departmentId: dept?.id,
      password: "short",
    });
    expect(dup.status).toBe(400);
    expect(Object.keys(dup.body.error.fields).sort()).toEqual(["email", "password"]);
    const suzuki = await clientAs(app, "suzuki@example.jp", "suzuki-password-1");
    expect((await suzuki.get("/api/v1/session")).status).toBe(200);
    expect((await admin.request("PATCH", `/api/v1/users/${made.body.id}`, { active: false })).status).toBe(
      200,
    );
    expect((await suzuki.get("/api/v1/session")).status).toBe(401);
    expect((await suzuki.login("suzuki@example.jp", "suzuki-password-1")).status).toBe(401);
    expect((await cs.get("/api/v1/users")).status).toBe(403);
  });

  it("shows admins who viewed which customer's data", async () => {
    const v = (
      await cs.post<VoiceDetail>("/api/v1/voices", {
        ...request,
        customer: { name: "高橋 陽子", phone: "080-1111-2222" },
      })
    ).body;
    await cs.get(`/api/v1/voices/${v.id}`);
    const audit = await admin.get<{
      items: { action: string; receiptNumber: string; user: { name: string } }[];
      total: number;
    }>(`/api/v1/audit?voiceId=${v.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBe(2); // the view after registering, and the view just now
    expect(audit.body.items[0]).toMatchObject({
      action: "customer_viewed",
      receiptNumber: v.receiptNumber,
      user: { name: "相談 花子" },
    });
    expect((await cs.get("/api/v1/audit")).status).toBe(403);
  });
});
