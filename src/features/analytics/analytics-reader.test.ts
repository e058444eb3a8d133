/**
 * The analytics reader seam: on a SQLite file and on PostgreSQL the reads run in worker threads on connections of
 * their own and answer exactly what the same use cases answer in process, see writes committed a moment before,
 * keep a 400's Japanese fields, and end with the app; SQLite in memory reads in process.
 */
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { openTarget } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { AppError } from "../../errors.js";
import { registerVoice } from "../voices/register-voice.js";
import { analyticsReaderOf } from "./analytics-reader.js";
import { ANALYTICS_READS } from "./analytics-reads.js";
import { ReadPool } from "./read-pool.js";

describe.each(await testDialects())("analytics reads in worker threads (%s)", (dialect) => {
  let tdb: TestDatabase;
  let admin: Actor;
  let pool: ReadPool;

  const register = (receivedAt: string, type: string, category: string, department = "call_center") =>
    registerVoice(tdb.db, admin, {
      receivedAt,
      type,
      category,
      channel: "call_center",
      department,
      content: `${type}の声（${receivedAt}）：窓口での説明が丁寧で分かりやすかった`,
      customer: { name: "山田 花子", prefecture: "福井県" },
    });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const row = await tdb.db.selectFrom("users").select(["id"]).orderBy("id").executeTakeFirstOrThrow();
    admin = { id: row.id, role: "admin", departmentId: null };
    for (const [at, type, category] of [
      ["2024-05-10T01:00:00Z", "complaint", "handling"],
      ["2024-08-01T02:00:00Z", "request", "product"],
      ["2025-01-20T03:00:00Z", "praise", "handling"],
      ["2023-06-01T04:00:00Z", "complaint", "claim"],
    ] as const)
      await register(at, type, category);
    const target = dialectFor(tdb.db).readerTarget(tdb.db);
    if (!target) throw new Error(`${dialect}: a database a worker can open has a reader target`);
    pool = new ReadPool(target, 2);
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    await tdb?.drop();
  });

  it("answers each read exactly as the use case does in process", async () => {
    const cases = [
      ["counts", { period: "fy2024", by: "type,category" }],
      ["counts", { period: "fy2024", by: "month", department: "call_center" }],
      ["handling", { period: "fy2024" }],
      ["queues", {}],
      ["words", { from: "2024-04-01", to: "2025-03-31", limit: 30 }],
    ] as const;
    for (const [read, query] of cases) {
      const inProcess = await (
        ANALYTICS_READS[read] as (db: unknown, a: Actor, q: unknown) => Promise<{ period?: unknown }>
      )(tdb.db, admin, query);
      const inWorker = await pool.run(read, admin, query);
      expect(inWorker, `${read} ${JSON.stringify(query)}`).toEqual(inProcess);
    }
  }, 120_000);

  it("sees a voice registered a moment before", async () => {
    const before = (await pool.run("counts", admin, { period: "fy2024", by: "type" })) as {
      total: { count: number };
    };
    await register("2024-11-11T05:00:00Z", "complaint", "servicing");
    const after = (await pool.run("counts", admin, { period: "fy2024", by: "type" })) as {
      total: { count: number };
    };
    expect(after.total.count).toBe(before.total.count + 1);
  });

  it("brings a bad query's 400 back with its Japanese field message", async () => {
    const err = await pool.run("counts", admin, { period: "2025-13", by: "type" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid_input");
    expect((err as AppError).fields?.period).toBe("期間「2025-13」の月が正しくありません（1〜12）");
  });

  it("ends its workers with the app", async () => {
    const app = Fastify();
    const reader = analyticsReaderOf(app, tdb.db);
    expect(analyticsReaderOf(app, tdb.db)).toBe(reader);
    await app.ready();
    const res = (await reader.read("counts", admin, { period: "fy2024", by: "type" })) as {
      total: { count: number };
    };
    expect(res.total.count).toBeGreaterThan(0);
    await app.close();
    await expect(reader.read("counts", admin, { period: "fy2024", by: "type" })).rejects.toThrow(/closed/);
  });
});

describe("analytics reads in process", () => {
  it("has no reader target for SQLite in memory", async () => {
    const kdb = await openTarget({ dialect: "sqlite", path: ":memory:" });
    try {
      expect(dialectFor(kdb.db).readerTarget(kdb.db)).toBeUndefined();
    } finally {
      await kdb.close();
    }
  });
});
