import { describe, expect, it } from "vitest";
import { bigramVector, cosine, isNearDuplicate, searchBigrams, similarityScore } from "./similarity.js";

describe("searchBigrams", () => {
  it("emits bigrams per run of letters/digits and never across punctuation or space", () => {
    expect(searchBigrams("電話がつながらない")).toEqual([
      "電話",
      "話が",
      "がつ",
      "つな",
      "なが",
      "がら",
      "らな",
      "ない",
    ]);
    expect(searchBigrams("ありません。んで")).not.toContain("ん。");
    expect(searchBigrams("せん。んで")).toEqual(["せん", "んで"]);
    expect(searchBigrams("せん。んで").join(",")).not.toContain("ん。");
  });

  it("yields a one-character run alone and normalizes width/case", () => {
    expect(searchBigrams("A 書類")).toEqual(["a", "書類"]);
    expect(searchBigrams("ＷＥＢ申込")).toEqual(["we", "eb", "b申", "申込"]);
    expect(searchBigrams("、。")).toEqual([]);
  });

  it("splits characters outside the BMP by code point, not by UTF-16 unit", () => {
    expect(searchBigrams("𠮷野家")).toEqual(["𠮷野", "野家"]);
    expect(searchBigrams("𠮷 𩸽")).toEqual(["𠮷", "𩸽"]);
    expect(bigramVector("𩸽𩸽𩸽")).toEqual(new Map([["𩸽𩸽", 2]]));
  });
});

describe("similarity", () => {
  const voice = "電話がなかなかつながらず、30分も待たされました。";
  const paraphrase = "電話がつながらなくて長い時間待たされた。";
  const unrelated = "マイカー共済の事故対応がとても丁寧で助かりました。";

  it("scores a paraphrase higher than an unrelated voice", () => {
    expect(similarityScore(voice, paraphrase)).toBeGreaterThan(similarityScore(voice, unrelated));
    expect(similarityScore(voice, voice)).toBeCloseTo(1, 10);
    expect(similarityScore(voice, "")).toBe(0);
  });

  it("keeps scores in [0, 1]", () => {
    for (const [a, b] of [
      [voice, paraphrase],
      [voice, unrelated],
      ["ああああ", "ああ"],
    ] as const) {
      const s = similarityScore(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it("flags near-duplicates", () => {
    expect(isNearDuplicate(voice, "電話がなかなか つながらず 30分も待たされました")).toBe(true);
    expect(isNearDuplicate(voice, "電話がなかなかつながらず、３０分も待たされました！")).toBe(true);
    expect(isNearDuplicate(voice, paraphrase)).toBe(false);
    expect(isNearDuplicate(voice, unrelated)).toBe(false);
  });

  it("computes cosine on sparse vectors", () => {
    expect(cosine(bigramVector("共済金"), bigramVector("共済金"))).toBeCloseTo(1);
    expect(cosine(new Map(), bigramVector("共済金"))).toBe(0);
    expect(bigramVector("掛金掛金").get("掛金")).toBe(2);
  });
});
