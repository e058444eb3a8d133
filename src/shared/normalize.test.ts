import { describe, expect, it } from "vitest";
import { normalizeForSearch, normalizeText, sanitizeText } from "./normalize.js";

describe("normalizeText", () => {
  it.each([
    ["ｺｰﾙｾﾝﾀｰ", "コールセンター"],
    ["ＡＢＣ１２３", "ABC123"],
    ["ﾏｲｶｰ共済", "マイカー共済"],
    ["ｶﾞｲﾀﾞﾝｽ", "ガイダンス"],
    ["サ−ビス", "サービス"], // U+2212 minus sign after katakana
    ["サ‐ビス", "サービス"], // U+2010 hyphen
    ["メ—ル", "メール"], // U+2014 em dash
    ["ガ——ン", "ガーーン"], // every dash in a run after katakana
    ["090−1234−5678", "090-1234-5678"],
    ["090‐1234–5678", "090-1234-5678"],
    ["０９０－１２３４－５６７８", "090-1234-5678"],
    ["10時〜12時", "10時〜12時"],
    ["10時～12時", "10時〜12時"], // U+FF5E
    ["10時∼12時", "10時〜12時"], // U+223C
    ["10時~12時", "10時〜12時"],
    ["https://example.jp/~taro", "https://example.jp/~taro"],
    ["電話が　つながらない", "電話が つながらない"],
    ["ＡＴＭ\u200Bで", "ATMで"],
    ["\uFEFF本文", "本文"],
    ["  前後の空白  ", "前後の空白"],
  ])("%s → %s", (input, want) => {
    expect(normalizeText(input)).toBe(want);
  });

  it("unifies line ends, drops trailing spaces per line, keeps inner blank lines", () => {
    expect(normalizeText("一行目  \r\n二行目\u3000\r\r\n三行目\t\n")).toBe("一行目\n二行目\n\n三行目");
  });

  it("keeps an ordinary ASCII hyphen", () => {
    expect(normalizeText("A-1")).toBe("A-1");
  });

  it("is idempotent", () => {
    for (const s of ["ｺｰﾙｾﾝﾀｰ", "サ−ビス", "10時～12時", "a\r\nb  "]) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
});

describe("normalizeForSearch", () => {
  it("folds case and whitespace", () => {
    expect(normalizeForSearch("ＡＢＣ　Ｄｅｆ")).toBe("abc def");
    expect(normalizeForSearch("電話が　つながらない")).toBe("電話が つながらない");
    expect(normalizeForSearch("電話が\n\n  つながらない ")).toBe("電話が つながらない");
  });
  it("makes look-alike spellings equal", () => {
    expect(normalizeForSearch("10時〜12時")).toBe(normalizeForSearch("10時～12時"));
    expect(normalizeForSearch("ｺｰﾙｾﾝﾀｰ")).toBe(normalizeForSearch("コールセンター"));
    expect(normalizeForSearch("サ−ビス")).toBe(normalizeForSearch("サービス"));
    expect(normalizeForSearch("ＭｙＰａｇｅ")).toBe("mypage");
  });
});

describe("sanitizeText", () => {
  it.each([
    ["ご意見\u0000です", "ご意見です"], // NUL: PostgreSQL refuses it in text
    ["窓口\u0007の\u001B案内", "窓口の案内"], // other C0 controls
    ["削除\u007F済み", "削除済み"], // DEL
    ["改行\u0085なし", "改行なし"], // C1 (NEL)
    ["絵文字\uD83D", "絵文字\uFFFD"], // a high surrogate alone
    ["\uDE00から", "\uFFFDから"], // a low surrogate alone
    ["\uDE00\uD83D", "\uFFFD\uFFFD"], // both halves, in the wrong order
  ])("%j → %j", (input, want) => {
    expect(sanitizeText(input)).toBe(want);
  });

  it("keeps tabs, line ends, surrogate pairs and ordinary text as they are", () => {
    for (const s of ["一行目\r\n二行目\t終わり", "𠮷野家で😀", "ｺｰﾙｾﾝﾀｰ　全角", ""]) {
      expect(sanitizeText(s)).toBe(s);
    }
  });

  it("is the first step of normalizeText", () => {
    expect(normalizeText("\u0000 ｺｰﾙｾﾝﾀｰ\u0001に\uD800電話 ")).toBe("コールセンターに\uFFFD電話");
  });
});
