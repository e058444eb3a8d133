/**
 * SIGTERM on a real `koe serve`: a request in flight is answered and written, new connections are refused, the
 * process exits 0; a request that never ends is cut off after KOE_SHUTDOWN_TIMEOUT_MS. Needs `dist/`.
 */
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../src/features/users-and-settings/contract.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const VOICE = JSON.stringify({
  receivedAt: "2025/6/2 9:15",
  channel: "counter",
  type: "request",
  category: "servicing",
  department: "cs",
  content: "停止の合図のあいだに届いた声です。受付が終わるまで待ってほしい。",
});

async function login(url: string) {
  const r = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.jp", password: "admin-password-1" }),
  });
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrf: ((await r.json()) as SessionResponse).csrfToken };
}

/** A POST whose body arrives in two halves; `finish` sends the second half and resolves with the answer. */
function slowPost(url: string, path: string, headers: Record<string, string>, body: string) {
  const u = new URL(path, url);
  const bytes = Buffer.from(body, "utf8");
  let answer: Promise<{ status: number; text: string }> | undefined;
  const req = httpRequest({
    host: u.hostname,
    port: u.port,
    path: u.pathname,
    method: "POST",
    headers: { ...headers, "content-type": "application/json", "content-length": String(bytes.length) },
  });
  answer = new Promise((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => {
        text += String(d);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
  });
  req.write(bytes.subarray(0, 20));
  return {
    finish() {
      req.end(bytes.subarray(20));
      return answer;
    },
    answer,
  };
}

const exited = (p: ServerProcess) =>
  new Promise<number | null>((resolve) => {
    if (p.child.exitCode !== null) resolve(p.child.exitCode);
    else p.child.once("exit", (code) => resolve(code));
  });

describe.each(await testDialects())("graceful shutdown on %s", (dialect) => {
  let tdb: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await tdb?.drop();
    server = undefined;
    tdb = undefined;
  });

  async function start(extra: Record<string, string> = {}) {
    tdb = await createTestDatabase(dialect);
    server = await startServerProcess({
      DATABASE_URL: tdb.url,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
      LOG_LEVEL: "silent",
      ...extra,
    });
    return server;
  }

  it("answers the request in flight, refuses new connections and exits 0", { timeout: 90_000 }, async () => {
    const s = await start();
    const { cookie, csrf } = await login(s.url);
    const post = slowPost(s.url, "/api/v1/voices", { cookie, "x-csrf-token": csrf }, VOICE);
    await new Promise((r) => setTimeout(r, 300));
    const exit = exited(s);
    s.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    expect(s.child.exitCode).toBeNull();
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();

    const res = await post.finish();
    expect(res.status).toBe(201);
    const { receiptNumber } = JSON.parse(res.text) as { receiptNumber: string };
    expect(await exit).toBe(0);
    expect(s.output()).toContain("koe を停止しました");

    const stored = await tdb?.db
      .selectFrom("voices")
      .select("receipt_number")
      .where("receipt_number", "=", receiptNumber)
      .execute();
    expect(stored).toHaveLength(1);
  });

  it("cuts off a request that does not end within the timeout", { timeout: 90_000 }, async () => {
    const s = await start({ KOE_SHUTDOWN_TIMEOUT_MS: "1000" });
    const { cookie, csrf } = await login(s.url);
    const post = slowPost(s.url, "/api/v1/voices", { cookie, "x-csrf-token": csrf }, VOICE);
    post.answer.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const exit = exited(s);
    s.child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(s.output()).toContain("打ち切りました");
    await expect(post.answer).rejects.toThrow();
  });
});
