import { describe, expect, it } from "vitest";
import { isStopWord } from "./stop-words.js";

describe("isStopWord", () => {
  it("drops function words, single kana, numbers, symbols and markup letters", () => {
    for (const w of ["する", "こと", "の", "2025年", "30分", "。", "b", "br"])
      expect(isStopWord(w), w).toBe(true);
  });
  it("keeps the words members use about their business", () => {
    for (const w of ["電話", "共済金", "掛金", "つながる", "遅い", "マイページ", "Web", "ATM"]) {
      expect(isStopWord(w), w).toBe(false);
    }
  });
});
