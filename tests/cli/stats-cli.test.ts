/**
 * Golden figures: `koe demo --as-of 2023-05-31` (the federation's own years, fiscal years from June) loaded by the
 * real command into a temporary SQLite file, then `koe stats` gives seed 004's FY2022 and seed 003's FY2019 exactly.
 * Runs bin/koe.js, so `dist/` must be built (`npm run build:server`; `npm test` builds first). Loading the demo
 * takes one to three minutes.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CountRow, CountsResponse } from "../../src/features/analytics/contract.js";
import { displayWidth } from "../../src/features/analytics/text-table.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-stats-"));
const run = promisify(execFile);

async function koe(args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: `sqlite:${join(dir, "demo.sqlite")}` },
      encoding: "buffer",
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
  } catch (err) {
    const e = err as { code?: number; stdout?: Buffer; stderr?: Buffer };
    return {
      code: e.code ?? 1,
      stdout: e.stdout ?? Buffer.alloc(0),
      stderr: e.stderr?.toString("utf8") ?? "",
    };
  }
}

async function statsJson(args: string[]): Promise<CountsResponse> {
  const r = await koe(["stats", ...args, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.toString("utf8")) as CountsResponse;
}

/** code → count of a one-dimension table, or of one group (first key's code) of a two-dimension table */
const counts = (rows: CountRow[], group?: string) =>
  Object.fromEntries(
    rows
      .filter((r) => group === undefined || r.keys[0]?.key === group)
      .map((r) => [r.keys[r.keys.length - 1]?.key, r.count]),
  );

beforeAll(async () => {
  const r = await koe(["demo", "--as-of", "2023-05-31"]);
  expect(r.code, r.stderr).toBe(0);
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("koe stats on the seeds' own years (koe demo --as-of 2023-05-31)", () => {
  it("gives seed 004's FY2022 exactly: the total, each type, and each type by category", async () => {
    const res = await statsJson(["--fy", "2022", "--by", "type,category"]);
    expect(res.period).toMatchObject({ label: "2022年度", from: "2022-06-01", to: "2023-05-31" });
    expect(res.total.count).toBe(65_893);
    expect(counts(res.byDimension[0] ?? [])).toEqual({
      praise: 46_682,
      request: 18_973,
      complaint: 238,
      other: 0,
    });
    // 感謝・評価: 応対 21,195 / 保全 12,271 / 商品 4,647 / 申込 3,697 / 支払 2,190 / その他 2,682
    expect(counts(res.rows, "praise")).toEqual({
      handling: 21_195,
      servicing: 12_271,
      product: 4_647,
      application: 3_697,
      claim: 2_190,
      other: 2_682,
    });
    // 意見・要望 and 苦情: 応対 6,674 / 141, 商品 3,683 / 36, その他 2,546 / 16, 保全 2,159 / 34, 支払 2,296 / 6, 申込 1,615 / 5
    expect(counts(res.rows, "request")).toEqual({
      handling: 6_674,
      product: 3_683,
      other: 2_546,
      servicing: 2_159,
      claim: 2_296,
      application: 1_615,
    });
    expect(counts(res.rows, "complaint")).toEqual({
      handling: 141,
      product: 36,
      other: 16,
      servicing: 34,
      claim: 6,
      application: 5,
    });
    expect(res.comparison).toBeNull();
  });

  it("gives seed 003's FY2019 totals", async () => {
    const res = await statsJson(["--fy", "2019", "--by", "type"]);
    expect(res.period.rangeLabel).toBe("2019/6/1〜2020/5/31");
    expect(res.total.count).toBe(62_437);
    expect(counts(res.rows)).toEqual({ praise: 38_176, request: 23_745, complaint: 516, other: 0 });
  });

  it("compares FY2022 with FY2021: differences that add up to the totals", async () => {
    const [res, fy2021] = await Promise.all([
      statsJson(["--fy", "2022", "--by", "type,category", "--compare"]),
      statsJson(["--fy", "2021", "--by", "type,category"]),
    ]);
    expect(res.comparison).toMatchObject({ label: "2021年度", from: "2021-06-01", to: "2022-05-31" });
    expect(res.total.previous).toBe(fy2021.total.count);
    expect(res.total.change).toBe(65_893 - fy2021.total.count);
    for (const r of res.rows) {
      const same = fy2021.rows.find((x) => x.keys.every((k, i) => k.key === r.keys[i]?.key));
      expect(r.previous).toBe(same?.count);
      expect(r.change).toBe(r.count - (r.previous ?? 0));
    }
    const sum = (rows: CountRow[], f: (r: CountRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(sum(res.rows, (r) => r.change ?? 0)).toBe(res.total.change);
    for (const group of res.byDimension[0] ?? []) {
      const inGroup = res.rows.filter((r) => r.keys[0]?.key === group.keys[0]?.key);
      expect(sum(inGroup, (r) => r.change ?? 0)).toBe(group.change);
      expect(sum(inGroup, (r) => r.count)).toBe(group.count);
    }
    // Complaints fell, as the federation reports.
    expect((res.byDimension[0] ?? []).find((g) => g.keys[0]?.key === "complaint")?.change).toBeLessThan(0);
  });

  it("prints an aligned table in the terminal, Japanese characters two columns wide", async () => {
    const r = await koe(["stats", "--fy", "2022", "--by", "type,category", "--compare"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.toString("utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("2022年度（2022/6/1〜2023/5/31）の声　種別 × 分類");
    const table = lines.slice(lines.findIndex((l) => l.startsWith("種別")));
    expect(table[0]).toMatch(/^種別\s+分類\s+件数\s+構成比/);
    // Every line of the table ends in the same column: the last column is right-aligned by display width.
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    expect(table.find((l) => l.startsWith("苦情") && l.includes("小計"))).toMatch(/\s238\s/);
    expect(table.at(-1)).toMatch(/^合計\s+65,893\s+100\.0%/);
  });

  it("writes CSV with a BOM, or in Shift_JIS for older Excel", async () => {
    const utf8 = await koe(["stats", "--fy", "2022", "--by", "type", "--csv"]);
    expect(utf8.code, utf8.stderr).toBe(0);
    expect([...utf8.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.stdout.subarray(3).toString("utf8");
    expect(text.split("\r\n").slice(0, 4)).toEqual([
      "種別,種別コード,件数,構成比(%)",
      "感謝・評価,praise,46682,70.8",
      "意見・要望,request,18973,28.8",
      "苦情,complaint,238,0.4",
    ]);
    const sjis = await koe(["stats", "--fy", "2022", "--by", "type", "--csv", "--encoding", "shift_jis"]);
    expect(sjis.code, sjis.stderr).toBe(0);
    expect(iconv.decode(sjis.stdout, "cp932")).toBe(text);
  });

  it("explains bad options in Japanese, naming the option, with a non-zero exit", async () => {
    const month = await koe(["stats", "--period", "2025-13"]);
    expect(month.code).not.toBe(0);
    expect(month.stderr).toContain("--period（--fy）: 期間「2025-13」の月が正しくありません（1〜12）");
    const by = await koe(["stats", "--fy", "2022", "--by", "unknown"]);
    expect(by.code).not.toBe(0);
    expect(by.stderr).toContain("--by: 集計の軸（by）に「unknown」は指定できません");
    const dates = await koe(["stats", "--from", "2023/4/1", "--to", "2023/3/1"]);
    expect(dates.stderr).toContain("--to: 終了日は開始日以降の日付にしてください");
    const fy = await koe(["stats", "--fy", "令和4"]);
    expect(fy.stderr).toContain("--fy には年度を4桁の数字で指定してください");
  });
});
