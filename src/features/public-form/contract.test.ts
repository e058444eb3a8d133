import { describe, expect, it } from "vitest";
import { publicVoiceInput } from "./contract.js";

describe("the public form contract", () => {
  it("cleans the text with inputText", () => {
    expect(publicVoiceInput.parse({ content: "ご意見\u0000です" }).content).toBe("ご意見です");
  });
});
