import { describe, expect, it } from "vitest";
import { personalDataIn } from "./personal-data-check.js";

const customer = {
  name: "福井 花子",
  kana: "フクイ ハナコ",
  memberNumber: "M-20231234",
  phone: "0776-12-3456",
  email: "hanako@example.jp",
  address: "福井県坂井市丸岡町1-2-3",
};

describe("personal data left in a featured voice's edited text", () => {
  it("names each kind found: the customer's name, phone, e-mail, member number and address", () => {
    expect(personalDataIn("花子さんから電話（0776 12 3456）がありました", customer).sort()).toEqual(
      ["氏名", "電話番号"].sort(),
    );
    expect(personalDataIn("hanako@example.jp 宛にお送りしました", customer)).toEqual(["メールアドレス"]);
    expect(personalDataIn("会員番号M-20231234の方", customer)).toEqual(["会員番号"]);
    expect(personalDataIn("福井県坂井市丸岡町1-2-3にお届けしました", customer)).toEqual(["住所"]);
  });

  it("finds any phone number or e-mail address even without a customer record", () => {
    expect(personalDataIn("折り返しは090−9999−8888まで", null)).toEqual(["電話番号"]);
    expect(personalDataIn("someone@example.com", null)).toEqual(["メールアドレス"]);
  });

  it("passes clean text, and a 〇〇 typed by staff is not a finding", () => {
    expect(personalDataIn("丁寧に説明していただき、助かりました。", customer)).toEqual([]);
    expect(personalDataIn("〇〇様のご対応に感謝します。", customer)).toEqual([]);
    expect(personalDataIn("東京都の窓口で手続きしました", customer)).toEqual([]);
    // a family name is looked for wherever it appears, place names included: the check errs on the safe side
    expect(personalDataIn("福井県の窓口で手続きしました", customer)).toEqual(["氏名"]);
  });
});
