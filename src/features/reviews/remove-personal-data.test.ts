import { describe, expect, it } from "vitest";
import { attributionOf, removePersonalData } from "./remove-personal-data.js";

const customer = {
  name: "山田 太郎",
  kana: "ヤマダ タロウ",
  memberNumber: "A-1234567",
  phone: "090-1234-5678",
  email: "taro.yamada@example.jp",
  address: "福井県福井市大手3-10-1",
};

describe("removePersonalData", () => {
  it("removes the customer's name (whole and parts), kana, number, phone, e-mail and address", () => {
    const text =
      "山田太郎様（ヤマダ タロウ、会員番号A-1234567）より、福井県福井市大手3-10-1への住所変更。" +
      "連絡先は09012345678、メールは taro.yamada@example.jp。山田様には翌日お電話しました。";
    const r = removePersonalData(text, customer);
    expect(r.text).toBe(
      "〇〇様（〇〇、会員番号（会員番号））より、（住所）への住所変更。" +
        "連絡先は（電話番号）、メールは （メールアドレス）。〇〇様には翌日お電話しました。",
    );
    expect(r.removed).toBe(7);
    for (const secret of ["山田", "太郎", "ヤマダ", "1234567", "5678", "taro", "大手"])
      expect(r.text).not.toContain(secret);
  });

  it("removes phone numbers and e-mail addresses of anyone, written any way", () => {
    const r = removePersonalData(
      "娘さん（０７７６－２２－１２３４、hanako@example.com）に連絡しました。",
      null,
    );
    expect(r.text).toBe("娘さん（（電話番号）、（メールアドレス））に連絡しました。");
    expect(r.removed).toBe(2);
  });

  it("leaves a text without personal data as it was (dates and amounts are not phone numbers)", () => {
    const text = "2025年4月1日に保険料12,000円の口座振替が2回行われた。";
    expect(removePersonalData(text, { ...customer, phone: null })).toEqual({ text, removed: 0 });
  });
});

describe("attributionOf", () => {
  it("names at most prefecture, age band and gender", () => {
    expect(attributionOf({ prefecture: "福井県", ageBand: "50代", gender: "女性" })).toBe(
      "福井県・50代・女性",
    );
    expect(attributionOf({ prefecture: null, ageBand: " ", gender: "男性" })).toBe("男性");
  });
});

describe("phone numbers written with other dashes", () => {
  it("removes a number typed with the minus sign or an en dash an input method gives", () => {
    expect(removePersonalData("連絡先は０９０−１１１１−２２２２です", null).text).toBe(
      "連絡先は（電話番号）です",
    );
    expect(removePersonalData("03–1234–5678まで", null).text).toBe("（電話番号）まで");
  });
});
