/**
 * The audit log's hash chain on every database: a changed or deleted entry is found, entries written before
 * migration 0022 are chained by it, and two processes writing at once keep one valid chain.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from "../../src/db/database.js";
import { recordAudit } from "../../src/services/audit.js";
import { GENESIS_HASH, sealAuditChain, verifyAuditChain } from "../../src/services/audit-chain.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const BEFORE_0022 =
  MIGRATION_NAMES[MIGRATION_NAMES.indexOf("2026-12-04-0022-audit-chain-external-id") - 1] ?? "";

describe.each(await testDialects())("audit chain on %s", (dialect) => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.drop();
    tdb = undefined;
  });

  async function writeEntries(n: number) {
    if (!tdb) throw new Error("no database");
    for (let i = 0; i < n; i++) {
      await recordAudit(tdb.db, {
        userId: 1,
        action: "customer_viewed",
        voiceId: i + 1,
        detail: `閲覧 ${i}`,
      });
    }
    // Linked a moment after they are written (the server seals after every group); here, before reading them.
    await sealAuditChain(tdb.db);
    return tdb.db.selectFrom("audit_log").select(["id", "hash", "prev_hash"]).orderBy("id").execute();
  }

  it("verifies an untouched chain and finds a changed entry", async () => {
    tdb = await createTestDatabase(dialect);
    const before = await tdb.db.selectFrom("audit_log").select("id").execute();
    const rows = await writeEntries(6);
    expect(rows[0]?.prev_hash).toEqual(before.length ? expect.any(String) : GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);

    const ok = await verifyAuditChain(tdb.db, 4);
    expect(ok.broken).toBeNull();
    expect(ok.checked).toBe(before.length + 6);
    expect(ok.lastHash).toBe(rows.at(-1)?.hash);

    const target = rows[3]?.id ?? 0;
    await tdb.db
      .updateTable("audit_log")
      .set({ detail: "閲覧 3（書き換え）" })
      .where("id", "=", target)
      .execute();
    const bad = await verifyAuditChain(tdb.db, 4);
    expect(bad.broken?.id).toBe(target);
    expect(bad.broken?.reason).toContain("内容がハッシュと一致しません");
    expect(bad.checked).toBe(before.length + 3);
  });

  it("writes entries recorded at once in few transactions, in order, each answered once committed", async () => {
    tdb = await createTestDatabase(dialect);
    const start = (await tdb.db.selectFrom("audit_log").select("id").execute()).length;
    let inserts = 0;
    const counted = tdb.db.withPlugin({
      transformQuery(args) {
        if (args.node.kind === "InsertQueryNode") inserts++;
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    const entries = Array.from({ length: 40 }, (_, i) => ({
      userId: 1,
      action: "customer_viewed",
      voiceId: i + 1,
      detail: `同時閲覧 ${i}`,
    }));
    await Promise.all(
      entries.map(async (e) => {
        await recordAudit(counted, e);
        // answered only once its own entry is committed
        const row = await tdb?.db
          .selectFrom("audit_log")
          .select("id")
          .where("detail", "=", e.detail)
          .executeTakeFirst();
        expect(row).toBeDefined();
      }),
    );
    // The first entry goes alone; the other 39 waited for it and go together.
    expect(inserts).toBeLessThanOrEqual(3);
    const rows = await tdb.db
      .selectFrom("audit_log")
      .select(["detail"])
      .where("action", "=", "customer_viewed")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.detail)).toEqual(entries.map((e) => e.detail));
    const r = await verifyAuditChain(tdb.db);
    expect(r.broken).toBeNull();
    expect(r.checked).toBe(start + 40);
  });

  it("finds a deleted entry at the one after it, and a rewritten hash at the next link", async () => {
    tdb = await createTestDatabase(dialect);
    const rows = await writeEntries(5);
    const [, second, third, fourth] = rows;
    if (!second || !third || !fourth) throw new Error("entries missing");
    await tdb.db.deleteFrom("audit_log").where("id", "=", second.id).execute();
    expect((await verifyAuditChain(tdb.db)).broken?.id).toBe(third.id);

    // Someone who also recomputes the changed entry's own hash is caught by the entry after it.
    await tdb.db
      .updateTable("audit_log")
      .set({ prev_hash: second.prev_hash })
      .where("id", "=", third.id)
      .execute();
    await tdb.db
      .updateTable("audit_log")
      .set({ hash: "f".repeat(64) })
      .where("id", "=", third.id)
      .execute();
    const r = await verifyAuditChain(tdb.db);
    expect(r.broken?.id).toBe(third.id);
    expect(r.broken?.reason).toContain("内容");
  });

  it("chains the entries written before migration 0022, and undoes it cleanly", async () => {
    tdb = await createTestDatabase(dialect);
    await migrateTo(tdb.db, BEFORE_0022);
    const at = ["2026-04-01T00:00:00.000Z", "2026-04-02T09:30:15.250Z", "2026-04-03T23:59:59.999Z"];
    for (const [i, a] of at.entries()) {
      await sql`insert into audit_log (at, user_id, action, voice_id, detail, ip)
        values (${a}, ${1}, ${"customer_viewed"}, ${i + 10}, ${i === 1 ? null : `旧 ${i}`}, ${"127.0.0.1"})`.execute(
        tdb.db,
      );
    }
    expect(await migrateToLatest(tdb.db)).toContain("2026-12-04-0022-audit-chain-external-id");
    const r = await verifyAuditChain(tdb.db);
    expect(r.broken).toBeNull();
    expect(r.checked).toBeGreaterThanOrEqual(3);
    // New entries continue the backfilled chain.
    await writeEntries(2);
    expect((await verifyAuditChain(tdb.db)).checked).toBe(r.checked + 2);

    await migrateTo(tdb.db, BEFORE_0022);
    const cols = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(tdb.db);
    expect(Number(cols.rows[0]?.n)).toBe(r.checked + 2);
    await expect(sql`select hash from audit_log`.execute(tdb.db)).rejects.toThrow();
    await migrateToLatest(tdb.db);
    expect((await verifyAuditChain(tdb.db)).broken).toBeNull();
  });

  it("links entries in the order they are sealed: a transaction that commits late comes after newer entries", async () => {
    tdb = await createTestDatabase(dialect);
    const db = tdb.db;
    await sealAuditChain(db);
    const start = (await verifyAuditChain(db)).checked;
    // What a caller waits for is one insert: no lock, no read of the chain, no link.
    const sent: string[] = [];
    const watched = db.withPlugin({
      transformQuery(args) {
        sent.push(args.node.kind);
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    await recordAudit(watched, {
      userId: 1,
      action: "customer_viewed",
      voiceId: 1,
      detail: "先に書かれた閲覧",
    });
    expect([...sent]).toEqual(["InsertQueryNode"]);
    await sealAuditChain(db);

    const newerView = { userId: 1, action: "customer_viewed", voiceId: 2, detail: "後から書かれた閲覧" };
    const order: string[] = [];
    if (dialect === "postgres") {
      // An entry inside a transaction takes its id now and is committed after a newer entry was sealed.
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      const late = db.transaction().execute(async (trx) => {
        await recordAudit(trx, { userId: 1, action: "settings_changed", detail: "遅れて確定" });
        order.push("late written");
        await held;
      });
      while (order.length === 0) await new Promise((r) => setTimeout(r, 5));
      await recordAudit(db, newerView);
      await sealAuditChain(db);
      release();
      await late;
      await sealAuditChain(db);
      const rows = await db
        .selectFrom("audit_log")
        .select(["id", "detail", "chain_seq"])
        .where("detail", "in", ["遅れて確定", "後から書かれた閲覧"])
        .orderBy("chain_seq")
        .execute();
      expect(rows.map((r) => r.detail)).toEqual(["後から書かれた閲覧", "遅れて確定"]);
      expect((rows[0]?.id ?? 0) > (rows[1]?.id ?? 0)).toBe(true);
    } else {
      // SQLite writes one transaction at a time: an entry in a transaction is linked by the next seal after it.
      await db
        .transaction()
        .execute((trx) => recordAudit(trx, { userId: 1, action: "settings_changed", detail: "遅れて確定" }));
      await recordAudit(db, newerView);
      await sealAuditChain(db);
    }
    const r = await verifyAuditChain(db);
    expect(r.broken).toBeNull();
    expect(r.checked).toBe(start + 3);

    // An entry left unlinked (a process killed before its seal) is linked by the verification itself.
    await db
      .insertInto("audit_log")
      .values({
        at: new Date().toISOString(),
        user_id: 1,
        action: "login",
        voice_id: null,
        detail: null,
        ip: null,
      })
      .execute();
    const after = await verifyAuditChain(db);
    expect(after.broken).toBeNull();
    expect(after.checked).toBe(start + 4);
  });

  it("keeps one valid chain when two processes write at once", { timeout: 120_000 }, async () => {
    tdb = await createTestDatabase(dialect);
    const start = (await tdb.db.selectFrom("audit_log").select("id").execute()).length;
    const writer = (tag: string) =>
      run(
        process.execPath,
        ["--import", "tsx", join(ROOT, "tests", "helpers", "audit-writer.ts"), tdb?.url ?? "", "60", tag],
        {
          cwd: ROOT,
          timeout: 100_000,
        },
      );
    await Promise.all([writer("a"), writer("b")]);
    const r = await verifyAuditChain(tdb.db);
    expect(r.broken).toBeNull();
    expect(r.checked).toBe(start + 120);
    const byTag = await tdb.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "concurrency_test")
      .execute();
    expect(new Set(byTag.map((x) => x.detail)).size).toBe(120);
  });
});
