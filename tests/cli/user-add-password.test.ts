/** `koe user add` refuses the same weak passwords and over-long names as the API (one rule in the services). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-cli-pw-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function userAdd(email: string, name: string, password: string) {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, "bin", "koe.js"),
      "user",
      "add",
      "--email",
      email,
      "--name",
      name,
      "--role",
      "viewer",
      "--password-stdin",
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        DATABASE_URL: `sqlite:${join(dir, "koe.sqlite")}`,
        KOE_ADMIN_EMAIL: "admin@example.jp",
        KOE_ADMIN_PASSWORD: "admin-password-1",
      },
      input: `${password}\n`,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("koe user add", () => {
  it("refuses a short password, spaces, one repeated character, the e-mail address or a common one, in Japanese", {
    // seven runs of the command, each starting Node and opening the database
    timeout: 240_000,
  }, () => {
    const cases: [string, string][] = [
      ["ito-kenji-1", "パスワードは12文字以上にしてください"],
      [" ".repeat(12), "空白だけのパスワードは使えません"],
      ["aaaaaaaaaaaa", "同じ文字を繰り返しただけのパスワードは使えません"],
      ["ito.kenji@example.jp", "メールアドレスと同じパスワードは使えません"],
      ["qwerty123456", "よく使われているパスワードのため使えません"],
    ];
    for (const [password, message] of cases) {
      const r = userAdd("ito.kenji@example.jp", "伊藤 健二", password);
      expect(r.code, JSON.stringify(password)).not.toBe(0);
      expect(r.stderr).toContain(message);
    }
    const longName = userAdd("ito.kenji@example.jp", "伊".repeat(101), "ito-kenji-2025");
    expect(longName.code).not.toBe(0);
    expect(longName.stderr).toContain("氏名は100文字以内で入力してください");
    const ok = userAdd("ito.kenji@example.jp", "伊藤 健二", "ito-kenji-2025");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("ito.kenji@example.jp");
  });
});
