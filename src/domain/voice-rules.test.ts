import { describe, expect, it } from "vitest";
import { CONTENT_MAX, characterCount, validateContent } from "./voice-rules.js";

describe("validateContent", () => {
  it("accepts ordinary content", () => {
    expect(validateContent("担当の方の説明がとても丁寧でした。")).toBeNull();
  });
  it("rejects empty and blank content", () => {
    expect(validateContent("")).toBe("内容を入力してください");
    expect(validateContent(" \n\u3000 ")).toBe("内容を入力してください");
  });
  it("counts code points after trimming", () => {
    expect(CONTENT_MAX).toBe(10000);
    expect(validateContent("あ".repeat(CONTENT_MAX))).toBeNull();
    expect(validateContent(`  ${"あ".repeat(CONTENT_MAX)}  \n`)).toBeNull();
    // 𠮷 is two UTF-16 units but one character
    expect(validateContent("𠮷".repeat(CONTENT_MAX))).toBeNull();
    expect(characterCount("𠮷野家")).toBe(3);
  });
  it("says how long it is when too long", () => {
    expect(validateContent("あ".repeat(CONTENT_MAX + 1))).toBe(
      "内容は10,000文字以内で入力してください（現在 10,001 文字）",
    );
  });
});
