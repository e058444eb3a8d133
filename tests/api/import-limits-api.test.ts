/**
 * Import limits and upload forms through HTTP, on every database: a file over the row limit is refused quickly
 * in bounded memory while other requests keep being answered; the size limit; what a request may be sent as;
 * the formula guard's round trip through export and import.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import { IMPORT_LIMITS } from "../../src/io/import-limits.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const HEADER = ["受付日時", "受付チャネル", "種別", "分類", "部署", "内容"];
const ROW_LIMIT_MESSAGE = `行数が上限（${IMPORT_LIMITS.maxRows.toLocaleString("ja-JP")}行）を超えています`;

/** A voice file of `rows` data rows as koe's own XLSX export writes it (exceljs streaming writer). */
async function voicesXlsx(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
  const sheet = workbook.addWorksheet("お客さまの声");
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([
        `2025/${(i % 12) + 1}/${(i % 28) + 1} 10:00`,
        "コールセンター",
        "苦情",
        "応対",
        "コールセンター",
        `電話が何度かけてもつながらなかった（${i}件目）`,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

function voicesCsv(rows: number): string {
  const lines = [HEADER.join(",")];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `令和7年4月${(i % 28) + 1}日,窓口（支所・共済ショップ）,意見・要望,商品,東京支所,資料をもっと分かりやすく ${i}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Every column koe imports (16), as a co-op's own spreadsheet would have them; every row valid (about 40 MB). */
function fullVoicesCsv(rows: number): Buffer {
  const lines = [
    "受付日時,受付チャネル,種別,分類,商品,部署,内容,ご要望,氏名,組合員番号,電話番号,メール,都道府県,年代,性別,外部ID",
  ];
  const types = ["苦情", "意見・要望", "感謝・評価", "その他"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `令和7年${(i % 12) + 1}月${(i % 28) + 1}日 ${i % 24}:${String(i % 60).padStart(2, "0")},コールセンター,${types[i % 4]},応対,自動車共済,コールセンター,"電話が３回かけてもつながらなかった。やっとつながったら担当の方から折り返すと言われたが、２日待っても連絡がない。掛金の引落日についても説明がほしい（${i}件目）",折り返しの電話を希望,山田　太郎,M${i},090-1234-5678,member${i}@example.jp,福井県,40代,男性,CC-${i}`,
    );
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

function multipart(boundary: string, parts: { headers: string; data: Buffer }[]): Buffer {
  const pieces: Buffer[] = [];
  for (const p of parts)
    pieces.push(Buffer.from(`--${boundary}\r\n${p.headers}\r\n\r\n`), p.data, Buffer.from("\r\n"));
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

// One generated file for every database: 150,000 rows, half again the limit (about 1.5 s to write).
let bigXlsx: Promise<Buffer> | null = null;
const overLimitXlsx = () => {
  bigXlsx ??= voicesXlsx(IMPORT_LIMITS.maxRows + 50_000);
  return bigXlsx;
};

describe.each(dialects)("import limits and upload forms on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;

  const post = (payload: Buffer | string, contentType: string | undefined, dryRun = true, name?: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/imports?dryRun=${dryRun}`,
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        ...(contentType ? { "content-type": contentType } : {}),
        ...(name ? { "x-file-name": encodeURIComponent(name) } : {}),
      },
      payload,
    });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("refuses an XLSX over the row limit with the Japanese message, quickly and in bounded memory", async () => {
    const file = await overLimitXlsx();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 10);
    const t0 = performance.now();
    const res = await post(file, "application/octet-stream", true, "声の一覧（全件）.xlsx");
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(ROW_LIMIT_MESSAGE);
    expect(body.error.fields.file).toContain(ROW_LIMIT_MESSAGE);
    // The read stops at row 100,001: about 1 s and 60 MB here; exceljs read the whole file first (4+ GB, minutes,
    // for the 6,000,000-row file of issue 9).
    expect(seconds).toBeLessThan(8);
    expect((peak - base) / 1024 / 1024).toBeLessThan(256);
  });

  it("keeps answering other requests (< 1 s) while a large XLSX is being read", async () => {
    const file = await overLimitXlsx();
    let importDone = false;
    const importing = post(file, XLSX_TYPE, true, "大量.xlsx").then((res) => {
      importDone = true;
      return res;
    });
    const latencies: number[] = [];
    let answeredDuringImport = 0;
    await new Promise((resolve) => setTimeout(resolve, 30));
    while (!importDone) {
      const t0 = performance.now();
      const res = await cs.get<{ user: { email: string } }>("/api/v1/session");
      latencies.push(performance.now() - t0);
      expect(res.status).toBe(200);
      if (!importDone) answeredDuringImport++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await importing;
    expect(res.statusCode).toBe(400);
    expect(answeredDuringImport).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    const health = await app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
  });

  it("keeps answering other requests (< 1.5 s) while a valid 100,000-row CSV is checked (dry run)", async () => {
    // The rows are checked after the read; that check held the event loop for 1–3 s before it yielded in slices.
    const file = fullVoicesCsv(IMPORT_LIMITS.maxRows);
    let importDone = false;
    const importing = post(file, "text/csv", true, "声の一覧（10万件）.csv").then((res) => {
      importDone = true;
      return res;
    });
    const latencies: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 30));
    while (!importDone) {
      const t0 = performance.now();
      const res = await cs.get<{ user: { email: string } }>("/api/v1/session");
      latencies.push(performance.now() - t0);
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await importing;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, total: 100_000, importable: 100_000, problems: [] });
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    // 1–3 s stalls before the row check yielded; the row check's own stall bound (300 ms) is tested in
    // voice-import-rows.test.ts. Here the whole request path on a CI machine running another suite beside it.
    expect(Math.max(...latencies)).toBeLessThan(1500);
  });

  it("refuses a CSV over the row limit (UTF-8 and Shift_JIS)", async () => {
    const over = voicesCsv(IMPORT_LIMITS.maxRows + 1);
    for (const payload of [Buffer.from(over), iconv.encode(over, "cp932")]) {
      const res = await post(payload, "text/csv", true, "声.csv");
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(ROW_LIMIT_MESSAGE);
    }
  });

  it("refuses a file over the size limit with 413 and a Japanese message", async () => {
    const res = await post(Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x41), "text/csv", true, "大きい.csv");
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe(
      "ファイルが大きすぎます（上限 100 MB）。ファイルを分けて取り込んでください",
    );
  });

  it("takes the file as text/plain, text/csv or application/vnd.ms-excel, and from multipart/form-data", async () => {
    const csv = voicesCsv(3);
    // (curl --data-binary @声.csv without -H sends application/x-www-form-urlencoded, the file intact)
    for (const type of [
      "text/plain",
      "text/plain; charset=utf-8",
      "text/csv",
      "application/vnd.ms-excel",
      "application/x-www-form-urlencoded",
    ]) {
      const res = await post(Buffer.from(csv), type, true, "声.csv");
      expect(res.statusCode, type).toBe(200);
      expect((res.json() as ImportResult).total).toBe(3);
    }
    // curl -F file=@声の一覧.csv (a Shift_JIS file), with another form field beside it
    const boundary = "------------------------d74496d66958873e";
    const sjis = multipart(boundary, [
      { headers: 'Content-Disposition: form-data; name="memo"', data: Buffer.from("4月分") },
      {
        headers:
          'Content-Disposition: form-data; name="file"; filename="声の一覧.csv"\r\nContent-Type: text/csv',
        data: iconv.encode(csv, "cp932"),
      },
    ]);
    const viaForm = await post(sjis, `multipart/form-data; boundary=${boundary}`, false);
    expect(viaForm.statusCode).toBe(200);
    expect(viaForm.json()).toMatchObject({ dryRun: false, total: 3, imported: 3, encoding: "shift_jis" });
    // an XLSX in a form, the name given as filename* (RFC 5987)
    const xlsx = await voicesXlsx(2);
    const form = multipart("XyZ", [
      {
        headers: `Content-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent("取込.xlsx")}`,
        data: xlsx,
      },
    ]);
    const viaXlsx = await post(form, "multipart/form-data; boundary=XyZ");
    expect(viaXlsx.json()).toMatchObject({ total: 2, importable: 2, problems: [] });
    // the multipart file name decides the format check: an .xls in a form is refused as such
    const old = multipart("XyZ", [
      {
        headers: 'Content-Disposition: form-data; name="file"; filename="古い形式.xls"',
        data: Buffer.from("abc"),
      },
    ]);
    const oldRes = await post(old, "multipart/form-data; boundary=XyZ");
    expect(oldRes.statusCode).toBe(400);
    expect(oldRes.json().error.message).toContain("旧形式の Excel ファイル（.xls）");
  });

  it("says what to send for a form without a file, a JSON or form-encoded body, and an empty body", async () => {
    const noFile = await post(
      multipart("XyZ", [
        { headers: 'Content-Disposition: form-data; name="memo"', data: Buffer.from("メモ") },
      ]),
      "multipart/form-data; boundary=XyZ",
    );
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.message).toContain("multipart/form-data の中にファイルがありません");

    for (const [payload, type] of [
      [JSON.stringify({ file: "声.csv" }), "application/json"],
      ["file=%E5%A3%B0.csv", "application/x-www-form-urlencoded"],
    ] as const) {
      const res = await post(payload, type);
      expect(res.statusCode, type).toBe(415);
      const message = res.json().error.message as string;
      expect(message).toContain("ファイルの中身をそのまま本文にして");
      expect(message).toContain("multipart/form-data");
      expect(message).toContain("--data-binary");
      expect(message).not.toBe("JSON 形式で送信してください");
    }
    const empty = await post(Buffer.alloc(0), "text/plain");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe("ファイルが空です。取り込むファイルを選んでください");
  });

  it("round-trips content that really starts with an apostrophe through CSV and XLSX export and import", async () => {
    const inputs = [
      { content: "'=SUM(A1) と書かれた申込書が届いた", remedySought: "'-5度の説明がほしい" },
      { content: "''+1 は誤記です、と電話があった", remedySought: "=1+1 のままでよい" },
      { content: "'普通のアポストロフィで始まる声", remedySought: "'@ホームの表示を直してほしい" },
    ];
    const originals: VoiceDetail[] = [];
    for (const input of inputs) {
      const res = await cs.post<VoiceDetail>("/api/v1/voices", {
        receivedAt: "2025/9/1 9:00",
        channel: "visit",
        type: "request",
        category: "other",
        department: "fukui_branch",
        ...input,
      });
      expect(res.status).toBe(201);
      originals.push(res.body);
    }
    const exported = new Map<string, Buffer>();
    for (const format of ["csv", "xlsx"] as const) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/exports/voices?format=${format}&department=fukui_branch&channel=visit`,
        headers: { cookie: cs.cookie ?? "" },
      });
      expect(res.statusCode).toBe(200);
      exported.set(format, res.rawPayload);
    }
    let copiesSoFar = 1;
    for (const [format, file] of exported) {
      const res = await post(file, "application/octet-stream", false, `export.${format}`);
      expect(res.json()).toMatchObject({ imported: 3, problems: [] });
      copiesSoFar++;
      const rows = await tdb.db
        .selectFrom("voices")
        .select(["content", "remedy_sought"])
        .where("department_id", "=", originals[0]?.department.id ?? 0)
        .execute();
      for (const o of originals) {
        const same = rows.filter((r) => r.content === o.content && r.remedy_sought === o.remedySought);
        expect(same.length, `${format}: ${o.content}`).toBe(copiesSoFar);
      }
    }
  });
});

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
