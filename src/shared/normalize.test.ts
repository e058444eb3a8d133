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

  it("keeps blanks inside a line and turns a long dash run after katakana into as many ー", () => {
    expect(normalizeText(`窓口で${" ".repeat(500)}待たされた  `)).toBe(`窓口で${" ".repeat(500)}待たされた`);
    expect(normalizeText(`コ${"−".repeat(300)}ル`)).toBe(`コ${"ー".repeat(300)}ル`);
    expect(normalizeText(`電話${"—".repeat(300)}つながらない`)).toBe(`電話${"-".repeat(300)}つながらない`);
    // U+2028 ends a line too: the blanks before it go, as they always did
    expect(normalizeText("一行目 \u2028 \u2028二行目")).toBe("一行目\u2028二行目");
  });

  it("takes time linear in the length on long runs of spaces, tabs or dashes", () => {
    const bestOf5 = (s: string) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        normalizeText(s);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const N = 20_000;
    const ordinary = bestOf5("電話がなかなかつながらない。".repeat(N / 14));
    // Runs of blanks or dashes took 130–770 ms at 20,000 characters (quadratic regexes; ー itself was fast); now
    // under 1 ms like ordinary text. The floor keeps a sub-millisecond baseline from making the test flaky.
    for (const [name, s] of [
      ["spaces", `窓口で${" ".repeat(N)}待たされた`],
      ["tabs", `窓口で${"\t".repeat(N)}待たされた`],
      ["ideographic spaces", `窓口で${"\u3000".repeat(N)}待たされた`],
      ["ー after katakana", `コ${"ー".repeat(N)}ル`],
      ["− after katakana", `コ${"−".repeat(N)}ル`],
      ["— after kanji", `電話${"—".repeat(N)}不通`],
    ] as const) {
      expect(bestOf5(s), name).toBeLessThan(Math.max(10 * ordinary, 20));
    }
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
