import { afterAll, describe, expect, it } from "vitest";
import {
  contentWords,
  getTokenizer,
  getUserDictionary,
  mergeCompounds,
  setUserDictionary,
  type Token,
} from "./tokenizer.js";
import { closeTokenizeWorker, tokenizeBatchInWorker } from "./worker-pool.js";

const t = (surface: string, pos = "名詞", posDetail = "一般", base = surface): Token => ({
  surface,
  base,
  pos,
  posDetail,
});

describe("mergeCompounds", () => {
  it("joins consecutive tokens that spell a dictionary word, longest match first", () => {
    const tokens = [
      t("満期"),
      t("共済"),
      t("金", "名詞", "接尾"),
      t("の", "助詞", "連体化"),
      t("請求", "名詞", "サ変接続"),
    ];
    expect(mergeCompounds(tokens, ["共済金", "満期共済金"]).map((x) => x.surface)).toEqual([
      "満期共済金",
      "の",
      "請求",
    ]);
    expect(mergeCompounds(tokens, ["共済金"]).map((x) => x.surface)).toEqual([
      "満期",
      "共済金",
      "の",
      "請求",
    ]);
    expect(mergeCompounds(tokens, ["共済金"])[1]).toMatchObject({ pos: "名詞", base: "共済金" });
  });

  it("leaves tokens alone when a word does not align with token boundaries", () => {
    const tokens = [t("共済"), t("金額")];
    expect(mergeCompounds(tokens, ["共済金"]).map((x) => x.surface)).toEqual(["共済", "金額"]);
    expect(mergeCompounds(tokens, [])).toEqual(tokens);
  });
});

describe("contentWords", () => {
  it("keeps base forms of nouns, verbs and adjectives without stop words", () => {
    const tokens = [
      t("電話"),
      t("が", "助詞", "格助詞"),
      t("つながら", "動詞", "自立", "つながる"),
      t("ない", "助動詞", "*"),
      t("こと", "名詞", "非自立"),
      t("し", "動詞", "自立", "する"),
      t("3"),
      t("様", "名詞", "接尾"),
      t("遅く", "形容詞", "自立", "遅い"),
      t("、", "記号", "読点"),
    ];
    expect(contentWords(tokens)).toEqual(["電話", "つながる", "遅い"]);
  });
});

describe("kuromoji tokenizer", () => {
  afterAll(async () => {
    setUserDictionary([]);
    await closeTokenizeWorker();
  });

  it("loads once and keeps insurance words whole", async () => {
    const p1 = getTokenizer();
    const p2 = getTokenizer();
    expect(p1).toBe(p2);
    const tk = await p1;
    const tokens = tk.tokenize("マイカー共済の共済金を口座振替で受け取りました。");
    const surfaces = tokens.map((x) => x.surface);
    expect(surfaces).toContain("マイカー共済");
    expect(surfaces).toContain("共済金");
    expect(surfaces).toContain("口座振替");
    expect(contentWords(tokens)).toEqual(["マイカー共済", "共済金", "口座振替", "受け取る"]);
  });

  it("normalizes input (half-width kana, full-width digits) before analysis", async () => {
    const tk = await getTokenizer();
    expect(tk.tokenize("ﾏｲﾍﾟｰｼﾞに登録できない").map((x) => x.surface)).toContain("マイページ");
  });

  it("accepts extra dictionary words at runtime", async () => {
    const tk = await getTokenizer();
    expect(tk.tokenize("ねんきん共済について").map((x) => x.surface)).not.toContain("ねんきん共済");
    setUserDictionary(["ねんきん共済"]);
    expect(getUserDictionary()).toContain("共済金");
    expect(tk.tokenize("ねんきん共済について").map((x) => x.surface)).toContain("ねんきん共済");
    setUserDictionary([]);
  });

  it("tokenizes batches in a worker thread", { timeout: 30_000 }, async () => {
    setUserDictionary(["ねんきん共済"]);
    const [a, b, c] = await tokenizeBatchInWorker([
      "電話がなかなかつながらない。",
      "ねんきん共済の掛金を確認したい",
      "",
    ]);
    expect(a).toEqual(["電話", "つながる"]);
    expect(b).toContain("ねんきん共済");
    expect(b).toContain("掛金");
    expect(c).toEqual([]);
    expect(await tokenizeBatchInWorker([])).toEqual([]);
    const again = await tokenizeBatchInWorker(["共済金の請求が早かった"]);
    expect(again[0]).toEqual(["共済金", "請求", "早い"]);
  });
});
