import { describe, expect, it } from "vitest";
import { parseLabelledJsonl, scoreHead } from "./model-eval.js";

describe("scoreHead", () => {
  it("computes per-class precision/recall/F1, macro-F1, accuracy and confusion", () => {
    const r = scoreHead(
      [
        { gold: "praise", predicted: "praise" },
        { gold: "praise", predicted: "complaint" },
        { gold: "complaint", predicted: "complaint" },
        { gold: "request", predicted: "request" },
      ],
      ["praise", "request", "complaint", "other"],
    );
    expect(r.accuracy).toBe(0.75);
    expect(r.perClass.praise).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(r.perClass.complaint).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(r.confusion.labels).toEqual(["praise", "request", "complaint"]);
    expect(r.confusion.matrix).toEqual([
      [1, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });
});

describe("parseLabelledJsonl", () => {
  it("accepts codes and Japanese labels, blank lines and null categories", () => {
    const rows = parseLabelledJsonl(
      [
        '{"text":"ありがとう","type":"感謝・評価","category":"応対"}',
        "",
        '{"text":"掛金を安く","type":"request","category":"商品"}',
        '{"text":"住所変更です","type":"その他","category":null}',
        '{"text":"遅い","type":"苦情","category":"共済金のお支払いに関するもの"}',
      ].join("\n"),
    );
    expect(rows).toEqual([
      { text: "ありがとう", type: "praise", category: "handling" },
      { text: "掛金を安く", type: "request", category: "product" },
      { text: "住所変更です", type: "other", category: null },
      { text: "遅い", type: "complaint", category: "claim" },
    ]);
  });

  it("names the line number of an unreadable line", () => {
    expect(() => parseLabelledJsonl('{"text":"a","type":"praise","category":null}\n\n{oops')).toThrow(
      "3行目: JSONとして読めません",
    );
    expect(() => parseLabelledJsonl('{"type":"praise"}')).toThrow(/^1行目: text/);
    expect(() => parseLabelledJsonl('{"text":"a","type":"絶賛"}')).toThrow("1行目: 種別「絶賛」は不明です");
    expect(() => parseLabelledJsonl('{"text":"a","type":"praise","category":"謎"}')).toThrow(
      /1行目: 分類「謎」/,
    );
  });
});
