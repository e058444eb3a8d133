import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.js";

describe("passwordProblem", () => {
  it("accepts an ordinary long password, also one containing the e-mail address", () => {
    expect(passwordProblem("koe-demo-2025")).toBe(null);
    expect(passwordProblem("sato@example.jp-2025", "sato@example.jp")).toBe(null);
    expect(passwordProblem("桜咲く季節に会いましょう")).toBe(null);
  });

  it.each([
    ["short-pw", "パスワードは10文字以上にしてください"],
    ["x".repeat(201), "パスワードは200文字以内にしてください"],
    [" ".repeat(10), "空白だけのパスワードは使えません"],
    ["\t \u3000\t \u3000\t \u3000\t", "空白だけのパスワードは使えません"],
    ["aaaaaaaaaa", "同じ文字を繰り返しただけのパスワードは使えません"],
    ["ああああああああああ", "同じ文字を繰り返しただけのパスワードは使えません"],
    ["😀".repeat(10), "同じ文字を繰り返しただけのパスワードは使えません"],
  ])("%j: %s", (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  it("refuses the user's own e-mail address, whatever its case and surrounding spaces", () => {
    const message = "メールアドレスと同じパスワードは使えません";
    expect(passwordProblem("tanaka@example.jp", "tanaka@example.jp")).toBe(message);
    expect(passwordProblem(" Tanaka@Example.JP ", "tanaka@example.jp")).toBe(message);
    expect(passwordProblem("tanaka@example.jp")).toBe(null);
  });
});
