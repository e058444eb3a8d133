/**
 * Nothing acknowledged is lost: a real `koe serve` takes a stream of voice registrations and is killed with
 * SIGKILL at a random moment, three times; after each restart every voice that got a 201 is there with its first
 * timeline event, receipt numbers are unique, and SQLite's integrity check passes. Needs `dist/`.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "../../src/features/users-and-settings/contract.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROUNDS = 3;
const LANES = 4;

async function login(url: string) {
  const r = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.jp", password: "admin-password-1" }),
  });
  if (r.status !== 200) throw new Error(`login: ${r.status}`);
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrf: ((await r.json()) as SessionResponse).csrfToken };
}

describe.each(await testDialects())("SIGKILL during registrations on %s", (dialect) => {
  let tdb: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it(`${ROUNDS} kills: every acknowledged voice survives`, { timeout: 240_000 }, async () => {
    tdb = await createTestDatabase(dialect);
    const env = {
      DATABASE_URL: tdb.url,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
      LOG_LEVEL: "silent",
      KOE_SCHEDULER_INTERVAL_MS: "0",
    };
    const acknowledged = new Map<string, string>(); // receipt number → content
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      server = await startServerProcess(env);
      const s = server;
      const { cookie, csrf } = await login(s.url);
      let killed = false;
      const lane = async (n: number) => {
        for (let i = 0; !killed; i++) {
          const content = `強制終了の確認 第${round}回 ${n}-${i}、保険金の請求書類について問い合わせた。`;
          sent++;
          try {
            const r = await fetch(`${s.url}/api/v1/voices`, {
              method: "POST",
              headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
              body: JSON.stringify({
                receivedAt: "2025/6/2 9:15",
                channel: "call_center",
                type: "request",
                category: "servicing",
                department: "call_center",
                content,
              }),
            });
            if (r.status === 201)
              acknowledged.set(((await r.json()) as { receiptNumber: string }).receiptNumber, content);
            else expect(r.status).toBe(201);
          } catch {
            return; // the connection died with the process: not acknowledged
          }
        }
      };
      const lanes = Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));
      const before = acknowledged.size;
      // A random moment once writes are flowing.
      while (acknowledged.size < before + 10) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1500));
      const exited = new Promise((r) => s.child.once("exit", r));
      s.child.kill("SIGKILL");
      await exited;
      killed = true;
      await lanes;
    }
    expect(acknowledged.size).toBeGreaterThan(30);

    // Restart once more (as an operator would), then look at the database.
    server = await startServerProcess(env);
    const db = tdb.db;
    const rows = await db
      .selectFrom("voices as v")
      .select(["v.id", "v.receipt_number", "v.content"])
      .where("v.content", "like", "強制終了の確認%")
      .execute();
    const byNumber = new Map(rows.map((r) => [r.receipt_number, r]));
    for (const [number, content] of acknowledged) expect(byNumber.get(number)?.content, number).toBe(content);
    // No half-written voice: every stored one has its first timeline event.
    const created = await db
      .selectFrom("voice_events")
      .select("voice_id")
      .where("kind", "=", "created")
      .where(
        "voice_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    expect(new Set(created.map((c) => c.voice_id)).size).toBe(rows.length);
    const numbers = await db.selectFrom("voices").select("receipt_number").execute();
    expect(new Set(numbers.map((n) => n.receipt_number)).size).toBe(numbers.length);
    if (dialect === "sqlite") {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
    }
    console.log(
      `${dialect}: ${ROUNDS} 回の強制終了、送信 ${sent} 件・受付済み ${acknowledged.size} 件・保存 ${rows.length} 件`,
    );
  });
});
