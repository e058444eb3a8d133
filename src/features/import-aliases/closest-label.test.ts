import { describe, expect, it } from "vitest";
import { DEFAULT_DEPARTMENTS, DEFAULT_TAXONOMY } from "../../domain/taxonomy-defaults.js";
import { aliasKey } from "./alias-key.js";
import {
  bigramDice,
  closestLabel,
  editDistance,
  type SuggestionCandidate,
  wordSimilarity,
} from "./closest-label.js";

const candidates = (list: { code: string; name: string }[]): SuggestionCandidate[] =>
  list.map((l) => ({ name: l.name, words: [l.name, l.code] }));
const channels = candidates(DEFAULT_TAXONOMY.channel);
const types = candidates(DEFAULT_TAXONOMY.type);
const departments = candidates(DEFAULT_DEPARTMENTS);

describe("aliasKey", () => {
  it("folds width, case, spaces and bracket forms the way the import compares", () => {
    expect(aliasKey("ＨＰ")).toBe("hp");
    expect(aliasKey(" H P ")).toBe("hp");
    expect(aliasKey("窓口（支所）")).toBe(aliasKey("窓口(支所)"));
    expect(aliasKey("ﾏﾄﾞｸﾞﾁ")).toBe("マドグチ");
  });
});

describe("closestLabel", () => {
  it("suggests the counter channel for a call-centre export's 窓口, and the web channel for ホームページ", () => {
    expect(closestLabel("窓口", channels)).toBe("窓口（支所・共済ショップ）");
    expect(closestLabel("ホームページ", channels)).toBe("ホームページ・マイページ");
    expect(closestLabel("マイページ", channels)).toBe("ホームページ・マイページ");
  });

  it("catches a changed or dropped character and a code written differently", () => {
    expect(closestLabel("コールセンタ", channels)).toBe("コールセンター");
    expect(closestLabel("お客さま相談室", departments)).toBe("お客様相談室");
    expect(closestLabel("CALL-CENTER", departments)).toBe("コールセンター");
    expect(closestLabel("苦情・不満", types)).toBe("苦情");
  });

  it("suggests nothing for an unrelated word, and nothing when two labels are equally close", () => {
    expect(closestLabel("ファクス", channels)).toBeNull();
    expect(closestLabel("自動車保険の見積もり", types)).toBeNull();
    // 支所 is inside 東京支所, 大阪支所, 福井支所 and 札幌支所 alike
    expect(closestLabel("支所", departments)).toBeNull();
    expect(closestLabel("東京", departments)).toBe("東京支所");
  });

  it("looks at aliases too", () => {
    const withAlias = channels.map((c) =>
      c.name === "コールセンター" ? { ...c, words: [...c.words, "CC"] } : c,
    );
    expect(closestLabel("ｃｃ受付", withAlias)).toBe("コールセンター");
  });
});

describe("similarity measures", () => {
  it("bigram overlap and edit distance", () => {
    expect(bigramDice("相談室", "相談室")).toBe(1);
    expect(bigramDice("窓口", "電話")).toBe(0);
    expect(editDistance("コールセンタ", "コールセンター")).toBe(1);
    expect(editDistance("𠮷野家", "吉野家")).toBe(1);
    expect(wordSimilarity("窓口", "窓口（支所・共済ショップ）")).toBeGreaterThan(0.6);
    expect(wordSimilarity("口", "窓口（支所・共済ショップ）")).toBeLessThan(0.45);
  });
});
