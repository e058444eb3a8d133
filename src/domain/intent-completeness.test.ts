import { describe, expect, it } from "vitest";
import { type IntentRecordFields, missingIntentItems } from "./intent-completeness.js";

const complete: IntentRecordFields = {
  staffName: "山本 彩",
  initialIntent: "入院時の保障を厚くしたい",
  finalIntent: "入院時の保障を厚くしたい",
  product: "CO・OP共済《たすけあい》医療コース",
  reason: "日額の保障と掛金のバランスが希望に合うため",
  intentChangedReason: null,
  customerConfirmedOn: "2023-05-12",
};

describe("intent-record completeness", () => {
  it("a complete record misses nothing", () => {
    expect(missingIntentItems(complete)).toEqual([]);
  });
  it("lists blank items in the form's order", () => {
    expect(
      missingIntentItems({ ...complete, staffName: " ", reason: null, customerConfirmedOn: null }),
    ).toEqual(["担当者", "商品を選んだ理由", "お客さまの確認日"]);
  });
  it("a changed intent needs the reason it changed", () => {
    const changed = { ...complete, finalIntent: "死亡保障も加えたい" };
    expect(missingIntentItems(changed)).toEqual(["意向が変わった理由"]);
    expect(
      missingIntentItems({ ...changed, intentChangedReason: "家族構成の話から死亡保障の必要に気づかれた" }),
    ).toEqual([]);
  });
});
