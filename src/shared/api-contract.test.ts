import { describe, expect, it } from "vitest";
import { customerInput, idInput, inputText, MAX_ID, pathIdParams, queryIdInput } from "./api-contract.js";

describe("inputText", () => {
  it("removes control characters before the field's own checks", () => {
    const name = inputText().trim().min(1).max(4);
    expect(name.parse("\u0000 山田\u0007 ")).toBe("山田");
    // NUL does not count towards the length, and a field of only controls is empty
    expect(name.safeParse("山田花子\u0000").success).toBe(true);
    expect(name.safeParse("\u0000\u0001").success).toBe(false);
  });

  it("applies to the shared request schemas: the customer", () => {
    const c = customerInput.parse({ name: "佐藤\u0000 一郎", email: "ichiro\u0000@example.jp" });
    expect(c.name).toBe("佐藤 一郎");
    expect(c.email).toBe("ichiro@example.jp");
  });
});

describe("ids", () => {
  it("accepts 1 to 2³¹ − 1 and refuses the rest with a Japanese message", () => {
    const id = idInput();
    expect(id.parse(MAX_ID)).toBe(2147483647);
    for (const bad of [0, -1, 1.5, 2147483648, 1e20, "1"]) {
      const r = id.safeParse(bad);
      expect(r.success, String(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/1〜2147483647の整数/);
    }
    expect(queryIdInput().parse("42")).toBe(42);
    expect(queryIdInput().safeParse("2147483648").success).toBe(false);
  });

  it("reads a path id beyond 2³¹ − 1 as not found, anything else unreadable as a bad id", () => {
    const p = pathIdParams("声");
    expect(p.parse({ id: "2147483647" }).id).toBe(2147483647);
    for (const big of ["2147483648", "1e20", "99999999999999999999999"]) {
      const issues = p.safeParse({ id: big }).error?.issues ?? [];
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "too_big", message: "声が見つかりません" });
    }
    expect(p.safeParse({ id: "abc" }).error?.issues[0]?.code).toBe("invalid_type");
    expect(p.safeParse({ id: "0" }).error?.issues[0]?.code).toBe("too_small");
  });
});
