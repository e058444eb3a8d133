/**
 * What a `koe` command changes is audited as the API's changes are: `koe user add | role | password` and
 * `koe alias set` leave entries with no user, named 「システム（CLI）」, whose detail says they came from the CLI and
 * which OS user ran them; so do the commands that take data out of koe on the server — `koe backup`, `koe publish`
 * and `koe stats --csv` (the terminal table is only looked at, as the API's counts are). The hash chain still
 * verifies. On every database. Runs bin/koe.js, so `dist/` must be built (`npm run build:server`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR_NAME, listAudit } from "../../src/services/audit.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");

function koe(databaseUrl: string, args: string[], stdin = "") {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        DATABASE_URL: databaseUrl,
        KOE_ADMIN_EMAIL: "admin@example.jp",
        KOE_ADMIN_PASSWORD: "admin-password-1",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.each(await testDialects())("commands audited as 「システム（CLI）」 on %s", (dialect) => {
  let tdb: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "koe-cli-audit-"));
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("user add, role, password and alias set; the chain verifies", { timeout: 240_000 }, async () => {
    const added = await koe(
      tdb.url,
      [
        "user",
        "add",
        "--email",
        "Sato.Hanako@example.jp",
        "--name",
        "佐藤 花子",
        "--role",
        "staff",
        "--department",
        "call_center",
        "--password-stdin",
      ],
      "sato-hanako-2025\n",
    );
    expect(added.code, added.stderr).toBe(0);
    const role = await koe(tdb.url, ["user", "role", "--email", "sato.hanako@example.jp", "--role", "lead"]);
    expect(role.code, role.stderr).toBe(0);
    expect(role.stdout).toContain("役割を変えました: sato.hanako@example.jp（lead）");
    const pw = await koe(
      tdb.url,
      ["user", "password", "--email", "sato.hanako@example.jp", "--password-stdin"],
      "hanako-new-pass-2026\n",
    );
    expect(pw.code, pw.stderr).toBe(0);
    const unknown = await koe(tdb.url, ["user", "role", "--email", "nobody@example.jp", "--role", "cs"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("メールアドレス nobody@example.jp のユーザーは登録されていません");
    const alias = await koe(tdb.url, ["alias", "set", "channel", "コールセンター", "電話窓口"]);
    expect(alias.code, alias.stderr).toBe(0);

    const rows = await tdb.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "detail"])
      .where("action", "in", [
        "user_created",
        "user_role_changed",
        "user_password_reset",
        "label_aliases_set",
      ])
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      "user_created",
      "user_role_changed",
      "user_password_reset",
      "label_aliases_set",
    ]);
    const origin = `CLI から実行（OS ユーザー: ${userInfo().username}）`;
    for (const r of rows) {
      expect(r.user_id).toBeNull();
      expect(r.detail).toContain(origin);
    }
    expect(rows[0]?.detail).toBe(`対象: 佐藤 花子（sato.hanako@example.jp）、役割: 担当者／${origin}`);
    expect(rows[1]?.detail).toContain("対象: 佐藤 花子、役割: 担当者 → 責任者");

    const page = await listAudit(tdb.db, { page: 1, limit: 20 });
    const created = page.items.find((e) => e.action === "user_created");
    expect(created).toMatchObject({ user: null, actorName: CLI_ACTOR_NAME });
    expect(CLI_ACTOR_NAME).toBe("システム（CLI）");

    const verify = await koe(tdb.url, ["audit", "verify"]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain("監査ログは正常です");
  });

  it("backup, publish and stats --csv; the chain still verifies", { timeout: 240_000 }, async () => {
    const exports = () =>
      tdb.db
        .selectFrom("audit_log")
        .select(["action", "user_id", "detail"])
        .where("action", "in", ["database_backed_up", "file_exported"])
        .orderBy("id")
        .execute();
    const before = await exports();

    const file = join(dir, "koe-2026-12-05.koe-backup");
    const backup = await koe(tdb.url, ["backup", "--out", file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);

    const site = join(dir, "公開サイト");
    const publish = await koe(tdb.url, ["publish", "--out", site]);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout).toContain("公開済みの報告書 0 件のサイト");

    // The table in the terminal is only looked at: not an export.
    const table = await koe(tdb.url, ["stats", "--fy", "2025", "--by", "channel"]);
    expect(table.code, table.stderr).toBe(0);
    const csv = await koe(tdb.url, [
      "stats",
      "--fy",
      "2025",
      "--by",
      "type,channel",
      "--csv",
      "--encoding",
      "shift_jis",
    ]);
    expect(csv.code, csv.stderr).toBe(0);

    const rows = (await exports()).slice(before.length);
    expect(rows.map((r) => r.action)).toEqual(["database_backed_up", "file_exported", "file_exported"]);
    const origin = `CLI から実行（OS ユーザー: ${userInfo().username}）`;
    for (const r of rows) expect(r.user_id).toBeNull();
    const tables = /（(\d+) 表、声 0 件）／/.exec(rows[0]?.detail ?? "");
    expect(rows[0]?.detail).toBe(`保存先: ${file}（${tables?.[1]} 表、声 0 件）／${origin}`);
    expect(Number(tables?.[1])).toBeGreaterThan(40);
    expect(rows[1]?.detail).toBe(`公開サイト: ${site}（報告書 0 件）／${origin}`);
    expect(rows[2]?.detail).toBe(
      `声の件数 CSV（2025年度、種別 × 受付チャネル、Shift_JIS、標準出力へ）／${origin}`,
    );

    const page = await listAudit(tdb.db, { page: 1, limit: 5 });
    expect(page.items.find((e) => e.action === "database_backed_up")).toMatchObject({
      user: null,
      actorName: CLI_ACTOR_NAME,
    });

    const verify = await koe(tdb.url, ["audit", "verify"]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain("監査ログは正常です");
  });
});
