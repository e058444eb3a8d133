/** Scale-out: two app processes on one PostgreSQL share sessions, receipt numbers and data. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../src/features/users-and-settings/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const hasPostgres = (await testDialects()).includes("postgres");

describe.skipIf(!hasPostgres)("two app processes on one PostgreSQL", () => {
  let tdb: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    const env = {
      DATABASE_URL: tdb.url,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
    };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await tdb?.drop();
  });

  it("accepts on one process a session made on the other", async () => {
    const login = await fetch(`${a.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@example.jp", password: "admin-password-1" }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^koe_session=/);
    const { csrfToken } = (await login.json()) as SessionResponse;

    const onB = await fetch(`${b.url}/api/v1/session`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as SessionResponse).user.email).toBe("admin@example.jp");

    // Writes on both processes draw receipt numbers from the one shared counter.
    const body = JSON.stringify({
      receivedAt: "2025/6/2 9:15",
      channel: "counter",
      type: "request",
      category: "servicing",
      department: "cs",
      content: "住所変更の手続きを窓口でなくマイページからもできるようにしてほしい。",
    });
    const headers = { cookie, "content-type": "application/json", "x-csrf-token": csrfToken };
    const [r1, r2] = await Promise.all([
      fetch(`${a.url}/api/v1/voices`, { method: "POST", headers, body }),
      fetch(`${b.url}/api/v1/voices`, { method: "POST", headers, body }),
    ]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    const numbers = [
      ((await r1.json()) as VoiceDetail).receiptNumber,
      ((await r2.json()) as VoiceDetail).receiptNumber,
    ];
    expect(numbers.sort()).toEqual(["2025-000001", "2025-000002"]);

    const logout = await fetch(`${b.url}/api/v1/session`, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${a.url}/api/v1/session`, { headers: { cookie } })).status).toBe(401);
  });
});
