/**
 * The frequent-words indexer on every database: a voice whose text the analyzer cannot handle (stored before the
 * boundary cleaned such text, or failing for a reason nobody foresaw) must not stop the others.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { registerComplaint, registerUnanalysedVoice } from "../../../tests/helpers/unanalysed-voice.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { fillMissingWordKeys } from "../../search/word-key-index.js";
import { closeTokenizeWorker, tokenizeBatchInWorker } from "../../text/worker-pool.js";
import { analyzeWords } from "./word-analysis.js";
import {
  countMissingWords,
  forgetWords,
  indexAllMissingWords,
  indexMissingWords,
  startWordIndexer,
  wordsChanged,
} from "./word-index.js";

const dialects = await testDialects();

describe.each(dialects)("frequent-words indexer on %s", (dialect) => {
  let tdb: TestDatabase;
  let admin: Actor;

  const registered = (content: string) => registerComplaint(tdb.db, admin, content);
  /** A voice for the background indexer (tests/helpers/unanalysed-voice.ts). */
  const register = (content: string) => registerUnanalysedVoice(tdb.db, admin, content);

  /** Writes `content` into a registered voice's row directly, as data stored before the boundary cleaned it. */
  const storeRaw = async (content: string) => {
    const id = await register("（内容は直接書き込みます）");
    await tdb.db.updateTable("voices").set({ content }).where("id", "=", id).execute();
    return id;
  };

  const wordsOf = async (id: number) =>
    tdb.db
      .selectFrom("voice_words")
      .select(["words", "failed"])
      .where("voice_id", "=", id)
      .executeTakeFirst()
      .then((r) => r && { words: r.words.split(" ").filter(Boolean), failed: Number(r.failed) });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const u = await tdb.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@example.jp")
      .executeTakeFirstOrThrow();
    admin = { id: u.id, role: "admin", departmentId: null };
  });
  afterAll(async () => {
    await closeTokenizeWorker();
    await tdb?.drop();
  });

  it("stores a registered voice's words with it, from the analysis that gave its search keys", {
    timeout: 60_000,
  }, async () => {
    const { id, analysed } = await registered("共済金の振込が遅れている。");
    expect(analysed).toBe(true);
    expect(await wordsOf(id)).toEqual({ words: ["共済金", "振込", "遅れる"], failed: 0 });
    const keys = await tdb.db
      .selectFrom("voice_word_keys")
      .select("entries")
      .where("voice_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(keys.entries).map(([, surface]: [string, string]) => surface)).toContain("振込");
    // Nothing left for the background indexer.
    expect(await indexMissingWords(tdb.db, { ids: [id] })).toBe(0);
  });

  it("analyses the voices after one whose stored text has U+0000 or a lone surrogate", {
    timeout: 60_000,
  }, async () => {
    const before = await register("電話がなかなかつながらない。");
    const nul = "共済金の請求書が\u0000届きません";
    let withNul: number | null = null;
    if (dialect === "sqlite") {
      withNul = await storeRaw(nul);
    } else {
      // PostgreSQL refuses U+0000 in text (22021), so no such voice can exist there.
      await expect(storeRaw(nul)).rejects.toThrow(/0x00/);
    }
    // Both drivers write a lone surrogate as U+FFFD (or bytes read back as U+FFFD): stored, but no longer lone.
    const withSurrogate = await storeRaw(`マイカー共済の${String.fromCharCode(0xd83d)}掛金を確認したい`);
    const after = await register("共済金の請求が早かった。");

    const failed: number[][] = [];
    await indexAllMissingWords(tdb.db, undefined, (ids) => failed.push(ids));
    expect(failed).toEqual([]);
    expect(await countMissingWords(tdb.db)).toBe(0);
    expect(await wordsOf(before)).toEqual({ words: ["電話", "つながる"], failed: 0 });
    if (withNul !== null)
      expect(await wordsOf(withNul)).toEqual({ words: ["共済金", "請求", "届く"], failed: 0 });
    expect((await wordsOf(withSurrogate))?.words).toEqual(["マイカー共済", "掛金", "確認"]);
    expect(await wordsOf(after)).toEqual({ words: ["共済金", "請求", "早い"], failed: 0 });
  });

  it("marks and reports a voice the analyzer fails on, analyses the rest, and retries it once its content changes", {
    timeout: 60_000,
  }, async () => {
    const ok1 = await register("書類の記入が難しい。");
    const badText = "解約返戻金の説明がわかりにくい。";
    const bad = await register(badText);
    const ok2 = await register("窓口の説明が丁寧だった。");
    // Fault injection: the real analyzer, failing on one text as it did on U+0000 before.
    const analyse = async (texts: string[]) => {
      if (texts.includes(badText)) throw new Error("Cannot read properties of undefined (reading 'length')");
      return tokenizeBatchInWorker(texts);
    };
    const reported: number[][] = [];
    expect(await indexMissingWords(tdb.db, { analyse, onFailed: (ids) => reported.push(ids) })).toBe(3);
    expect(reported).toEqual([[bad]]);
    expect(await wordsOf(ok1)).toEqual({ words: ["書類", "記入", "難しい"], failed: 0 });
    expect(await wordsOf(ok2)).toEqual({ words: ["窓口", "説明", "丁寧"], failed: 0 });
    expect(await wordsOf(bad)).toEqual({ words: [], failed: 1 });
    // Not tried again, and not 解析待ち.
    expect(await indexMissingWords(tdb.db, { analyse })).toBe(0);
    expect(await countMissingWords(tdb.db)).toBe(0);
    const stats = await analyzeWords(tdb.db, admin, { from: "2025/6/1", to: "2025/6/30" });
    expect(stats.pending).toBe(0);
    expect(stats.words.find((w) => w.word === "説明")?.count).toBe(1);

    // The content is edited (update-voice forgets the words): analysed again.
    await tdb.db
      .updateTable("voices")
      .set({ content: "解約返戻金の説明がわかりにくかった。" })
      .where("id", "=", bad)
      .execute();
    await forgetWords(tdb.db, bad);
    expect(await indexMissingWords(tdb.db, { analyse })).toBe(1);
    expect(await wordsOf(bad)).toEqual({
      words: ["解約返戻金", "説明", "わかる"],
      failed: 0,
    });
  });

  it("logs only the voice's id from the background indexer", { timeout: 60_000 }, async () => {
    const badText = "担当者の名前は佐藤で、電話番号は090-1234-5678です。";
    const bad = await register(badText);
    const good = await register("掛金の引き落とし日を知りたい。");
    const analyse = async (texts: string[]) => {
      if (texts.includes(badText)) throw new Error(`解析できません: ${badText}`);
      return tokenizeBatchInWorker(texts);
    };
    const logged: { msg: string; err: unknown }[] = [];
    const stop = startWordIndexer(tdb.db, (msg, err) => logged.push({ msg, err }), { analyse });
    for (let i = 0; i < 200 && (await countMissingWords(tdb.db)) > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(await countMissingWords(tdb.db)).toBe(0);
    expect((await wordsOf(good))?.words).toEqual(["掛金", "引き落とし", "知る"]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.msg).toContain(`ID: ${bad}`);
    expect(logged[0]?.err).toBeUndefined();
    expect(JSON.stringify(logged)).not.toMatch(/佐藤|090/);
  });

  it("marks nothing when the analyzer itself is broken", { timeout: 60_000 }, async () => {
    const id = await register("自動車共済の更新手続きについて教えてほしい。");
    const broken = async (_texts: string[]): Promise<string[][]> => {
      throw new Error("tokenize worker exited with code 1");
    };
    await expect(indexMissingWords(tdb.db, { analyse: broken })).rejects.toThrow(/exited/);
    expect(await wordsOf(id)).toBeUndefined();
    expect(await countMissingWords(tdb.db)).toBe(1);
    await indexAllMissingWords(tdb.db);
    expect((await wordsOf(id))?.failed).toBe(0);
  });

  it("analyses the voices it is told of by id, and leaves a scan for the rest", {
    timeout: 60_000,
  }, async () => {
    await indexAllMissingWords(tdb.db);
    const other = await register("保険証券の再発行を依頼したい。");
    const named = await register("解約の手続きに時間がかかりすぎる。");
    expect(await indexMissingWords(tdb.db, { ids: [named] })).toBe(1);
    expect((await wordsOf(named))?.words).toEqual(["解約", "手続き", "かかる"]);
    expect(await wordsOf(other)).toBeUndefined();
    expect(await indexMissingWords(tdb.db, { ids: [] })).toBe(0);
    expect(await indexMissingWords(tdb.db, { ids: [named] })).toBe(0);

    // The background indexer: started, it scans (finding `other`); told of a new voice, it analyses that one.
    const stop = startWordIndexer(tdb.db);
    try {
      for (let i = 0; i < 200 && (await countMissingWords(tdb.db)) > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await wordsOf(other))?.failed).toBe(0);
      const next = await register("契約者貸付の金利を教えてください。");
      wordsChanged([next]);
      for (let i = 0; i < 200 && !(await wordsOf(next)); i++) await new Promise((r) => setTimeout(r, 50));
      expect((await wordsOf(next))?.words).toContain("金利");
    } finally {
      await stop();
    }
  });

  it("polls only the voices above the last pass's highest id, less a margin", {
    timeout: 60_000,
  }, async () => {
    await indexAllMissingWords(tdb.db);
    await fillMissingWordKeys(tdb.db);
    const before = await register("窓口の待ち時間が長すぎます。");
    const after = await register("掛金の払込方法を変更したい。");
    expect(await indexMissingWords(tdb.db, { afterId: after - 1 })).toBe(1);
    expect((await wordsOf(after))?.words).toContain("払込");
    expect(await wordsOf(before)).toBeUndefined();
    // Their search word keys forgotten too, as for voices written while the analyzer failed.
    await tdb.db.deleteFrom("voice_word_keys").where("voice_id", "in", [before, after]).execute();
    expect(await fillMissingWordKeys(tdb.db, undefined, { afterId: after })).toBe(0);
    expect(await fillMissingWordKeys(tdb.db, undefined, { afterId: before - 1 })).toBe(2);
    await indexAllMissingWords(tdb.db);

    // Started, it scans every voice; then a voice written without telling it (as by another process) is found by
    // the poll alone.
    const stop = startWordIndexer(tdb.db, undefined, { pollMs: 100 });
    try {
      for (let i = 0; i < 200 && (await countMissingWords(tdb.db)) > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      const elsewhere = await register("コールセンターの電話がつながりにくい。");
      for (let i = 0; i < 200 && !(await wordsOf(elsewhere)); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await wordsOf(elsewhere))?.words).toContain("コールセンター");
    } finally {
      await stop();
    }
  });
});
