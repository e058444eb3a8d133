/**
 * Login throttling through HTTP, on every database: known and unknown addresses answered alike, a short delay
 * that grows instead of a lock, by e-mail and by client address. The throttle runs on a clock the test moves.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { PASSWORD, seedUsers } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

describe.each(dialects)("login throttling on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let now = Date.now();
  const wait = (seconds: number) => {
    now += seconds * 1000;
  };

  const attempt = async (email: string, password: string, remoteAddress: string): Promise<Answer> => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress,
      payload: { email, password },
    });
    const body = JSON.parse(res.body) as { user?: unknown; csrfToken?: unknown };
    return {
      status: res.statusCode,
      retryAfter: (res.headers["retry-after"] as string | undefined) ?? null,
      // a session's token differs per login; what the caller learns is the status and the message
      body: res.statusCode === 200 ? "signed in" : body,
    };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await seedUsers(tdb);
    app = await buildApp({
      db: tdb.db,
      dialect: tdb.dialect,
      webDir: "/nonexistent",
      clock: () => now,
    });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("answers an existing and an unknown address with the same statuses, delays and messages", async () => {
    // The owner's right password during a delay is refused exactly like anyone's guess.
    const run = async (email: string, address: string) => {
      const out: Answer[] = [];
      for (let i = 0; i < 5; i++) out.push(await attempt(email, `違うパスワード${i}`, address));
      out.push(await attempt(email, PASSWORD, address));
      wait(2);
      out.push(await attempt(email, "まちがい-6", address));
      out.push(await attempt(email, PASSWORD, address));
      wait(1);
      out.push(await attempt(email, PASSWORD, address));
      wait(3);
      out.push(await attempt(email, "まちがい-7", address));
      out.push(await attempt(email, "まちがい-8", address));
      return out;
    };
    const known = await run("staff@example.jp", "192.0.2.1");
    const unknown = await run("tanaka.ichiro@example.jp", "192.0.2.2");
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 401, 429, 429, 401, 429]);
    expect(known.map((a) => a.retryAfter)).toEqual([
      null,
      null,
      null,
      null,
      null,
      "2",
      null,
      "4",
      "3",
      null,
      "8",
    ]);
    expect(known[0]?.body).toEqual({
      error: { code: "unauthenticated", message: "メールアドレスまたはパスワードが正しくありません" },
    });
    expect(known[5]?.body).toEqual({
      error: {
        code: "throttled",
        message: "ログインの失敗が続いたため、しばらくログインできません。約2秒後にもう一度お試しください",
      },
    });
    // the e-mail is matched as typed by people: case and surrounding spaces do not start a fresh count
    expect((await attempt("  Staff@Example.JP ", PASSWORD, "192.0.2.3")).status).toBe(429);
  });

  it("lets the owner in with the right password as soon as the delay has passed, and then forgets the failures", async () => {
    for (let i = 0; i < 5; i++) await attempt("staff2@example.jp", `誤り${i}`, "192.0.2.10");
    expect(await attempt("staff2@example.jp", PASSWORD, "192.0.2.10")).toMatchObject({
      status: 429,
      retryAfter: "2",
    });
    wait(2);
    expect((await attempt("staff2@example.jp", PASSWORD, "192.0.2.10")).status).toBe(200);
    expect((await attempt("staff2@example.jp", "誤り-後", "192.0.2.10")).status).toBe(401);
    expect((await attempt("staff2@example.jp", PASSWORD, "192.0.2.10")).status).toBe(200);
  });

  it("lets a stranger who keeps guessing delay the owner by 15 minutes at most, never lock them out", async () => {
    const delays: number[] = [];
    for (let failures = 0; failures < 16; ) {
      const a = await attempt("lead@example.jp", `総当たり${failures}`, "203.0.113.9");
      if (a.status === 401) failures++;
      else {
        expect(a.status).toBe(429);
        delays.push(Number(a.retryAfter));
        wait(Number(a.retryAfter));
      }
    }
    expect(delays.slice(0, 10)).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    expect(Math.max(...delays)).toBe(900);
    // the owner, at another address right after the stranger's last guess, waits those 15 minutes, then gets in
    const owner = await attempt("lead@example.jp", PASSWORD, "192.0.2.20");
    expect(owner).toMatchObject({ status: 429, retryAfter: "900" });
    expect(JSON.stringify(owner.body)).toContain("約15分後にもう一度お試しください");
    wait(900);
    expect((await attempt("lead@example.jp", PASSWORD, "192.0.2.20")).status).toBe(200);
  });

  it("slows one address that guesses many accounts, without touching other addresses", async () => {
    for (let i = 0; i < 20; i++) {
      const a = await attempt(
        `member${String(i).padStart(2, "0")}@example.jp`,
        "password123",
        "198.51.100.7",
      );
      expect(a.status).toBe(401);
    }
    expect(await attempt("viewer@example.jp", PASSWORD, "198.51.100.7")).toMatchObject({
      status: 429,
      retryAfter: "2",
    });
    expect((await attempt("viewer@example.jp", PASSWORD, "198.51.100.8")).status).toBe(200);
    wait(2);
    expect((await attempt("viewer@example.jp", PASSWORD, "198.51.100.7")).status).toBe(200);
  });

  it("counts parallel guesses: ten at once get no more than five password checks", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt("cs@example.jp", `並列${i}`, "192.0.2.30")),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    wait(2);
    expect((await attempt("cs@example.jp", PASSWORD, "192.0.2.30")).status).toBe(200);
  });

  it("refuses nobody within the free failures, even when another attempt was written with a later clock", async () => {
    // Colleagues behind one office address sign in at once: each attempt reads the clock before it waits its turn,
    // so the one written first may carry a later time than the next one's clock. Within the free failures there is
    // no delay to wait for, whatever the times.
    expect((await attempt("staff@example.jp", "まちがい", "203.0.113.40")).status).toBe(401);
    wait(-1);
    expect((await attempt("lead@example.jp", PASSWORD, "203.0.113.40")).status).toBe(200);
    expect((await attempt("staff@example.jp", PASSWORD, "203.0.113.40")).status).toBe(200);
    wait(1);
  });
});
