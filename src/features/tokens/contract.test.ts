import { describe, expect, it } from "vitest";
import { createApiTokenInput } from "./contract.js";

describe("the API token contract", () => {
  it("cleans the token's name with inputText", () => {
    expect(createApiTokenInput.parse({ name: "基幹\u0000システム", scopes: ["voices:read"] }).name).toBe(
      "基幹システム",
    );
  });
});
