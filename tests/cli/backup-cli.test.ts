/**
 * `koe backup`, `koe restore` and `koe db copy` as an operator runs them: SQLite → file → PostgreSQL, SQLite →
 * SQLite directly, and the refusals an operator meets (a target in use, a missing file) as one Japanese line.
 * Runs bin/koe.js, so `dist/` must be built (`npm run build:server`; `npm test` builds first).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-backup-cli-"));
const run = promisify(execFile);
const dialects = await testDialects();

async function koe(args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: `sqlite:${join(dir, "unused.sqlite")}` },
      timeout: 300_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const voiceCount = async (url: string) => {
  const kdb = await openDatabase(url);
  try {
    const rows = await kdb.db
      .selectFrom("voices")
      .select(["receipt_number", "content"])
      .orderBy("id")
      .execute();
    return rows;
  } finally {
    await kdb.close();
  }
};

describe("koe backup, restore and db copy", () => {
  let source: TestDatabase;
  const targets: TestDatabase[] = [];

  beforeAll(async () => {
    source = await createTestDatabase("sqlite");
    const app = await testApp(source);
    await seedUsers(source);
    const staff = await clientAs(app, "staff@example.jp");
    for (const content of [
      "自動車共済の更新案内が届くのが遅く、手続きが間に合いませんでした。",
      "火災共済の見直しについて、窓口でわかりやすく説明していただきました。",
    ]) {
      const r = await staff.post<VoiceDetail>("/api/v1/voices", {
        receivedAt: "2025/5/12 14:00",
        channel: "counter",
        department: "call_center",
        type: "complaint",
        category: "servicing",
        content,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await app.close();
  });
  afterAll(async () => {
    await source?.drop();
    for (const t of targets) await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(dialects)("backs up a SQLite database to a file and restores it into %s", async (to) => {
    const file = join(dir, `koe-${to}.koe-backup`);
    const b = await koe(["backup", "--out", file, "--database", source.url]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/に保存しました（\d+ 表、声 2 件、/);

    const target = await createTestDatabase(to, { prepared: false });
    targets.push(target);
    const r = await koe(["restore", file, "--to", target.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/声 2 件/);
    expect(r.stdout).toContain("全文検索の索引を作り直しました（2 件）");
    expect(await voiceCount(target.url)).toEqual(await voiceCount(source.url));

    // The same file again into the now filled database: refused in one Japanese line, nothing changed.
    const again = await koe(["restore", file, "--to", target.url]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/復元先のデータベースは空ではありません/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(await voiceCount(target.url)).toHaveLength(2);
  });

  it("copies a database to another directly", async () => {
    const url = `sqlite:${join(dir, "copied.sqlite")}`;
    const c = await koe(["db", "copy", "--from", source.url, "--to", url]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/に写しました/);
    expect(await voiceCount(url)).toEqual(await voiceCount(source.url));
  });

  it("names a missing backup file", async () => {
    const r = await koe([
      "restore",
      join(dir, "nothing-here.koe-backup"),
      "--to",
      `sqlite:${join(dir, "x.sqlite")}`,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/バックアップファイルが見つかりません/);
  });
});
