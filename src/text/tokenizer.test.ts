import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IpadicFeatures, Tokenizer as KuromojiTokenizer } from "kuromoji";
import { afterAll, describe, expect, it } from "vitest";
import { normalizeText } from "../shared/normalize.js";
import {
  analysisPieces,
  contentWords,
  getTokenizer,
  getUserDictionary,
  MAX_ANALYZED_CHARS,
  MAX_PIECE_UNITS,
  mergeCompounds,
  prepareForAnalysis,
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

describe("odd characters", () => {
  afterAll(async () => {
    await closeTokenizeWorker();
  });

  // kuromoji itself throws on U+0000 and on a lone high surrogate ("Cannot read properties of undefined"). Lone
  // surrogates are built at run time: the test transform would turn "\\uD83D" in a literal into U+FFFD.
  const lone = (code: number) => String.fromCharCode(code);
  const odd = [
    "共済金の請求書が\u0000届きません",
    `マイカー共済の${lone(0xd83d)}掛金を確認したい`,
    `口座振替の${lone(0xde00)}案内が来ない`,
    "住所変更\u0007の手続き\u0085をしたい",
  ];
  const expected = [
    ["共済金", "請求", "届く"],
    ["マイカー共済", "掛金", "確認"],
    ["口座振替", "案内"],
    ["住所変更", "手続き"],
  ];

  it("are analysed as spaces instead of stopping the analyzer", async () => {
    const tk = await getTokenizer();
    expect(odd.map((text) => contentWords(tk.tokenize(text)))).toEqual(expected);
    expect(tk.tokenize("\u0000")).toEqual([]);
    expect(tk.tokenize(`${lone(0xd800)}${lone(0xd800)} ${lone(0xdc00)}${lone(0xdc00)}`)).toEqual([]);
    expect(prepareForAnalysis(`\u0000共済金${lone(0xd800)}`)).toBe("共済金");
    expect(odd[1]).toMatch(/\p{Cs}/u);
  });

  it("do not fail a batch in the worker", { timeout: 30_000 }, async () => {
    expect(await tokenizeBatchInWorker([...odd, "電話がなかなかつながらない。"])).toEqual([
      ...expected,
      ["電話", "つながる"],
    ]);
  });
});

describe("bounded work per text", () => {
  const emoji = (n: number) => "😀🙏🎉".repeat(Math.ceil(n / 3)).slice(0, 2 * n);
  const combining = (n: number) => `a${"\u0301".repeat(n - 1)}`;
  // A member's post without 。: one kuromoji sentence however long it is.
  const line = "電話したら保留で15分待たされてやっとつながったと思ったら別の窓口ですと言われた\n";
  const post = (n: number) => line.repeat(Math.ceil(n / line.length)).slice(0, n);

  it("cuts only sentences longer than the bound, at a break when there is one", () => {
    const normal = "マイカー共済の共済金を口座振替で受け取りました。とても助かりました、ありがとう。";
    expect(analysisPieces(normal)).toEqual([
      "マイカー共済の共済金を口座振替で受け取りました。",
      "とても助かりました、",
      "ありがとう。",
    ]);
    expect(analysisPieces("")).toEqual([]);
    const long = normalizeText(post(2_000));
    const pieces = analysisPieces(long);
    expect(pieces.join("")).toBe(long);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(MAX_PIECE_UNITS);
      expect(p.endsWith("\n") || p === pieces.at(-1)).toBe(true);
    }
    // No break at all: cut at the bound, never inside a surrogate pair.
    const faces = emoji(1_000);
    const cut = analysisPieces(faces);
    expect(cut.join("")).toBe(faces);
    for (const p of cut) {
      expect(p.length).toBeLessThanOrEqual(MAX_PIECE_UNITS);
      expect(p).not.toMatch(/\p{Cs}/u);
    }
  });

  it("analyses at most MAX_ANALYZED_CHARS characters of a text", () => {
    expect([...prepareForAnalysis(emoji(MAX_ANALYZED_CHARS + 500))]).toHaveLength(MAX_ANALYZED_CHARS);
    expect(prepareForAnalysis(`${"共済".repeat(MAX_ANALYZED_CHARS)}`)).toHaveLength(MAX_ANALYZED_CHARS);
  });

  it("finds the words of a long post without 。 as of its lines", async () => {
    const tk = await getTokenizer();
    const words = contentWords(tk.tokenize(post(4_000)));
    const perLine = contentWords(tk.tokenize(line));
    expect(perLine).toEqual(["電話", "保留", "待たす", "つながる", "別", "窓口"]);
    expect(new Set(words)).toEqual(new Set(perLine));
    expect(words.filter((w) => w === "窓口").length).toBeGreaterThan(40);
  });

  // 10,000 emoji took 18.5 s and ~2.7 GB, "a" + 9,999 combining accents 28 s and 3 GB: kuromoji's work grew with
  // the square of the run. One 10,000-character text must now cost about what ten 1,000-character texts cost,
  // and little memory. Both sides cover the same characters, interleaved, best of three: robust on a busy machine.
  it.each([
    ["emoji", emoji],
    ["combining accents", combining],
    ["a long post without 。", post],
  ])("grows linearly for %s (10 × 1,000 vs 10,000 characters)", { timeout: 60_000 }, async (_name, make) => {
    const tk = await getTokenizer();
    const small = Array.from({ length: 10 }, (_, i) => make(1_000 - i));
    const large = make(10_000);
    let smallMs = Number.POSITIVE_INFINITY;
    let largeMs = Number.POSITIVE_INFINITY;
    const rss0 = process.resourceUsage().maxRSS;
    for (let round = 0; round < 3; round++) {
      let t = performance.now();
      for (const text of small) tk.tokenize(text);
      smallMs = Math.min(smallMs, performance.now() - t);
      t = performance.now();
      tk.tokenize(large);
      largeMs = Math.min(largeMs, performance.now() - t);
    }
    const peakGrowthMb = (process.resourceUsage().maxRSS - rss0) / 1024;
    expect(largeMs).toBeLessThan(2_000);
    expect(largeMs, `10,000: ${largeMs.toFixed(0)} ms, 10 × 1,000: ${smallMs.toFixed(0)} ms`).toBeLessThan(
      1.5 * smallMs + 20,
    );
    expect(peakGrowthMb).toBeLessThan(200);
  });
});

