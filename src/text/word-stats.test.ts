import { describe, expect, it } from "vitest";
import { compareWithPrevious, cooccurrence, documentFrequency, topWords } from "./word-stats.js";

const docs = [
  ["電話", "つながる", "電話", "待つ"],
  ["電話", "待つ", "説明"],
  ["共済金", "支払い", "早い"],
  ["共済金", "支払い", "電話"],
  ["説明", "丁寧"],
];

describe("topWords", () => {
  it("counts documents, not occurrences, and orders ties stably", () => {
    expect(topWords(docs, 3)).toEqual([
      { word: "電話", count: 3 },
      { word: "共済金", count: 2 },
      { word: "待つ", count: 2 },
    ]);
    expect(topWords(docs, 0)).toEqual([]);
    expect(documentFrequency(docs).get("丁寧")).toBe(1);
  });
});

describe("compareWithPrevious", () => {
  it("adds previous count, change and change rate", () => {
    const current = topWords(docs, 2);
    const previous = [
      { word: "電話", count: 1 },
      { word: "説明", count: 4 },
    ];
    expect(compareWithPrevious(current, previous)).toEqual([
      { word: "電話", count: 3, previousCount: 1, change: 2, changeRate: 2 },
      { word: "共済金", count: 2, previousCount: 0, change: 2, changeRate: null },
    ]);
    expect(compareWithPrevious([{ word: "説明", count: 2 }], new Map([["説明", 4]]))[0]).toMatchObject({
      change: -2,
      changeRate: -0.5,
    });
  });
});

describe("cooccurrence", () => {
  it("computes Jaccard over documents", () => {
    const edges = cooccurrence(docs, ["電話", "待つ", "共済金", "支払い", "説明"], 0.3);
    expect(edges[0]).toEqual({ source: "共済金", target: "支払い", jaccard: 1, count: 2 });
    // 電話 in 3 docs, 待つ in 2, both in 2 → 2 / 3
    const phoneWait = edges.find((e) => e.source === "電話" && e.target === "待つ");
    expect(phoneWait?.jaccard).toBeCloseTo(2 / 3);
    expect(phoneWait?.count).toBe(2);
    // 電話 & 共済金: both 1, union 4 → 0.25 < 0.3
    expect(
      edges.find((e) => e.target === "共済金" || (e.source === "共済金" && e.target === "電話")),
    ).toBeUndefined();
    expect(cooccurrence(docs, ["電話", "共済金"], 0.2)).toEqual([
      { source: "電話", target: "共済金", jaccard: 0.25, count: 1 },
    ]);
  });
});
