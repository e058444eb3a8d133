/**
 * Label aliases and the mapping file's values in the voice import, on every database: an unknown channel is
 * reported with the closest label, imports once it is an alias; value maps and a default department; bad aliases.
 */
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabelAliases, LabelAliasList } from "../../src/features/import-aliases/contract.js";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import type { Taxonomy, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

// A call-centre export: its own words for the channel, no 外部ID reuse between tests.
const csv = (header: string, rows: string[]) => Buffer.from(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`);
const HEADER = "受付日時,受付チャネル,種別,分類,部署,内容,外部ID";

describe.each(dialects)("label aliases in the voice import on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;
  let taxonomy: Taxonomy;
  const idOf = (kind: keyof Taxonomy, code: string) => {
    const found = taxonomy[kind].find((l) => l.code === code);
    if (!found) throw new Error(`${kind} ${code} missing`);
    return found.id;
  };

  const upload = async (file: Buffer, dryRun: boolean, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams({ dryRun: String(dryRun), ...query });
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/imports?${qs}`,
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "text/csv",
        "x-file-name": encodeURIComponent("コールセンター出力.csv"),
      },
      payload: file,
    });
    return {
      status: res.statusCode,
      body: JSON.parse(res.body) as ImportResult & { error?: { message: string } },
    };
  };
  const putAliases = (client: ApiClient, kind: string, id: number, aliases: unknown) =>
    client.request<LabelAliases & { error?: { message: string; fields?: Record<string, string> } }>(
      "PUT",
      `/api/v1/label-aliases/${kind}/${id}`,
      { aliases },
    );
  const aliasesOf = async (kind: string, id: number) =>
    (await admin.get<LabelAliasList>("/api/v1/label-aliases")).body.items.find(
      (i) => i.kind === kind && i.labelId === id,
    )?.aliases ?? [];
  const voiceByExternalId = async (externalId: string) => {
    const row = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("external_id", "=", externalId)
      .executeTakeFirstOrThrow();
    return (await cs.get<VoiceDetail>(`/api/v1/voices/${row.id}`)).body;
  };
  const countVoices = () => countRows(tdb.db, "voices");

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    taxonomy = (await admin.get<Taxonomy>("/api/v1/taxonomy")).body;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("names the row and column of 窓口 and suggests 窓口（支所・共済ショップ）; once 窓口 is an alias the file imports", async () => {
    const file = csv(HEADER, [
      "2025/4/1 10:00,コールセンター,苦情,応対,コールセンター,折り返しの電話がなかった,CC-001",
      "2025/4/2 11:00,窓口,意見・要望,商品,東京支所,パンフレットの字を大きくしてほしい,CC-002",
    ]);
    const before = await countVoices();
    const dry = await upload(file, true);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      {
        row: 3,
        column: "受付チャネル",
        value: "窓口",
        reason:
          "『窓口』は登録されていない受付チャネルです。『窓口（支所・共済ショップ）』のことなら、設定でその別名に『窓口』を登録すると取り込めます",
        suggestion: "窓口（支所・共済ショップ）",
      },
    ]);
    expect((await upload(file, false)).body).toMatchObject({ imported: 0 });
    expect(await countVoices()).toBe(before);

    const counter = idOf("channel", "counter");
    const put = await putAliases(admin, "channel", counter, ["窓口", "  支所窓口 "]);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ kind: "channel", labelId: counter, aliases: ["窓口", "支所窓口"] });

    expect((await upload(file, true)).body).toMatchObject({ problems: [], importable: 2 });
    expect((await upload(file, false)).body).toMatchObject({ problems: [], imported: 2 });
    expect(await countVoices()).toBe(before + 2);
    expect((await voiceByExternalId("CC-002")).channel).toMatchObject({ code: "counter" });
  });

  it("compares aliases after NFKC, case and spaces: ＨＰ stored as HP matches a cell 'h p'", async () => {
    const web = idOf("channel", "web");
    expect((await putAliases(admin, "channel", web, ["ＨＰ", "ﾎｰﾑﾍﾟｰｼﾞ"])).body.aliases).toEqual([
      "HP",
      "ホームページ",
    ]);
    const file = csv(HEADER, [
      "2025/4/3,h p,感謝・評価,支払い,お客様相談室,支払いが早かった,CC-101",
      "2025/4/4,ホームページ,感謝・評価,支払い,お客様相談室,マイページが見やすい,CC-102",
    ]);
    expect((await upload(file, false)).body).toMatchObject({ problems: [], imported: 2 });
    expect((await voiceByExternalId("CC-101")).channel).toMatchObject({ code: "web" });
  });

  it("refuses bad aliases with a Japanese message per item and stores nothing", async () => {
    const counter = idOf("channel", "counter");
    const web = idOf("channel", "web");
    const before = await aliasesOf("channel", web);

    const empty = await putAliases(admin, "channel", web, ["ウェブ", "　"]);
    expect(empty.status).toBe(400);
    expect(empty.body.error?.fields).toEqual({
      "aliases.1": "2つ目の別名が空です。別名を入力するか、欄を削除してください",
    });

    // 窓口 already belongs to the counter channel: one word, one label
    const taken = await putAliases(admin, "channel", web, ["ウェブ", "ｍａｄｏｇｕｃｈｉ", "窓口"]);
    expect(taken.status).toBe(400);
    expect(taken.body.error?.fields?.["aliases.2"]).toBe(
      "別名『窓口』はすでに受付チャネル『窓口（支所・共済ショップ）』の別名として使われています（1つの言葉は1つの受付チャネルにしか対応できません）",
    );
    const name = await putAliases(admin, "channel", web, ["コールセンター"]);
    expect(name.body.error?.fields?.["aliases.0"]).toBe(
      "別名『コールセンター』はすでに受付チャネル『コールセンター』の名称として使われています（1つの言葉は1つの受付チャネルにしか対応できません）",
    );
    const twice = await putAliases(admin, "channel", web, ["ウェブ", "ｳｪﾌﾞ"]);
    expect(twice.body.error?.fields?.["aliases.1"]).toBe("別名『ウェブ』が1つ目と重複しています");
    const long = await putAliases(admin, "channel", web, ["あ".repeat(101)]);
    expect(long.body.error?.fields?.["aliases.0"]).toBe(
      "1つ目の別名は100文字以内で入力してください（101文字）",
    );

    expect(await aliasesOf("channel", web)).toEqual(before);
    expect(await aliasesOf("channel", counter)).toEqual(["窓口", "支所窓口"]);

    // only administrators edit aliases; an unknown label is 404
    expect((await putAliases(cs, "channel", web, ["ウェブ"])).status).toBe(403);
    expect((await putAliases(admin, "channel", 999_999, ["ウェブ"])).status).toBe(404);
    expect((await putAliases(admin, "status", web, ["ウェブ"])).status).toBe(400);
  });

  it("maps values through the mapping file, and refuses a mapping whose value lands on no label", async () => {
    const file = csv("日付,経路,種別,分類,部署,本文,外部ID", [
      "2025/5/1,TEL,苦情,応対,コールセンター,保留が長い,CC-201",
      "2025/5/2,店頭,意見・要望,申込手続き,東京支所,書類が多い,CC-202",
    ]);
    const mapping = {
      columns: { 日付: "受付日時", 経路: "受付チャネル", 本文: "content", 外部ID: "externalId" },
      values: { 受付チャネル: { TEL: "call_center", 店頭: "窓口（支所・共済ショップ）" } },
    };
    const dry = await upload(file, true, { mapping: JSON.stringify(mapping) });
    expect(dry.body).toMatchObject({ problems: [], importable: 2 });
    expect((await upload(file, false, { mapping: JSON.stringify(mapping) })).body.imported).toBe(2);
    expect((await voiceByExternalId("CC-201")).channel).toMatchObject({ code: "call_center" });
    expect((await voiceByExternalId("CC-202")).channel).toMatchObject({ code: "counter" });

    const wrong = { ...mapping, values: { 受付チャネル: { TEL: "コールセンタ" } } };
    const refused = await upload(file, true, { mapping: JSON.stringify(wrong) });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toBe(
      "対応表の値の置き換え『TEL』→『コールセンタ』: 『コールセンタ』は登録されていない受付チャネルです（近いもの: 『コールセンター』）",
    );
    const broken = await upload(file, true, { mapping: '{"values": {"備考": {"a": "b"}}}' });
    expect(broken.status).toBe(400);
    expect(broken.body.error?.message).toContain("「values」の「備考」は取込できる列ではありません");
  });

  it("gives a file without 部署 the default department, and suggests the closest for an unknown default", async () => {
    const file = csv("受付日時,受付チャネル,種別,分類,内容,外部ID", [
      "2025/6/1,窓口,苦情,応対,窓口で長く待たされた,CC-301",
    ]);
    const without = await upload(file, true);
    expect(without.body.problems).toEqual([
      { row: 1, column: "部署", value: "", reason: "必須の列『部署』がありません" },
    ]);
    const unknown = await upload(file, true, { defaultDepartment: "東京" });
    expect(unknown.body.problems).toEqual([
      {
        row: 1,
        column: "部署",
        value: "東京",
        reason: "既定の部署『東京』は登録されていない部署です（近いもの: 『東京支所』）",
        suggestion: "東京支所",
      },
    ]);
    const real = await upload(file, false, { defaultDepartment: "tokyo_branch" });
    expect(real.body).toMatchObject({ problems: [], imported: 1 });
    expect((await voiceByExternalId("CC-301")).department).toMatchObject({ code: "tokyo_branch" });

    // the mapping file can carry it too; an empty 部署 cell takes it, a filled one wins
    const mixed = csv(HEADER, [
      "2025/6/2,窓口,苦情,応対,,受付の説明が足りない,CC-302",
      "2025/6/3,窓口,苦情,応対,大阪支所,受付の説明が足りない,CC-303",
    ]);
    const byMapping = await upload(mixed, false, {
      mapping: JSON.stringify({ defaultDepartment: "札幌支所" }),
    });
    expect(byMapping.body).toMatchObject({ problems: [], imported: 2 });
    expect((await voiceByExternalId("CC-302")).department).toMatchObject({ code: "sapporo_branch" });
    expect((await voiceByExternalId("CC-303")).department).toMatchObject({ code: "osaka_branch" });
  });

  it("reads a Shift_JIS export with an alias as well", async () => {
    const file = iconv.encode(
      `${HEADER}\r\n2025/7/1,支所窓口,苦情,応対,東京支所,窓口の案内が分かりにくい,CC-401\r\n`,
      "cp932",
    );
    expect((await upload(file, false)).body).toMatchObject({
      problems: [],
      imported: 1,
      encoding: "shift_jis",
    });
  });
});
