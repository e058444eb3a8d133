import { describe, expect, it } from "vitest";
import { conventionType } from "./convention.js";

describe("the default labelling convention (dissatisfaction expressed = 苦情)", () => {
  it("makes a request that reports a failure the member went through a complaint", () => {
    expect(conventionType("お客様センターの電話がなかなかつながらない。", "request")).toBe("complaint");
    expect(conventionType("共済証書の到着が遅い。", "request")).toBe("complaint");
    expect(conventionType("請求して一か月たつのに何の連絡もない。", "request")).toBe("complaint");
  });

  it("keeps a wish for a better design a request", () => {
    expect(conventionType("掛金をクレジットカードで払えるようにしてほしい。", "request")).toBe("request");
    expect(conventionType("夕方の遅い時間帯にも窓口を開けてもらえると助かります。", "request")).toBe(
      "request",
    );
  });

  it("never moves praise, questions or complaints", () => {
    expect(conventionType("面倒な書類もなく、すぐに振り込まれて助かりました。", "praise")).toBe("praise");
    expect(conventionType("電話がつながらないときはどうすればよいですか。", "other")).toBe("other");
    expect(conventionType("担当者の態度が横柄だった。", "complaint")).toBe("complaint");
  });
});
