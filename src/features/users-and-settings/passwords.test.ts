import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordProblem } from "./passwords.js";

const COMMON = "よく使われているパスワードのため使えません。推測されにくい言葉を組み合わせてください";

describe("passwordProblem", () => {
  it("accepts an ordinary long password, also one containing the e-mail address", () => {
    expect(passwordProblem("koe-demo-2025")).toBe(null);
    expect(passwordProblem("sato@example.jp-2025", "sato@example.jp")).toBe(null);
    expect(passwordProblem("桜咲く季節にまた会いましょう")).toBe(null);
  });

  it.each([
    ["short-pw-11", "パスワードは12文字以上にしてください"],
    // counted in characters as people see them, not UTF-16 units
    ["😀🌸😀🌸😀🌸😀🌸😀🌸😀", "パスワードは12文字以上にしてください"],
    ["x".repeat(201), "パスワードは200文字以内にしてください"],
    [" ".repeat(12), "空白だけのパスワードは使えません"],
    ["\t \u3000\t \u3000\t \u3000\t \u3000", "空白だけのパスワードは使えません"],
    ["aaaaaaaaaaaa", "同じ文字を繰り返しただけのパスワードは使えません"],
    ["ああああああああああああ", "同じ文字を繰り返しただけのパスワードは使えません"],
    ["😀".repeat(12), "同じ文字を繰り返しただけのパスワードは使えません"],
  ])("%j: %s", (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  it("refuses the user's own e-mail address, whatever its case and surrounding spaces", () => {
    const message = "メールアドレスと同じパスワードは使えません";
    expect(passwordProblem("tanaka@example.jp", "tanaka@example.jp")).toBe(message);
    expect(passwordProblem(" Tanaka@Example.JP ", "tanaka@example.jp")).toBe(message);
    expect(passwordProblem("tanaka@example.jp")).toBe(null);
  });

  it("refuses the packaged common passwords of 12 characters or more, after NFKC and lower case", () => {
    const long = dictionary["passwords-common"].filter((p) => Array.from(p).length >= 12);
    expect(long.length).toBeGreaterThan(100);
    for (const p of long) expect(passwordProblem(p), p).toBe(COMMON);
    expect(passwordProblem("1qaz2wsx3edc")).toBe(COMMON);
    expect(passwordProblem("QWERTY123456")).toBe(COMMON);
    // full-width letters and digits typed with the IME on are the same password
    expect(passwordProblem("ｑｗｅｒｔｙ１２３４５６")).toBe(COMMON);
  });

  it("refuses a common password with only digits or symbols added around it", () => {
    expect(isCommonPassword("iloveyou2025!")).toBe(true);
    expect(passwordProblem("iloveyou2025!")).toBe(COMMON);
    expect(passwordProblem("!!password!!2025")).toBe(COMMON);
    expect(passwordProblem("Sunshine-1234")).toBe(COMMON);
    // a common word inside a longer phrase is not the common password itself
    expect(passwordProblem("sunshine-over-kamakura")).toBe(null);
  });
});
