import { describe, expect, it } from "vitest";
import { lookupKey, lookupProblem, maskedLookup } from "./personal-data-request.js";

describe("looking up a member for an APPI request", () => {
  it("compares phones by their digits however they were typed", () => {
    expect(lookupKey("phone", "090-1234-5678")).toBe("09012345678");
    expect(lookupKey("phone", "０９０（１２３４）５６７８")).toBe("09012345678");
  });
  it("compares e-mail in lower case and member numbers without spaces, full width folded", () => {
    expect(lookupKey("email", " Hanako.Yamada@Example.JP ")).toBe("hanako.yamada@example.jp");
    expect(lookupKey("member_number", "Ｍ１２ ３４５")).toBe("M12345");
  });
  it("says in Japanese what is wrong with a lookup", () => {
    expect(lookupProblem({ kind: "phone", value: "" })).toBe("電話番号を入力してください");
    expect(lookupProblem({ kind: "phone", value: "1234" })).toMatch(/10桁か11桁/);
    expect(lookupProblem({ kind: "email", value: "yamada" })).toMatch(/メールアドレス/);
    expect(lookupProblem({ kind: "member_number", value: "A-1001" })).toBeNull();
  });
  it("keeps the lookup in the request log only masked", () => {
    const masked = maskedLookup({ kind: "phone", value: "090-1234-5678" });
    expect(masked).not.toContain("1234");
    expect(maskedLookup({ kind: "email", value: "hanako@example.jp" })).not.toContain("hanako");
  });
});
