/**
 * `koe kpi show --year 2023`: seed 000's records in a temporary SQLite file, shown by the real command as an
 * aligned Japanese table and as the API's JSON. Runs bin/koe.js, so `dist/` must be built (`npm run build:server`).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../src/bootstrap.js";
import { openTarget } from "../../src/db/database.js";
import { displayWidth } from "../../src/features/analytics/text-table.js";
import type { KpiRegister } from "../../src/features/kpi/contract.js";
import { enterSeed000 } from "../helpers/kpi-seed-000.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-kpi-"));
const file = join(dir, "koe.sqlite");
const run = promisify(execFile);

async function koe(args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: `sqlite:${file}` },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

beforeAll(async () => {
  const kdb = await openTarget({ dialect: "sqlite", path: file });
  await prepareDatabase(kdb, { email: "admin@example.jp", password: "admin-password-1" });
  await kdb.db.transaction().execute((trx) => enterSeed000(trx));
  await kdb.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("koe kpi show", () => {
  it("prints seed 000's register as an aligned table", async () => {
    const r = await koe(["kpi", "show", "--year", "2023"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("KPI 2023年（2023-01-01〜2023-12-31）");
    const body = lines.slice(2);
    const row = (n: string) => body.find((l) => l.startsWith(n)) ?? "";
    expect(row("1①")).toMatch(
      /30名\s+28名\s+前年より2名増加\s+取得率 44\.1%・対象職員 68名　保障事業部の職員68名中$/,
    );
    expect(row("1②")).toMatch(
      /37回\s+70回\s+前年より33回減少\s+実務 1回・商品 21回・マナー 2回・その他 13回$/,
    );
    expect(row("2①")).toMatch(/13回\s+0回\s+昨年は開催なし/);
    expect(row("3②")).toMatch(/92\.4%\s+90\.2%\s+前年より2\.2％増加\s+自動車 92\.5%・火災 92\.3%/);
    expect(row("4①")).toMatch(/11,312件\s+19,968件\s+前年より8,656件減少/);
    // every column starts at the same terminal column: the value column ends where its heading does
    const header = body[0] ?? "";
    const end = displayWidth(header.slice(0, header.indexOf("値") + 1));
    for (const l of body.slice(2)) {
      const value = /\S+[名回件%](?=\s)/.exec(l.slice(l.indexOf(" ", 3)))?.[0] ?? "";
      const at = l.indexOf(` ${value} `) + 1 + value.length;
      expect(displayWidth(l.slice(0, at)), l).toBe(end);
    }
  });

  it("--json gives the API's shape", async () => {
    const r = await koe(["kpi", "show", "--year", "2023", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as KpiRegister;
    expect(res.themes.flatMap((t) => t.kpis).map((k) => `${k.display} ${k.yoy}`)).toContain(
      "5,226件 前年より333件減少",
    );
  });

  it("a bad or future year is a Japanese error", async () => {
    const bad = await koe(["kpi", "show", "--year", "二千"]);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining("--year は2000〜2100の整数")]);
    const future = await koe(["kpi", "show", "--year", "2099"]);
    expect([future.code, future.stderr]).toEqual([
      1,
      expect.stringContaining("2099年はまだ始まっていません"),
    ]);
  });
});
