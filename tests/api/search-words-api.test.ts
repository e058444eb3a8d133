/**
 * Search by words (issue 16), on every database: a voice written one way is found by a query written another way
 * (conjugation, kana/kanji, okurigana, particles inside a typed phrase, old kanji and width), a quoted phrase stays
 * exact and ranks first, synonyms apply and can be edited, and existing voices get their word keys in the background.
 */

import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SynonymsResponse } from "../../src/features/text/contract.js";
import type { VoiceList } from "../../src/features/voices/contract.js";
import { reindexAll } from "../../src/search/search-index.js";
import { fillAllMissingWordKeys, wordKeyProgress } from "../../src/search/word-key-index.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const base = {
  receivedAt: "2025/6/2 10:00",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department: "call_center",
};

describe.each(dialects)("search by words on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let staff: ApiClient;
  let admin: ApiClient;
  const ids: Record<string, number> = {};
  const versions: Record<string, number> = {};

  const list = async (q: string) => {
    const r = await staff.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent(q)}&limit=50`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const found = async (q: string) => (await list(q)).items.map((i) => i.id);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    staff = await clientAs(app, "staff@example.jp");
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    const add = async (key: string, content: string) => {
      const r = await staff.post<VoiceDetail>("/api/v1/voices", { ...base, content });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[key] = r.body.id;
      versions[key] = r.body.version;
    };
    await add("delay", "書類の到着が遅れています。");
    await add("wakaru", "説明がわかりづらかったです。");
    await add("ureshii", "担当の方の対応が嬉しかったです。");
    await add("toriatsukai", "個人情報の取扱いについて質問です。");
    await add("phone", "電話が全然つながりませんでした。");
    await add("exact", "電話がつながらないと苦情がありました。");
    await add("old", "保険證券を紛失しました。");
    await add("width", "ＰＴＡの集まりで紹介しました。");
    await add("claim", "共済金の請求をしました。");
    await add("polite", "丁寧に教えていただきました。");
    await add("other", "窓口の場所が分かりにくい。");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("finds every form of an inflected word (遅れる / 遅れて / 遅れた)", async () => {
    for (const q of ["遅れる", "遅れて", "遅れた"]) expect(await found(q), q).toContain(ids.delay);
    // the exact characters alone would not: the voice says 遅れています
    expect(await found('"遅れた"')).not.toContain(ids.delay);
  });

  it("finds kana written as kanji and the reverse (わかる / 分かる / 解る, うれしい / 嬉しい)", async () => {
    for (const q of ["分かる", "解る", "分かりにくい"]) expect(await found(q), q).toContain(ids.wakaru);
    expect(await found("わかりにくい")).toEqual(expect.arrayContaining([ids.wakaru, ids.other]));
    expect(await found("うれしい")).toContain(ids.ureshii);
    expect(await found("ていねい")).toContain(ids.polite);
  });

  it("finds other okurigana (取り扱い / 取扱い)", async () => {
    expect(await found("取り扱い")).toContain(ids.toriatsukai);
    expect(await found('"取り扱い"')).not.toContain(ids.toriatsukai);
  });

  it("reads a typed phrase as its words, particles and inflection aside, exact phrase first", async () => {
    const hits = await found("電話がつながらない");
    expect(hits[0]).toBe(ids.exact);
    expect(hits).toContain(ids.phone);
    expect(hits).not.toContain(ids.delay);
  });

  it("folds old kanji and width (證券 / 証券, ＰＴＡ / PTA)", async () => {
    expect(await found("証券")).toContain(ids.old);
    expect(await found("證券")).toContain(ids.old);
    expect(await found("pta")).toContain(ids.width);
  });

  it("keeps a quoted phrase exact", async () => {
    for (const q of ["「電話がつながらない」", '"電話がつながらない"'])
      expect(await found(q), q).toEqual([ids.exact]);
  });

  it("marks the surface a word match found", async () => {
    const item = (await list("遅れた")).items.find((i) => i.id === ids.delay);
    expect(item?.snippet).toContain("<mark>遅れ</mark>");
    const polite = (await list("ていねい")).items.find((i) => i.id === ids.polite);
    expect(polite?.snippet).toContain("<mark>丁寧</mark>");
  });

  it("applies the default synonyms, and admins edit them", async () => {
    expect(await found("保険金")).toContain(ids.claim);
    expect(await found("保険証書")).toContain(ids.old);
    const before = await admin.get<SynonymsResponse>("/api/v1/search/synonyms");
    expect(before.status).toBe(200);
    expect(before.body.groups.map((g) => g.words)).toContainEqual(["共済金", "保険金"]);

    const saved = await admin.request<SynonymsResponse>("PUT", "/api/v1/search/synonyms", {
      groups: [
        ["ていねい", "親切"],
        ["掛金", "保険料"],
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.groups.map((g) => g.words)).toEqual([
      ["ていねい", "親切"],
      ["掛金", "保険料"],
    ]);
    expect(await found("保険金")).not.toContain(ids.claim);
    // 親切 → ていねい, found by its reading in 丁寧
    expect(await found("親切")).toContain(ids.polite);
  });

  it("rejects a bad synonym list with the group named, and non-admins", async () => {
    const one = await admin.request<{ error: { fields?: Record<string, string> } }>(
      "PUT",
      "/api/v1/search/synonyms",
      {
        groups: [["解約", "脱退"], ["保険料"]],
      },
    );
    expect(one.status).toBe(400);
    expect(one.body.error.fields?.["groups.1"]).toContain("2語以上");
    const twice = await admin.request<{ error: { fields?: Record<string, string> } }>(
      "PUT",
      "/api/v1/search/synonyms",
      {
        groups: [
          ["解約", "脱退"],
          ["脱退", "退会"],
        ],
      },
    );
    expect(twice.body.error.fields?.["groups.1"]).toContain("1件目にもあります");
    expect((await staff.request("PUT", "/api/v1/search/synonyms", { groups: [] })).status).toBe(403);
  });

  it("gives existing voices their word keys in the background, with progress", async () => {
    // As after migration 0023: no keys stored, documents of bigrams alone.
    await sql`delete from voice_word_keys`.execute(tdb.db);
    await reindexAll(tdb);
    expect(await found("遅れた")).not.toContain(ids.delay);
    const total = Object.keys(ids).length;
    expect(await wordKeyProgress(tdb.db)).toEqual({ pending: total, total });
    const status = await admin.get<SynonymsResponse>("/api/v1/search/synonyms");
    expect(status.body.wordIndex.pending).toBe(total);

    expect(await fillAllMissingWordKeys(tdb.db)).toBe(total);
    expect(await wordKeyProgress(tdb.db)).toEqual({ pending: 0, total });
    expect(await found("遅れた")).toContain(ids.delay);
    // a rebuild reuses the stored keys
    await reindexAll(tdb);
    expect(await found("遅れた")).toContain(ids.delay);
  });

  it("indexes an edited voice's words on write", async () => {
    const r = await staff.patch(`/api/v1/voices/${ids.width}`, {
      version: versions.width,
      content: "返事がなかなか届かない。",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await found("届いていません")).toContain(ids.width);
    expect(await found("pta")).not.toContain(ids.width);
  });
});
