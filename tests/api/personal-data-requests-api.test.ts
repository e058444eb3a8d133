/**
 * APPI requests on every database: an admin finds a member's records however the phone was typed, discloses them
 * as a file, corrects them, and erases them; after the erasure the member's name and phone are nowhere in the
 * voices, their timeline, search or the export, while the voice and its counts stay. Only admins may; bad input is
 * a Japanese 400 that records nothing; the request log keeps the lookup masked.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CustomerRecordsResponse,
  PersonalDataRequest,
} from "../../src/features/personal-data-requests/contract.js";
import type { VoiceList } from "../../src/features/voices/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const YAMADA = {
  type: "complaint",
  category: "handling",
  channel: "call_center",
  department: "call_center",
  receivedAt: "2026/11/24 10:00",
  content: "山田花子です。共済金の請求書類が届かないので、090-1234-5678 に折り返しをお願いします。",
  remedySought: "山田まで電話で説明してほしい",
  customer: {
    name: "山田 花子",
    kana: "ヤマダ ハナコ",
    memberNumber: "M-100234",
    phone: "090-1234-5678",
    email: "hanako@example.jp",
    prefecture: "福井県",
    ageBand: "50代",
    gender: "女性",
  },
};
const SATO = {
  ...YAMADA,
  content: "掛金の引き落とし日を変更したいので手続きを教えてください。",
  remedySought: undefined,
  type: "request",
  customer: { name: "佐藤 一郎", phone: "0776-22-1111", prefecture: "福井県" },
};

describe.each(dialects)("APPI requests on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;
  let yamadaId: number;
  let satoId: number;
  const requestsLogged = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("personal_data_requests")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lookup = (who: ApiClient, kind: string, value: string) =>
    who.post<CustomerRecordsResponse & ErrorBody>("/api/v1/personal-data-requests/lookup", { kind, value });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    const y = await cs.post<VoiceDetail>("/api/v1/voices", YAMADA);
    expect(y.status, JSON.stringify(y.body)).toBe(201);
    yamadaId = y.body.id;
    const responded = await cs.post(`/api/v1/voices/${yamadaId}/actions`, {
      action: "respond",
      method: "電話",
      content: "山田様（090-1234-5678）へ書類を再送したことをお伝えしました。",
    });
    expect(responded.status).toBe(200);
    const s = await cs.post<VoiceDetail>("/api/v1/voices", SATO);
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    satoId = s.body.id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("lets only admins look a member up, and refuses bad input in Japanese, recording nothing", async () => {
    expect((await lookup(cs, "phone", "09012345678")).status).toBe(403);
    const cases: [unknown, string, string][] = [
      [{ kind: "phone", value: "1234" }, "lookup.value", "10桁か11桁"],
      [{ kind: "email", value: "hanako" }, "lookup.value", "メールアドレスの形"],
      [{ kind: "fax", value: "0776" }, "lookup.kind", "探し方は"],
    ];
    for (const [lk, field, message] of cases) {
      const r = await admin.post<ErrorBody>("/api/v1/personal-data-requests", {
        kind: "disclosure",
        lookup: lk,
        receivedOn: "2026/12/1",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.fields?.[field], JSON.stringify(r.body)).toContain(message);
    }
    const noFields = await admin.post<ErrorBody>("/api/v1/personal-data-requests", {
      kind: "correction",
      lookup: { kind: "phone", value: "090-1234-5678" },
      receivedOn: "令和8年12月1日",
      correction: {},
    });
    expect(noFields.body.error.fields?.correction).toBe("訂正する項目を1つ以上入力してください");
    const badDate = await admin.post<ErrorBody>("/api/v1/personal-data-requests", {
      kind: "disclosure",
      lookup: { kind: "phone", value: "090-1234-5678" },
      receivedOn: "きのう",
    });
    expect(badDate.body.error.fields?.receivedOn).toContain("請求を受けた日");
    expect(await requestsLogged()).toBe(0);
  });

  it("finds the member however the phone is typed, and audits the unmasked view", async () => {
    const found = await lookup(admin, "phone", "０９０（１２３４）５６７８");
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.customers).toHaveLength(1);
    expect(found.body.customers[0]).toMatchObject({ name: "山田 花子", memberNumber: "M-100234" });
    expect(found.body.customers[0]?.voices.map((v) => v.id)).toEqual([yamadaId]);
    expect((await lookup(admin, "member_number", "Ｍ-100234")).body.customers).toHaveLength(1);
    expect((await lookup(admin, "email", "Hanako@Example.jp")).body.customers).toHaveLength(1);
    const audit = await tdb.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("detail", "like", "保有個人データの検索%")
      .execute();
    expect(audit.length).toBe(3);
    expect(audit.map((a) => a.detail).join()).not.toContain("1234-5678");
  });

  it("discloses the records as an Excel file and logs the request with the lookup masked", async () => {
    const r = await admin.request("POST", "/api/v1/personal-data-requests/disclosure-file", {
      lookup: { kind: "phone", value: "090-1234-5678" },
      receivedOn: "2026/12/1",
      note: "窓口で運転免許証により本人確認",
    });
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("spreadsheetml");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/personal-data-requests/disclosure-file",
      headers: { cookie: admin.cookie ?? "", "x-csrf-token": admin.csrf ?? "" },
      payload: { lookup: { kind: "phone", value: "090-1234-5678" }, receivedOn: "2026/12/1" },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["お客さま情報", "お客さまの声", "アンケート回答"]);
    const cells = (name: string) =>
      (book.getWorksheet(name)?.getSheetValues() ?? [])
        .flat()
        .filter((v) => typeof v === "string")
        .join("|");
    expect(cells("お客さま情報")).toContain("山田 花子");
    expect(cells("お客さまの声")).toContain("共済金の請求書類が届かない");
    expect(cells("お客さまの声")).toContain("書類を再送した");
    expect(cells("お客さまの声")).not.toContain("引き落とし日");

    const log = await admin.get<{ items: PersonalDataRequest[] }>("/api/v1/personal-data-requests");
    expect(log.body.items[0]).toMatchObject({
      kind: "disclosure",
      lookupKind: "phone",
      customersFound: 1,
      voicesFound: 1,
      receivedOn: "2026-12-01",
    });
    expect(log.body.items[0]?.lookupMasked).not.toContain("1234");
  });

  it("corrects the member's e-mail on every record", async () => {
    const r = await admin.post<PersonalDataRequest>("/api/v1/personal-data-requests", {
      kind: "correction",
      lookup: { kind: "member_number", value: "M-100234" },
      receivedOn: "2026/12/2",
      correction: { email: "Hanako.New@example.jp" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await lookup(admin, "email", "hanako.new@example.jp")).body.customers).toHaveLength(1);
    expect((await lookup(admin, "email", "hanako@example.jp")).body.customers).toHaveLength(0);
  });

  it("erases the member: gone from the customer, the text, the timeline, search and export; the voice stays", async () => {
    const before = await cs.get<VoiceList>("/api/v1/voices");
    const r = await admin.post<PersonalDataRequest>("/api/v1/personal-data-requests", {
      kind: "erasure",
      lookup: { kind: "phone", value: "09012345678" },
      receivedOn: "2026/12/3",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ kind: "erasure", customersFound: 1, voicesFound: 1 });

    const v = await cs.get<VoiceDetail>(`/api/v1/voices/${yamadaId}`);
    expect(v.status).toBe(200);
    expect(v.body.content).not.toContain("山田");
    expect(v.body.content).not.toContain("5678");
    expect(v.body.content).toContain("共済金の請求書類が届かない");
    expect(v.body.type).toMatchObject({ code: "complaint" });
    const timeline = JSON.stringify(v.body);
    for (const secret of ["山田", "ヤマダ", "1234-5678", "hanako", "M-100234"])
      expect(timeline).not.toContain(secret);
    expect(timeline).toContain("personal_data_erased");

    const customer = await tdb.db
      .selectFrom("voices as v")
      .innerJoin("customers as c", "c.id", "v.customer_id")
      .select([
        "c.name",
        "c.phone",
        "c.email",
        "c.member_number",
        "c.prefecture",
        "c.age_band",
        "c.erased_at",
      ])
      .where("v.id", "=", yamadaId)
      .executeTakeFirstOrThrow();
    expect(customer).toMatchObject({
      name: null,
      phone: null,
      email: null,
      member_number: null,
      prefecture: "福井県",
    });
    expect(customer.erased_at).not.toBeNull();

    for (const q of ["山田", "090-1234-5678", "花子"]) {
      const found = await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((i) => i.id),
        q,
      ).toEqual([]);
    }
    const all = await cs.get<VoiceList>("/api/v1/voices");
    expect(all.body.total).toBe(before.body.total);
    expect(
      (await cs.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent("共済金")}`)).body.items.map(
        (i) => i.id,
      ),
    ).toEqual([yamadaId]);

    const csv = await cs.request("GET", "/api/v1/exports/voices?format=csv");
    expect(csv.status).toBe(200);
    for (const secret of ["山田", "1234-5678", "hanako"]) expect(String(csv.body)).not.toContain(secret);
    expect(String(csv.body)).toContain("佐藤 一郎");

    expect((await lookup(admin, "phone", "090-1234-5678")).body.customers).toEqual([]);
    const sato = await cs.get<VoiceDetail>(`/api/v1/voices/${satoId}`);
    expect(JSON.stringify(sato.body)).toContain("佐藤");
  });
});
