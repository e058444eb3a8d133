/**
 * Overload on PostgreSQL: when no pool connection is free within the pool's wait, a request is answered 503 with
 * Retry-After and a Japanese message, not 500 「サーバーで問題が発生しました」 (the load bench met the 500s).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KoeDatabase, openTarget } from "../../src/db/database.js";
import { buildApp } from "../../src/http/app.js";
import { clientAs, seedUsers } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const hasPostgres = (await testDialects()).includes("postgres");

describe.skipIf(!hasPostgres)("no free database connection on PostgreSQL", () => {
  let tdb: TestDatabase;
  let small: KoeDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    await seedUsers(tdb);
    // One connection, so the test can hold it.
    small = await openTarget({ dialect: "postgres", url: tdb.url }, { poolSize: 1 });
    app = await buildApp({ db: small.db, dialect: "postgres", webDir: "/nonexistent" });
  });
  afterAll(async () => {
    await app?.close();
    await small?.close();
    await tdb?.drop();
  });

  it("answers 503 with Retry-After while every connection stays busy past the pool's wait", {
    timeout: 30_000,
  }, async () => {
    const cs = await clientAs(app, "cs@example.jp");
    let release: () => void = () => undefined;
    let acquired: () => void = () => undefined;
    const holding = new Promise<void>((r) => {
      acquired = r;
    });
    const held = small.db.connection().execute(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          acquired();
        }),
    );
    await holding;
    try {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/voices",
        headers: { cookie: cs.cookie ?? "" },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: "internal",
          message: "ただいま混み合っているため、処理できませんでした。少し時間をおいて再度お試しください",
        },
      });
    } finally {
      release();
      await held;
    }
    // Once the connection is free again, the same request is served.
    const again = await app.inject({
      method: "GET",
      url: "/api/v1/voices",
      headers: { cookie: cs.cookie ?? "" },
    });
    expect(again.statusCode).toBe(200);
  });
});
