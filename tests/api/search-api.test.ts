/** Full-text search through the list API, on every database: 1- and 2-character words, AND, phrases, filters, snippets, edits. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VoiceList } from "../../src/features/voices/contract.js";
import { listVoices } from "../../src/features/voices/list-voices.js";
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

describe.each(dialects)("search on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let staff: ApiClient;
  const ids: Record<string, number> = {};

  const search = async (query: string) => {
    const r = await staff.get<VoiceList>(`/api/v1/voices?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const idsOf = (l: VoiceList) => l.items.map((i) => i.id).sort((a, b) => a - b);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    staff = await clientAs(app, "staff@example.jp");
    const add = async (key: string, content: string, extra: Record<string, unknown> = {}) => {
      const r = await staff.post<VoiceDetail>("/api/v1/voices", { ...base, content, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[key] = r.body.id;
    };
    await add("phone", "電話がなかなかつながりませんでした。");
    await add("papers", "書類の書き方が分かりにくいです。", { type: "request", category: "application" });
    await add("both", "書類について電話で問い合わせたところ、丁寧に教えてもらいました。", {
      type: "praise",
    });
    await add("phrase", "電話で書類の再送をお願いしました。");
    await add("script", "ログイン画面に<script>alert(1)</script>と表示され、電話しました。");
    await add("cancel", "解約の手続きが遅い。");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("finds two-character words", async () => {
    expect(idsOf(await search(`q=${encodeURIComponent("電話")}`))).toEqual(
      [ids.phone, ids.both, ids.phrase, ids.script].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(idsOf(await search(`q=${encodeURIComponent("書類")}`))).toEqual(
      [ids.papers, ids.both, ids.phrase].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(idsOf(await search(`q=${encodeURIComponent("解約")}`))).toEqual([ids.cancel]);
    expect(idsOf(await search(`q=${encodeURIComponent("遅い")}`))).toEqual([ids.cancel]);
  });

  it("finds one-character words anywhere in the text", async () => {
    // 遅 starts a bigram, 約 ends one (解約): both must be found
    expect(idsOf(await search(`q=${encodeURIComponent("遅")}`))).toEqual([ids.cancel]);
    expect(idsOf(await search(`q=${encodeURIComponent("約")}`))).toEqual([ids.cancel]);
  });

  it("ANDs words and keeps quoted phrases whole", async () => {
    const and = idsOf(await search(`q=${encodeURIComponent("電話 書類")}`));
    expect(and).toEqual([ids.both, ids.phrase].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // "電話で書類" appears only in one text; the other has both words in different places
    expect(idsOf(await search(`q=${encodeURIComponent('"電話で書類"')}`))).toEqual([ids.phrase]);
    expect(idsOf(await search(`q=${encodeURIComponent("つながりません")}`))).toEqual([ids.phone]);
    // Quoted, the characters must follow each other (typed, it would also be read as words: つながる…, issue 16).
    expect(idsOf(await search(`q=${encodeURIComponent('"つながりまわ"')}`))).toEqual([]);
  });

  it("applies the other filters with q and ranks by relevance", async () => {
    const praise = await search(`q=${encodeURIComponent("電話")}&type=praise`);
    expect(idsOf(praise)).toEqual([ids.both]);
    expect(praise.total).toBe(1);
    const all = await search(`q=${encodeURIComponent("電話")}&sort=received_desc`);
    expect(all.total).toBe(4);
  });

  it("returns escaped snippets with the hits marked", async () => {
    const r = await search(`q=${encodeURIComponent("電話")}&type=complaint`);
    const item = r.items.find((i) => i.id === ids.script);
    expect(item?.snippet).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(item?.snippet).toContain("<mark>電話</mark>");
    expect(item?.snippet).not.toContain("<script>");
  });

  it("shows the newest hits, with the cap as a lower bound, when there are more hits than the engine ranks", async () => {
    const admin = { id: 1, role: "admin" as const, departmentId: null };
    const list = (query: Record<string, unknown>, searchCap: number) =>
      listVoices(tdb.db, admin, query, { searchCap, exactUpTo: searchCap });
    // the four voices with 電話 share their received time: newest first means highest id first
    const newest = [ids.script, ids.phrase, ids.both, ids.phone];
    const filtered = { q: "電話", department: "call_center" };
    const capped = await list(filtered, 2);
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    expect(capped.items.map((i) => i.id)).toEqual(newest);
    const second = await list({ ...filtered, limit: 2, page: 2 }, 2);
    expect(second.items.map((i) => i.id)).toEqual(newest.slice(2));
    const ranked = await list(filtered, 4);
    expect(ranked.total).toBe(4);
    expect(ranked.totalCapped).toBeUndefined();
    expect(idsOf(ranked)).toEqual([...newest].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // words alone, by relevance: the same on both engines
    const alone = await list({ q: "電話" }, 2);
    expect(alone).toMatchObject({ total: 2, totalCapped: true });
    expect(alone.items.map((i) => i.id)).toEqual(newest);
    expect((await list({ q: "電話" }, 4)).totalCapped).toBeUndefined();
  });

  it("finds a voice by its receipt number typed in the keyword box", async () => {
    const v = (await staff.get<VoiceDetail>(`/api/v1/voices/${ids.papers}`)).body;
    const r = await search(`q=${encodeURIComponent(v.receiptNumber)}`);
    expect(idsOf(r)).toEqual([ids.papers]);
  });

  it("follows an edit of the content", async () => {
    const v = (await staff.get<VoiceDetail>(`/api/v1/voices/${ids.cancel}`)).body;
    const r = await staff.patch<VoiceDetail>(`/api/v1/voices/${ids.cancel}`, {
      version: v.version,
      content: "掛金の引き落とし日を知りたい。",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(idsOf(await search(`q=${encodeURIComponent("解約")}`))).toEqual([]);
    expect(idsOf(await search(`q=${encodeURIComponent("引き落とし")}`))).toEqual([ids.cancel]);
  });
});
