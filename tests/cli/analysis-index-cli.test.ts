/**
 * `koe analysis index` names the voices whose text the analyzer could not handle, by id only, and analyses the
 * rest. The command itself runs from dist/; the failure is injected in-process, since the real analyzer now
 * handles every text we know of (U+0000 and lone surrogates included).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysisIndex } from "../../src/cli/text-commands.js";
import type { Actor } from "../../src/domain/voice-workflow.js";
import { closeTokenizeWorker, tokenizeBatchInWorker } from "../../src/text/worker-pool.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { registerUnanalysedVoice } from "../helpers/unanalysed-voice.js";

const ROOT = join(import.meta.dirname, "..", "..");

let tdb: TestDatabase;
let admin: Actor;

/** A voice for the indexer (tests/helpers/unanalysed-voice.ts). */
const register = (content: string) => registerUnanalysedVoice(tdb.db, admin, content);

beforeAll(async () => {
  tdb = await createTestDatabase("sqlite");
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

describe("koe analysis index", () => {
  it("prints the ids of the voices it could not analyse on stderr, without their text", {
    timeout: 60_000,
  }, async () => {
    const BAD = [
      "担当の佐藤さんに090-1234-5678へ折り返すよう頼んだが連絡がない。",
      "山田花子様より、掛金の引落日について問い合わせ。",
    ];
    await register("電話がなかなかつながらない。");
    const bad1 = await register(BAD[0] ?? "");
    await register("共済金の支払いが早くて助かりました。");
    const bad2 = await register(BAD[1] ?? "");
    // Fault injection: the real analyzer, failing on these two texts as it once did on U+0000.
    const analyse = async (texts: string[]) => {
      if (texts.some((t) => BAD.includes(t))) throw new Error(`解析できません: ${texts.join("/")}`);
      return tokenizeBatchInWorker(texts);
    };
    const outParts: string[] = [];
    const errParts: string[] = [];
    const n = await runAnalysisIndex(
      tdb.db,
      { out: (t) => outParts.push(t), err: (t) => errParts.push(t) },
      analyse,
    );
    const out = outParts.join("");
    const err = errParts.join("");
    expect(n).toBe(4);
    expect(out).toContain("未解析の声: 4 件\n");
    expect(out).toMatch(/\n4 件を解析しました（[\d.]+ 秒）\n$/);
    expect(err).toBe(`解析できなかった声: 2 件（ID ${bad1}, ${bad2}）。本文を編集すると再解析します\n`);
    expect(out + err).not.toMatch(/佐藤|090|山田|掛金/);
  });

  it("runs as a command: counts, no failure line when every text is analysed, failed voices not retried", {
    timeout: 120_000,
  }, async () => {
    const id = await register("（内容は直接書き込みます）");
    // stored before the boundary cleaned every text field; the analyzer handles it now
    await tdb.db
      .updateTable("voices")
      .set({ content: "共済金の請求書が\u0000届きません" })
      .where("id", "=", id)
      .execute();
    await register("窓口の説明が丁寧だった。");
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "koe.js"), "analysis", "index"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: tdb.url },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    // the two voices that failed above are stored as analysed: only the new two are counted
    expect(r.stdout).toContain("未解析の声: 2 件");
    expect(r.stdout).toContain("2 件を解析しました");
    expect(r.stderr).not.toContain("解析できなかった声");
  });
});