describe("ordinary voices", () => {
  it("give exactly the tokens of the unbounded analyzer", { timeout: 60_000 }, async () => {
    const require = createRequire(import.meta.url);
    const kuromoji = (await import("kuromoji")).default;
    const dicPath = join(dirname(require.resolve("kuromoji/package.json")), "dict");
    const bare = await new Promise<KuromojiTokenizer<IpadicFeatures>>((resolve, reject) => {
      kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t)));
    });
    const tk = await getTokenizer();
    const corpus = join(dirname(fileURLToPath(import.meta.url)), "corpus");
    const texts = ["real-heldout.jsonl", "real-heldout-2.jsonl"].flatMap((f) =>
      readFileSync(join(corpus, f), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => (JSON.parse(line) as { text: string }).text),
    );
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      const normalized = normalizeText(text);
      const before = mergeCompounds(
        bare.tokenize(normalized).map((t) => ({
          surface: t.surface_form,
          base: t.basic_form && t.basic_form !== "*" ? t.basic_form : t.surface_form,
          pos: t.pos,
          posDetail: t.pos_detail_1,
        })),
        getUserDictionary(),
      );
      // The bounded analyzer also carries readings (for search keys); the words themselves must be the same.
      const words = (tokens: { surface: string; base: string; pos: string; posDetail?: string }[]) =>
        tokens.map(({ surface, base, pos, posDetail }) => ({ surface, base, pos, posDetail }));
      expect(words(tk.tokenize(text))).toEqual(words(before));
    }
  });
});
