import { describe, expect, it } from "vitest";
import { createVoiceInput } from "./contract.js";

describe("the voice contract", () => {
  it("cleans every text field with inputText: the content and the customer", () => {
    const v = createVoiceInput.parse({
      content: "電話が\u0000つながりません\uD83D",
      customer: { name: "佐藤\u0000 一郎", email: "ichiro\u0000@example.jp" },
    });
    expect(v.content).toBe("電話がつながりません\uFFFD");
    expect(v.customer?.name).toBe("佐藤 一郎");
    expect(v.customer?.email).toBe("ichiro@example.jp");
  });
});
