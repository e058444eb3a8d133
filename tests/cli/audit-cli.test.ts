/**
 * `koe audit verify` as an operator runs it: an intact log passes with exit 0, a changed entry is named in Japanese
 * with exit 1. Runs bin/koe.js, so `dist/` must be built (`npm run build:server`).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/services/audit.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

async function koe(args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe.each(await testDialects())("koe audit verify on %s", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    for (let i = 0; i < 3; i++)
      await recordAudit(tdb.db, { userId: 1, action: "voices_exported", detail: `${i}` });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("passes an intact log and names a changed entry", { timeout: 120_000 }, async () => {
    const ok = await koe(["audit", "verify", "--database", tdb.url]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/監査ログは正常です（3 件/);

    const second = await tdb.db
      .selectFrom("audit_log")
      .select("id")
      .orderBy("id")
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await tdb.db.updateTable("audit_log").set({ action: "login" }).where("id", "=", second.id).execute();
    const bad = await koe(["audit", "verify", "--database", tdb.url]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`監査ログの改ざんを検出しました: 記録 #${second.id}`);
    expect(bad.stderr).toContain("それより前の 1 件は正常です");
  });
});
