/**
 * Input at the boundary, on every database: ids beyond PostgreSQL's integer, control characters and lone
 * surrogates, dates outside koe's era, user names, passwords and settings. Each answers 400 or 404 in Japanese,
 * naming the field, the same way on SQLite and PostgreSQL (never 500).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const complaint = {
  receivedAt: "2025/6/2 9:15",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department: "call_center",
  content: "窓口で長時間待たされたうえ、説明も不十分でした。改善をお願いします。",
  customer: { name: "山田 花子", phone: "090-1234-5678" },
};

/** one past the largest PostgreSQL integer (2³¹ − 1) */
const TOO_BIG = "2147483648";

describe.each(dialects)("input validation on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let admin: ApiClient;
  let cs: ApiClient;
  let voice: VoiceDetail;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    const created = await cs.post<VoiceDetail>("/api/v1/voices", complaint);
    expect(created.status).toBe(201);
    voice = created.body;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  describe("ids beyond 2³¹ − 1", () => {
    it("answers 404 for an id in the path, like a missing record", async () => {
      const paths: [ApiClient, string, string, unknown?][] = [
        [cs, "GET", `/api/v1/voices/${TOO_BIG}`],
        [cs, "GET", "/api/v1/voices/100000000000000000000"],
        [cs, "PATCH", `/api/v1/voices/${TOO_BIG}`, { version: 1, content: "内容を直しました。" }],
        [cs, "POST", `/api/v1/voices/${TOO_BIG}/actions`, { action: "start" }],
        [cs, "GET", `/api/v1/voices/${TOO_BIG}/similar`],
        [cs, "POST", `/api/v1/voices/${TOO_BIG}/merge`, { intoId: voice.id }],
        [admin, "PATCH", `/api/v1/users/${TOO_BIG}`, { name: "佐藤 美咲" }],
        [admin, "PATCH", `/api/v1/departments/${TOO_BIG}`, { name: "本店営業部" }],
        [admin, "PATCH", `/api/v1/taxonomy/category/${TOO_BIG}`, { name: "手続き" }],
        [admin, "DELETE", `/api/v1/tokens/${TOO_BIG}`],
      ];
      for (const [client, method, url, body] of paths) {
        const res = await client.request<ErrorBody>(method, url, body);
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.body.error.code).toBe("not_found");
        expect(res.body.error.message).toMatch(/見つかりません/);
      }
      // the largest id that can exist is looked up and simply not found
      const largest = await cs.get<ErrorBody>("/api/v1/voices/2147483647");
      expect(largest.status).toBe(404);
      expect(largest.body.error.message).toBe("声が見つかりません");
    });

    it("answers 400 naming the field for an id in a body or a query", async () => {
      const cases: [ApiClient, string, string, unknown, string][] = [
        [cs, "POST", `/api/v1/voices/${voice.id}/merge`, { intoId: 2147483648 }, "intoId"],
        [cs, "POST", "/api/v1/voices", { ...complaint, assigneeId: 2147483648 }, "assigneeId"],
        [cs, "POST", "/api/v1/voices", { ...complaint, department: 2147483648 }, "department"],
        [cs, "PATCH", `/api/v1/voices/${voice.id}`, { version: 2147483648, priority: "high" }, "version"],
        [
          cs,
          "POST",
          `/api/v1/voices/${voice.id}/actions`,
          { action: "assign", assigneeId: 2147483648 },
          "assigneeId",
        ],
        [
          cs,
          "POST",
          "/api/v1/voices/similar",
          { text: "窓口で待たされた", excludeId: 2147483648 },
          "excludeId",
        ],
        [
          admin,
          "POST",
          "/api/v1/users",
          {
            email: "sato@example.jp",
            name: "佐藤 美咲",
            role: "staff",
            departmentId: 2147483648,
            password: "sato-misaki-2025",
          },
          "departmentId",
        ],
        [admin, "PATCH", `/api/v1/users/${users.staff.id}`, { departmentId: 2147483648 }, "departmentId"],
        [admin, "GET", `/api/v1/audit?voiceId=${TOO_BIG}`, undefined, "voiceId"],
        [cs, "GET", `/api/v1/voices?assignee=${TOO_BIG}`, undefined, "assignee"],
        [cs, "GET", "/api/v1/voices?assignee=100000000000000000000", undefined, "assignee"],
        [cs, "GET", "/api/v1/voices?assignee=1e20", undefined, "assignee"],
        [cs, "GET", `/api/v1/exports/voices?assignee=me,${TOO_BIG}`, undefined, "assignee"],
      ];
      for (const [client, method, url, body, field] of cases) {
        const res = await client.request<ErrorBody>(method, url, body);
        expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.error.code).toBe("invalid_input");
        expect(res.body.error.fields?.[field], `${method} ${url}`).toMatch(/[ぁ-んァ-ン一-龯]/);
      }
      // ids inside the range still work
      const mine = await cs.get<{ total: number }>(`/api/v1/voices?assignee=me,none,2147483647`);
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBe(1);
    });
  });
});
