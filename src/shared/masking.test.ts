import { describe, expect, it } from "vitest";
import { maskAddress, maskEmail, maskKana, maskMemberNumber, maskName, maskPhone } from "./masking.js";

describe("maskName / maskKana", () => {
  it("keeps the first character and spaces", () => {
    expect(maskName("山田")).toBe("山＊");
    expect(maskName("山田 太郎")).toBe("山＊ ＊＊");
    expect(maskName("山田　太郎")).toBe("山＊　＊＊");
    expect(maskName("𠮷田")).toBe("𠮷＊");
    expect(maskName("")).toBe("");
    expect(maskKana("ヤマダ タロウ")).toBe("ヤ＊＊ ＊＊＊");
  });
  it("null in, null out", () => {
    expect(maskName(null)).toBeNull();
    expect(maskKana(null)).toBeNull();
    expect(maskName(undefined)).toBeNull();
  });
});

describe("maskPhone", () => {
  it("keeps the first 3 and last 4 digits and the separators", () => {
    expect(maskPhone("090-1234-5678")).toBe("090-****-5678");
    expect(maskPhone("09012345678")).toBe("090****5678");
    expect(maskPhone("03-1234-5678")).toBe("03-1***-5678");
    expect(maskPhone("(0776) 12-3456")).toBe("(077*) **-3456");
    expect(maskPhone("０９０－１２３４－５６７８")).toBe("０９０－****－５６７８");
  });
  it("short numbers show at most half their digits", () => {
    expect(maskPhone("1234")).toBe("**34");
    expect(maskPhone("12345678")).toBe("****5678");
  });
  it("null", () => {
    expect(maskPhone(null)).toBeNull();
  });
});

describe("maskEmail", () => {
  it("keeps the first character of the local part and the domain", () => {
    expect(maskEmail("taro@example.jp")).toBe("t***@example.jp");
    expect(maskEmail("a@example.jp")).toBe("a***@example.jp");
    expect(maskEmail("no-at-sign")).toBe("n***");
    expect(maskEmail(null)).toBeNull();
  });
});

describe("maskMemberNumber", () => {
  it("keeps the last 4", () => {
    expect(maskMemberNumber("12345678")).toBe("****5678");
    expect(maskMemberNumber("AB-1234-5678")).toBe("**-****-5678");
    expect(maskMemberNumber("1234")).toBe("****");
    expect(maskMemberNumber(null)).toBeNull();
  });
});

describe("maskAddress", () => {
  it.each([
    ["福井県福井市大手3-17-1", "福井県福井市＊＊＊"],
    ["東京都千代田区丸の内1-1-1", "東京都千代田区＊＊＊"],
    ["神奈川県横浜市中区日本大通1", "神奈川県横浜市＊＊＊"],
    ["北海道虻田郡倶知安町北1条東3丁目", "北海道虻田郡倶知安町＊＊＊"],
    ["三重県四日市市諏訪町1-5", "三重県四日市市＊＊＊"],
    ["東京都町田市森野2-2-22", "東京都町田市＊＊＊"],
    ["福島県郡山市朝日1-23-7", "福島県郡山市＊＊＊"],
    ["大阪府大阪市北区中之島1-3-20", "大阪府大阪市＊＊＊"],
    ["鹿児島県鹿児島市山下町11-1", "鹿児島県鹿児島市＊＊＊"],
    ["福井市大手3-17-1", "福井市＊＊＊"],
    ["1-2-3", "＊＊＊"],
    ["福井県", "福井県"],
  ])("%s → %s", (input, want) => {
    expect(maskAddress(input)).toBe(want);
  });
  it("null", () => {
    expect(maskAddress(null)).toBeNull();
  });
});
