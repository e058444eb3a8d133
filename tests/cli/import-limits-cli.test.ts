/** `koe import voices` refuses a file over the row or size limit with the server's message (uses dist/). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-cli-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function koe(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      LOG_LEVEL: "silent",
      DATABASE_URL: `sqlite:${join(dir, "koe.sqlite")}`,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("koe import voices: limits", () => {
  it("refuses a Shift_JIS CSV of 100,001 rows with the row-limit message and a non-zero exit", () => {
    const lines = ["受付日時,受付チャネル,種別,分類,部署,内容"];
    for (let i = 0; i < 100_001; i++) {
      lines.push(
        `令和7年4月${(i % 28) + 1}日,コールセンター,苦情,応対,コールセンター,電話がつながらない ${i}`,
      );
    }
    const file = join(dir, "声の一覧.csv");
    writeFileSync(file, iconv.encode(`${lines.join("\r\n")}\r\n`, "cp932"));
    const r = koe(["import", "voices", file, "--dry-run"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      "行数が上限（100,000行）を超えています。100,000行以下のファイルに分けて取り込んでください",
    );
    expect(r.stdout).not.toContain("読み込みました");
  });

  it("refuses a file over 100 MB before reading it", () => {
    const file = join(dir, "大きすぎる.csv");
    writeFileSync(file, "受付日時,内容\r\n");
    // a sparse file: the size is what counts, nothing is written to disk
    truncateSync(file, 100 * 1024 * 1024 + 1);
    const r = koe(["import", "voices", file, "--dry-run"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("ファイルが大きすぎます（上限 100 MB）。ファイルを分けて取り込んでください");
  });
});
