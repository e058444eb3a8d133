import { describe, expect, it } from "vitest";
import { TAXONOMY_KINDS } from "../shared/api-contract.js";
import { DEFAULT_DEADLINE_RULES } from "./deadlines.js";
import { DEFAULT_DEPARTMENTS, DEFAULT_TAXONOMY } from "./taxonomy-defaults.js";

const codes = (kind: keyof typeof DEFAULT_TAXONOMY) => DEFAULT_TAXONOMY[kind].map((l) => l.code);

describe("DEFAULT_TAXONOMY", () => {
  it("has every kind", () => {
    expect(Object.keys(DEFAULT_TAXONOMY).sort()).toEqual([...TAXONOMY_KINDS].sort());
  });
  it("has the DOMAIN.md types, categories and channels", () => {
    expect(codes("type")).toEqual(["praise", "request", "complaint", "other"]);
    expect(codes("category")).toEqual(["handling", "servicing", "product", "application", "claim", "other"]);
    expect(codes("channel")).toEqual([
      "counter",
      "call_center",
      "web",
      "consultation_office",
      "survey",
      "visit",
    ]);
    expect(DEFAULT_TAXONOMY.type.find((l) => l.code === "complaint")?.name).toBe("苦情");
    expect(DEFAULT_TAXONOMY.category.find((l) => l.code === "servicing")).toMatchObject({
      name: "契約保全・掛金収納",
      description: expect.stringContaining("ご契約の保全、掛金収納に関するもの"),
    });
    expect(DEFAULT_TAXONOMY.channel.find((l) => l.code === "counter")?.name).toBe(
      "窓口（支所・共済ショップ）",
    );
  });
  it("has kyosai product lines", () => {
    expect(codes("product_line")).toEqual(
      expect.arrayContaining(["fire", "auto", "life", "medical", "accident", "home"]),
    );
  });
  it("every type has a deadline rule", () => {
    for (const c of codes("type")) expect(DEFAULT_DEADLINE_RULES[c]).toBeDefined();
  });
  it("codes are unique snake_case and sort orders ascend, in every list", () => {
    for (const list of [...Object.values(DEFAULT_TAXONOMY), DEFAULT_DEPARTMENTS]) {
      const cs = list.map((l) => l.code);
      expect(new Set(cs).size).toBe(cs.length);
      for (const l of list) {
        expect(l.code).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(l.name.length).toBeGreaterThan(0);
      }
      const orders = list.map((l) => l.sortOrder);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
      expect(new Set(orders).size).toBe(orders.length);
    }
  });
});

describe("DEFAULT_DEPARTMENTS", () => {
  it("includes the CS office, head-office departments and branches", () => {
    const byCode = Object.fromEntries(DEFAULT_DEPARTMENTS.map((d) => [d.code, d.name]));
    expect(byCode.cs).toBe("お客様相談室");
    expect(byCode.claims).toBe("共済金支払部");
    expect(byCode.tokyo_branch).toBe("東京支所");
    expect(DEFAULT_DEPARTMENTS.filter((d) => d.code.endsWith("_branch")).length).toBeGreaterThanOrEqual(3);
  });
});
