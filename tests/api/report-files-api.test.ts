/**
 * A report's files and its preview through the API on every database: the PDF and the Excel file with their
 * content types and a Content-Disposition whose Japanese name is encoded per RFC 5987 (with an ASCII fallback);
 * who may fetch them (any signed-in role, a token only with voices:read, nobody signed out); and the preview page,
 * the one answer koe lets its own editor frame — it loads and runs nothing, and no other site may frame it; and no
 * customer field of the period (name, kana, member number, phone, e-mail, address) in the preview, the PDF's text
 * or any cell of the Excel file — only 都道府県・年代・性別. Every customer of a whole demo year against every report
 * kind: src/features/reports/published-customer-fields.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail } from "../../src/features/reports/contract.js";
import type { CreatedApiToken } from "../../src/features/tokens/contract.js";
import { CONTENT_SECURITY_POLICY, FRAMED_REPORT_POLICY } from "../../src/http/security-headers.js";
import type { ApiError, VoiceDetail } from "../../src/shared/api-contract.js";
import { ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { chromiumAvailable } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** ASCII parentheses in a title: encodeURIComponent leaves them, RFC 5987's attr-char does not allow them. */
const TITLE = "お客さまの声 報告書 2024年度 (確定版)";
/** RFC 5987 ext-value after UTF-8'': attr-char or %XX only. */
const EXT_VALUE = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;
/** Printing needs Chromium; CI has it, and there a missing one fails the test. */
const printable = chromiumAvailable || process.env.CI === "true";

/** The PDF's text by pdftotext (poppler-utils); a missing tool fails the test. */
function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-report-files-"));
  try {
    writeFileSync(join(dir, "r.pdf"), pdf);
    const run = spawnSync("pdftotext", ["-enc", "UTF-8", join(dir, "r.pdf"), "-"], { encoding: "utf8" });
    if (run.error) throw new Error(`pdftotext が実行できません（poppler-utils）: ${run.error.message}`);
    expect(run.status, run.stderr).toBe(0);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The two names of a Content-Disposition: the quoted ASCII one and the decoded filename*. */
function dispositionNames(header: unknown) {
  const value = String(header);
  const ascii = /filename="([^"]*)"/.exec(value)?.[1];
  const ext = /filename\*=UTF-8''([^;\s]+)/.exec(value)?.[1] ?? "";
  return { value, ascii, ext, name: decodeURIComponent(ext) };
}

