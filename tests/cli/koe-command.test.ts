/** The `koe` command as an IT person meets it: help, clear one-line errors, non-zero exits, user add. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function koe(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: `sqlite:${join(dir, "koe.sqlite")}`, ...env },
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("koe command", () => {
  it("prints help for the program and every subcommand", () => {
    const top = koe(["--help"]);
    expect(top.code).toBe(0);
    for (const sub of ["serve", "migrate", "user", "demo"]) expect(top.stdout).toContain(sub);
    for (const sub of [["serve"], ["migrate"], ["user", "add"], ["demo"]]) {
      const r = koe([...sub, "--help"]);
      expect(r.code, sub.join(" ")).toBe(0);
      expect(r.stdout).toContain("使い方:");
    }
  });

  it("explains a missing option in Japanese on stderr with a non-zero exit", () => {
    const r = koe(["user", "add", "--name", "佐藤"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("必須のオプション --email");
    const unknown = koe(["serve", "--bogus"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("--bogus というオプションはありません");
  });

  it("migrates, creates the first admin, and adds a user from stdin", () => {
    const m = koe(["migrate"], {
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
    });
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain("admin@example.jp");
    const addSato = () =>
      koe(
        [
          "user",
          "add",
          "--email",
          "sato@example.jp",
          "--name",
          "佐藤 美咲",
          "--role",
          "staff",
          "--department",
          "call_center",
          "--password-stdin",
        ],
        {},
        "a-long-password-123\n",
      );
    const add = addSato();
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain("sato@example.jp");
    const again = addSato();
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("すでに登録されています");
    const badRole = koe(
      ["user", "add", "--email", "x@example.jp", "--name", "X", "--role", "boss", "--password-stdin"],
      {},
      "a-long-password-123",
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain("役割");
  });

  it("stops start-up with one clear line on a wrong setting", () => {
    const badUrl = koe(["serve"], { DATABASE_URL: "mysql://localhost/koe" });
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr.trim().split("\n")).toHaveLength(1);
    expect(badUrl.stderr).toContain("DATABASE_URL");

    const unreachable = koe(["serve"], { DATABASE_URL: "postgres://postgres@127.0.0.1:1/koe" });
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toContain("PostgreSQL に接続できません");

    const badPort = koe(["serve"], { PORT: "70000" });
    expect(badPort.code).not.toBe(0);
    expect(badPort.stderr).toContain("PORT");
  });

  it("says so when the port is in use", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const addr = blocker.address();
    const port = typeof addr === "object" && addr ? addr.port : 0;
    try {
      const r = koe(["serve"], { PORT: String(port) });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`ポート ${port} はすでに使われています`);
    } finally {
      blocker.close();
    }
  });
});
