/**
 * Security headers on every kind of response: UI pages and client routes, static files, API answers, errors and
 * 404s; HSTS only when koe runs behind HTTPS (KOE_COOKIE_SECURE=true).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { CONTENT_SECURITY_POLICY } from "../../src/http/security-headers.js";
import { PASSWORD, seedUsers } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

/** A built UI in miniature: a page and one script. */
function makeWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-web-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><script type="module" src="/assets/a.js"></script>');
  writeFileSync(join(dir, "assets", "a.js"), "export {};\n");
  return dir;
}

const EXPECTED = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

describe.each(await testDialects())("security headers on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let secure: FastifyInstance;
  let webDir: string;

  beforeAll(async () => {
    webDir = makeWebDir();
    tdb = await createTestDatabase(dialect);
    await seedUsers(tdb);
    const make = (secureCookie: boolean) =>
      buildApp({
        db: tdb.db,
        dialect: tdb.dialect,
        webDir,
        secureCookie,
      });
    app = await make(false);
    secure = await make(true);
  });
  afterAll(async () => {
    await app?.close();
    await secure?.close();
    await tdb?.drop();
    rmSync(webDir, { recursive: true, force: true });
  });

  it("are on pages, files, API answers, errors and 404s, without HSTS over plain HTTP", async () => {
    const answers = {
      page: await app.inject({ method: "GET", url: "/" }),
      clientRoute: await app.inject({ method: "GET", url: "/voices/12" }),
      script: await app.inject({ method: "GET", url: "/assets/a.js" }),
      missingAsset: await app.inject({ method: "GET", url: "/assets/gone.js" }),
      health: await app.inject({ method: "GET", url: "/healthz" }),
      unauthenticated: await app.inject({ method: "GET", url: "/api/v1/voices" }),
      login: await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: "cs@example.jp", password: PASSWORD },
      }),
      badJson: await app.inject({
        method: "POST",
        url: "/api/v1/session",
        headers: { "content-type": "application/json" },
        payload: "{",
      }),
      unknownApi: await app.inject({ method: "GET", url: "/api/v1/nothing-here" }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.statusCode]))).toEqual({
      page: 200,
      clientRoute: 200,
      script: 200,
      missingAsset: 404,
      health: 200,
      unauthenticated: 401,
      login: 200,
      badJson: 400,
      unknownApi: 404,
    });
    for (const [name, r] of Object.entries(answers)) {
      expect({ name, ...pick(r.headers) }).toEqual({ name, ...EXPECTED });
      expect(r.headers["strict-transport-security"], name).toBeUndefined();
    }
  });

  it("add HSTS when cookies are secure (koe behind HTTPS)", async () => {
    for (const url of ["/", "/api/v1/voices"]) {
      const r = await secure.inject({ method: "GET", url });
      expect(r.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(r.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it("forbid inline scripts, framing and other origins", () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-eval");
  });
});

function pick(headers: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(EXPECTED).map((k) => [k, headers[k]]));
}