describe.each(dialects)("report files and preview on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;
  let viewer: ApiClient;
  let staff: ApiClient;
  let report: ReportDetail;
  let readToken = "";
  let writeToken = "";

  /** The raw answer (bytes and headers), as a user's session or a token, or nobody's. */
  const fetchAs = async (who: ApiClient | string | null, url: string) => {
    const headers: Record<string, string> = {};
    if (who instanceof ApiClient && who.cookie) headers.cookie = who.cookie;
    if (typeof who === "string") headers.authorization = `Bearer ${who}`;
    const res = await app.inject({ method: "GET", url, headers });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    const voice = async (receivedAt: string, type: string, content: string, customer?: object) => {
      const r = await cs.post<VoiceDetail>("/api/v1/voices", {
        receivedAt,
        type,
        category: "handling",
        channel: "call_center",
        department: "call_center",
        content,
        ...(customer ? { customer } : {}),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const thanks = await voice(
      "2024/6/3 14:20",
      "praise",
      "鈴木と申します。入院給付金の請求で何度も電話しましたが、毎回ていねいに教えてくださいました。",
      {
        name: "鈴木 一郎",
        kana: "スズキ イチロウ",
        memberNumber: "K-20481937",
        phone: "03-5555-0101",
        email: "suzuki.ichiro@example.jp",
        prefecture: "大阪府",
        address: "大阪府堺市北区中百舌鳥町2丁目14-3",
        ageBand: "60代",
        gender: "女性",
      },
    );
    await voice("2024/9/12 10:05", "request", "掛金の払込方法にコンビニ払いを加えてほしい。");
    await voice("2025/2/20 16:40", "complaint", "折り返しの電話が約束の時間に来なかった。", {
      name: "渡辺 美穂",
      kana: "ワタナベ ミホ",
      memberNumber: "K-30917552",
      phone: "090-8765-4321",
      email: "m.watanabe@example.ne.jp",
      prefecture: "福岡県",
      address: "福岡県北九州市小倉北区京町3丁目5-8",
      ageBand: "30代",
      gender: "女性",
    });

    const created = await cs.post<ReportDetail>("/api/v1/reports", {
      kind: "annual-voice",
      fiscalYear: 2024,
      title: TITLE,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const section = created.body.sections.find((s) => s.block === "featured_thanks");
    const featured = await cs.request<ReportDetail>(
      "PUT",
      `/api/v1/reports/${created.body.id}/sections/${section?.id}/voices`,
      {
        revision: created.body.revision,
        voices: [
          {
            voiceId: thanks.id,
            text: "入院給付金の請求で何度も電話しましたが、毎回ていねいに教えてくださいました。",
            reply: "お役に立てたことを職員一同うれしく思います。",
          },
        ],
      },
    );
    expect(featured.status, JSON.stringify(featured.body)).toBe(200);
    const approved = await admin.post<ReportDetail>(`/api/v1/reports/${created.body.id}/approve`, {
      revision: featured.body.revision,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    report = approved.body;

    const token = async (scopes: string[]) => {
      const r = await admin.post<CreatedApiToken>("/api/v1/tokens", { name: `連携 ${scopes[0]}`, scopes });
      expect(r.status).toBe(201);
      return r.body.token;
    };
    readToken = await token(["voices:read"]);
    writeToken = await token(["voices:write"]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it.runIf(printable)(
    "sends the PDF with its Japanese name encoded per RFC 5987 and an ASCII fallback",
    async () => {
      const r = await fetchAs(viewer, `/api/v1/reports/${report.id}/file?format=pdf`);
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.headers["content-type"]).toBe("application/pdf");
      expect(r.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const d = dispositionNames(r.headers["content-disposition"]);
      expect(d.value).toMatch(/^attachment; /);
      expect(d.ascii).toBe("annual-voice-2024-04-v1.pdf");
      expect(d.ext).toMatch(EXT_VALUE);
      expect(d.name).toBe(`${TITLE}（第1版）.pdf`);
    },
    120_000,
  );

  it("sends the Excel file the same way", async () => {
    const r = await fetchAs(cs, `/api/v1/reports/${report.id}/file?format=xlsx`);
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.headers["content-type"]).toBe(XLSX_TYPE);
    expect(r.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const d = dispositionNames(r.headers["content-disposition"]);
    expect(d.ascii).toBe("annual-voice-2024-04-v1.xlsx");
    expect(d.ext).toMatch(EXT_VALUE);
    expect(d.name).toBe(`${TITLE}（第1版）.xlsx`);
    // an API answer carrying the organisation's figures: never kept by a cache
    expect(r.headers["cache-control"]).toBe("no-store");
  });

  it("lets every signed-in role and a reading token fetch the files; nobody signed out, no writing-only token", async () => {
    const url = `/api/v1/reports/${report.id}/file?format=xlsx`;
    for (const who of [admin, cs, staff, viewer, readToken])
      expect((await fetchAs(who, url)).status).toBe(200);
    const anonymous = await fetchAs(null, url);
    expect(anonymous.status).toBe(401);
    expect((JSON.parse(anonymous.text) as ApiError).error.message).toBe("ログインしてください");
    const writeOnly = await fetchAs(writeToken, url);
    expect(writeOnly.status).toBe(403);
    expect((JSON.parse(writeOnly.text) as ApiError).error.message).toContain("voices:read");
    expect((await fetchAs(null, `/api/v1/reports/${report.id}/preview`)).status).toBe(401);
  });

  it.runIf(printable)(
    "never prints a customer field of the period: not in the preview, the PDF's text or the Excel cells",
    async () => {
      const customers = await tdb.db
        .selectFrom("customers as c")
        .innerJoin("voices as v", "v.customer_id", "c.id")
        .select(["c.name", "c.kana", "c.member_number", "c.phone", "c.email", "c.address"])
        .execute();
      expect(customers).toHaveLength(2);
      const fields = customers.flatMap((c) =>
        [c.name, c.kana, c.member_number, c.phone, c.email, c.address].flatMap((f) =>
          // each part of a name, and a phone number's digits however they are written
          f ? [f, ...f.split(/\s+/), f.replace(/\D/g, "").length >= 10 ? f.replace(/\D/g, "") : f] : [],
        ),
      );
      expect(fields).toEqual(expect.arrayContaining(["鈴木", "一郎", "0355550101", "渡辺", "K-30917552"]));

      const html = (await fetchAs(viewer, `/api/v1/reports/${report.id}/preview`)).text;
      const pdf = (await fetchAs(viewer, `/api/v1/reports/${report.id}/file?format=pdf`)).bytes;
      const pdfText = pdfToText(pdf).replace(/\s+/g, "");
      const workbook = new ExcelJS.Workbook();
      const xlsx = (await fetchAs(viewer, `/api/v1/reports/${report.id}/file?format=xlsx`)).bytes;
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => {
        cells.push(sheet.name);
        sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
      });
      // the printed report is there, with the allowed attribution only
      expect(html).toContain("大阪府・60代・女性");
      expect(pdfText).toContain("入院給付金の請求で何度も電話しましたが");
      expect(cells.join("\n")).toContain("入院給付金の請求で何度も電話しましたが");
      for (const field of fields) {
        expect(html, field).not.toContain(field);
        expect(pdfText, field).not.toContain(field.replace(/\s+/g, ""));
        expect(
          cells.filter((c) => c.includes(field)),
          field,
        ).toEqual([]);
      }
    },
    120_000,
  );

  it("refuses an unknown format and a missing report in Japanese", async () => {
    const bad = await fetchAs(viewer, `/api/v1/reports/${report.id}/file?format=docx`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("format は pdf か xlsx です");
    const missing = await fetchAs(viewer, `/api/v1/reports/${report.id + 999}/file?format=xlsx`);
    expect(missing.status).toBe(404);
    expect(missing.headers["content-disposition"]).toBeUndefined();
  });

  it("lets koe alone frame the preview, which loads and runs nothing; other answers stay unframeable", async () => {
    const preview = await fetchAs(viewer, `/api/v1/reports/${report.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(preview.headers["content-security-policy"]).toBe(FRAMED_REPORT_POLICY);
    expect(preview.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(FRAMED_REPORT_POLICY).toContain("frame-ancestors 'self'");
    expect(FRAMED_REPORT_POLICY).toContain("default-src 'none'");
    expect(FRAMED_REPORT_POLICY).toMatch(/(^|; )sandbox(;|$)/);
    expect(FRAMED_REPORT_POLICY).not.toContain("script-src");
    // nothing in the page needs what the policy forbids: no script, no file fetched from anywhere
    expect(preview.text).not.toMatch(/<script|<link|<iframe|\ssrc=|url\((?!#)/i);
    expect(preview.text).toContain("大阪府・60代・女性");
    for (const field of ["鈴木", "03-5555-0101", "0355550101"]) expect(preview.text).not.toContain(field);
    // the session cookie is never echoed into the page
    expect(preview.text).not.toContain(viewer.cookie?.split("=")[1] ?? "no cookie");
    expect(preview.headers["set-cookie"]).toBeUndefined();

    for (const url of [
      `/api/v1/reports/${report.id}/document`,
      `/api/v1/reports/${report.id + 999}/preview`,
    ]) {
      const other = await fetchAs(viewer, url);
      expect(other.headers["content-security-policy"], url).toBe(CONTENT_SECURITY_POLICY);
      expect(other.headers["x-frame-options"], url).toBe("DENY");
    }
  });
});
