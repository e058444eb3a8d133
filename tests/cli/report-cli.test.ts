/**
 * `koe report build` and `koe publish` run for real (bin/koe.js on a temporary SQLite file with a year of voices):
 * before any report exists the build prints the template with today's numbers and stores nothing; once approved
 * it prints the numbers frozen at approval, whatever happens to the voices after; option errors are Japanese and
 * name the option; the published site holds each published report's page, PDF and Excel file, and a second run
 * leaves every byte as it was. Runs bin/koe.js, so `dist/` must be built (`npm run build:server`); the PDFs need
 * Debian's Chromium and pdftotext (poppler-utils).
 */
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail, ReportList } from "../../src/features/reports/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "koe-report-cli-"));
const run = promisify(execFile);
let tdb: TestDatabase;

async function koe(args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: tdb.url },
      timeout: 240_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The PDF's text (pdftotext from poppler-utils; a missing tool fails the test), cells squeezed together. */
function pdfText(file: string): string {
  const r = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  if (r.error) throw new Error(`pdftotext が実行できません（poppler-utils）: ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/[ \t]+/g, " ");
}

/** Every file under a folder → its SHA-256 and modification time. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else
        out[relative(root, p)] =
          `${createHash("sha256").update(readFileSync(p)).digest("hex")} ${statSync(p).mtimeMs}`;
    }
  };
  walk(root);
  return out;
}

const reportCount = async () =>
  Number(
    (
      await tdb.db
        .selectFrom("reports")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("koe report build and koe publish", () => {
  let app: FastifyInstance;
  let cs: ApiClient;
  let admin: ApiClient;
  let request: VoiceDetail;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    // FY2024 (April to March): 2 praise, 2 requests, 1 complaint
    const voices: [string, string, string][] = [
      ["2024/4/8 9:30", "praise", "保険金の請求手続きを電話でていねいに案内していただき、安心しました。"],
      ["2024/7/19 13:10", "praise", "窓口の方が書類の書き方を一緒に確認してくださり、助かりました。"],
      ["2024/10/2 11:00", "request", "更新のお知らせをメールでも受け取れるようにしてほしい。"],
      ["2024/12/16 15:45", "request", "土曜日も電話窓口を開けてほしい。"],
      ["2025/3/3 10:20", "complaint", "住所変更の届けを出したのに、旧住所に書類が届いた。"],
    ];
    for (const [receivedAt, type, content] of voices) {
      const r = await cs.post<VoiceDetail>("/api/v1/voices", {
        receivedAt,
        type,
        category: "servicing",
        channel: "call_center",
        department: "call_center",
        content,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      if (type === "request") request = r.body;
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds HTML, PDF and Excel from the template with today's numbers and stores nothing", async () => {
    const out = join(dir, "draft");
    const r = await koe([
      "report",
      "build",
      "--kind",
      "annual-voice",
      "--fy",
      "２０２４",
      "--format",
      "html, PDF ,xlsx",
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const base = join(out, "annual-voice-2024-04-v1");
    expect(r.stdout.trim().split("\n")).toEqual([`${base}.html`, `${base}.pdf`, `${base}.xlsx`]);
    const html = readFileSync(`${base}.html`, "utf8");
    expect(html).toContain("合計5件");
    expect(html).toContain("「感謝・評価2件」「意見・要望2件」「苦情1件」");
    const text = pdfText(`${base}.pdf`);
    expect(text).toContain("合計5件");
    expect(text).toContain("2024年度（2024年4月1日〜2025年3月31日）");
    expect(readFileSync(`${base}.xlsx`).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await reportCount()).toBe(0);
  }, 240_000);

  it("names the wrong option in Japanese", async () => {
    const cases: [string[], string][] = [
      [["--kind", "yearly", "--fy", "2024"], "--kind は annual-voice、kpi、half-year-review のいずれかです"],
      [["--kind", "annual-voice", "--fy", "二千"], "--fy は2000〜2100の整数で指定してください"],
      [
        ["--kind", "annual-voice", "--fy", "2024", "--format", "pdf,docx"],
        "--format に使えるのは html、pdf、xlsx です（docx）",
      ],
      [
        ["--kind", "half-year-review", "--fy", "2024"],
        "半期の取組み報告には半期（1: 上期、2: 下期）を指定してください",
      ],
    ];
    for (const [args, message] of cases) {
      const r = await koe(["report", "build", ...args, "--out", join(dir, "never")]);
      expect([r.code, r.stderr], args.join(" ")).toEqual([1, expect.stringContaining(message)]);
    }
    expect(() => statSync(join(dir, "never"))).toThrow();
  }, 120_000);

  it("prints an approved report as frozen at approval, even after a voice changed", async () => {
    const created = await cs.post<ReportDetail>("/api/v1/reports", {
      kind: "annual-voice",
      fiscalYear: 2024,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const approved = await admin.post<ReportDetail>(`/api/v1/reports/${created.body.id}/approve`, {
      revision: created.body.revision,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // a request is reclassified as praise after approval: the approved report keeps 2 / 2 / 1
    const edited = await cs.patch(`/api/v1/voices/${request.id}`, {
      version: request.version,
      type: "praise",
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const out = join(dir, "approved");
    const r = await koe([
      "report",
      "build",
      "--kind",
      "annual-voice",
      "--fy",
      "2024",
      "--format",
      "html",
      "--out",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, "annual-voice-2024-04-v1.html"), "utf8");
    expect(html).toContain("「感謝・評価2件」「意見・要望2件」「苦情1件」");
    expect(await reportCount()).toBe(1);
  }, 120_000);

  it("publishes only published reports, and a second run changes no byte", async () => {
    const site = join(dir, "site");
    const none = await koe(["publish", "--out", site]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain("公開済みの報告書 0 件");
    expect(readFileSync(join(site, "index.html"), "utf8")).not.toContain("お客さまの声」報告書");

    const list = await cs.get<ReportList>("/api/v1/reports");
    const approved = list.body.reports[0];
    const pub = await cs.post<ReportDetail>(`/api/v1/reports/${approved?.id}/publish`, {
      revision: approved?.revision,
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);

    const first = await koe(["publish", "--out", site]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("公開済みの報告書 1 件");
    const files = tree(site);
    const folders = readdirSync(site, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((f) => f.name)).toEqual([expect.stringMatching(/^annual-voice-/)]);
    const slug = folders[0]?.name ?? "";
    expect(Object.keys(files).sort()).toEqual(
      [
        ".koe-site.json",
        "index.html",
        `${slug}/index.html`,
        `${slug}/${slug}.pdf`,
        `${slug}/${slug}.xlsx`,
      ].sort(),
    );
    const index = readFileSync(join(site, "index.html"), "utf8");
    expect(index).toContain(`${slug}/index.html`);
    expect(pdfText(join(site, slug, `${slug}.pdf`))).toContain("合計5件");

    const second = await koe(["publish", "--out", site]);
    expect(second.code, second.stderr).toBe(0);
    // same content and untouched files: the second run rewrote nothing
    expect(tree(site)).toEqual(files);
  }, 300_000);
});
