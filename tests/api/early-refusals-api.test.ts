/**
 * A flood of public-form posts over real HTTP, on every database: once the limiter has refused an address, its
 * further posts are answered by the HTTP server before Fastify (src/http/early-refusals.ts) with the limiter's own
 * 429 — same body, same limiter and security headers — after a pause, and without a line each in the request log. The address is
 * the one Fastify sees, behind a trusted proxy too; other addresses are not affected.
 */
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_SUBMIT_LIMIT } from "../../src/features/public-form/routes.js";
import { REFUSAL_PAUSE_MS } from "../../src/http/early-refusals.js";
import { testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const form = {
  topic: "request",
  content: "窓口の受付時間を土曜日も設けてほしいです。平日は仕事で行けません。",
  privacyConsent: true,
  website: "",
};

describe.each(await testDialects())("early refusals of a public-form flood on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const logged: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const logs = new Writable({
      write(chunk, _enc, done) {
        logged.push(...String(chunk).trim().split("\n"));
        done();
      },
    });
    // The flood arrives through a proxy on this machine that says who sent each post (KOE_TRUST_PROXY).
    app = await testApp(tdb, { trustProxy: ["127.0.0.1"], logger: { level: "info", stream: logs } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  const post = (from: string) =>
    fetch(`${base}/api/v1/public/voices`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify(form),
    });
  const postsLogged = () =>
    logged.filter((l) => l.includes('"incoming request"') && l.includes("/api/v1/public/voices")).length;

  it("answers the flood with the limiter's own 429, from the HTTP server, for that address only", async () => {
    const flooder = "203.0.113.7";
    for (let i = 0; i < PUBLIC_SUBMIT_LIMIT; i++) expect((await post(flooder)).status).toBe(201);
    // The first refusal is the limiter's, through Fastify (the database says the address is over its limit).
    const first = await post(flooder);
    expect(first.status).toBe(429);
    const firstBody = await first.json();
    const loggedBefore = postsLogged();

    // Answered after the pause (a tarpit), whatever the number sent at once.
    const sentAt = performance.now();
    const rest = await Promise.all(Array.from({ length: 30 }, () => post(flooder)));
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(REFUSAL_PAUSE_MS - 5);
    expect(rest.map((r) => r.status)).toEqual(Array(30).fill(429));
    // None of them reached Fastify: no request log line each.
    expect(postsLogged()).toBe(loggedBefore);

    const early = rest[0] as Response;
    const earlyBody = await early.json();
    expect(earlyBody).toEqual(firstBody);
    expect(earlyBody.error.message).toMatch(/受け付けを一時停止しています。約10分後にもう一度お試しください/);
    for (const name of [
      "content-type",
      "cache-control",
      "content-security-policy",
      "x-content-type-options",
      "x-frame-options",
      "referrer-policy",
      "x-ratelimit-limit",
      "x-ratelimit-remaining",
    ])
      expect([name, early.headers.get(name)]).toEqual([name, first.headers.get(name)]);
    const wait = Number(early.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(Number(first.headers.get("retry-after")));
    expect(early.headers.get("x-ratelimit-reset")).toBe(String(wait));

    // Nothing was stored for the refused posts.
    const stored = await tdb.db
      .selectFrom("voices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(PUBLIC_SUBMIT_LIMIT);

    // Another member behind the same proxy still gets through, on the normal path.
    const other = await post("203.0.113.8");
    expect(other.status).toBe(201);
    expect(postsLogged()).toBe(loggedBefore + 1);
  });

  it("keeps the connection usable after refusing a post whose body it did not read", async () => {
    const flooder = "203.0.113.9";
    for (let i = 0; i <= PUBLIC_SUBMIT_LIMIT; i++) await post(flooder);
    // A large body on a kept-alive connection, refused early, then a normal request on the same connection.
    const big = { ...form, content: "長い本文です。".repeat(2_000) };
    const refused = await fetch(`${base}/api/v1/public/voices`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": flooder },
      body: JSON.stringify(big),
    });
    expect(refused.status).toBe(429);
    await refused.arrayBuffer();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
  });
});
