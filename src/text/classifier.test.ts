import { describe, expect, it } from "vitest";
import {
  extractFeatures,
  loadBuiltinModel,
  loadModel,
  predict,
  serializeModel,
  train,
} from "./classifier.js";

const examples = [
  { text: "丁寧に説明してくれてありがとうございました", type: "praise", category: "handling" },
  { text: "担当の方の対応がとても親切で助かりました", type: "praise", category: "handling" },
  { text: "共済金がすぐに振り込まれて助かりました", type: "praise", category: "claim" },
  { text: "掛金をクレジットカードで払えるようにしてほしい", type: "request", category: "servicing" },
  { text: "土日も電話がつながるようにしてほしい", type: "request", category: "handling" },
  { text: "電話が全然つながらず、30分も待たされた。ひどい", type: "complaint", category: "handling" },
  { text: "共済金の支払いが遅すぎる。何の連絡もない", type: "complaint", category: "claim" },
  { text: "住所が変わりました。手続きを教えてください", type: "other", category: null },
];

describe("classifier", () => {
  it("extracts character 1-3-grams of the normalized text", () => {
    const f = extractFeatures("ＡＢ");
    expect(f).toContain("a");
    expect(f).toContain("ab");
    expect(f).toContain("\u0002ab");
    expect(extractFeatures("共済", ["共済金"])).toContain("\u0001共済金");
  });

  it("learns both heads and returns softmax probabilities", () => {
    const model = train(examples);
    const p = predict(model, "説明が丁寧でありがとうございました");
    expect(p.type.code).toBe("praise");
    const sum = p.alternatives.type.reduce((a, b) => a + b.confidence, 0);
    expect(sum).toBeCloseTo(1, 6);
    expect(p.alternatives.type.map((a) => a.code).sort()).toEqual([
      "complaint",
      "other",
      "praise",
      "request",
    ]);
    // null categories train only the type head
    expect(model.category.labels).toEqual(["claim", "handling", "servicing"]);
    expect(predict(model, "共済金の支払いが遅い").category.code).toBe("claim");
  });

  it("round-trips through JSON", () => {
    const model = train(examples);
    const again = loadModel(serializeModel(model));
    const a = predict(model, "電話がつながらない");
    const b = predict(again, "電話がつながらない");
    expect(b.type.code).toBe(a.type.code);
    expect(b.type.confidence).toBeCloseTo(a.type.confidence, 2);
    expect(() => loadModel("{}")).toThrow(/形式/);
  });

  it("averages the weights of several shuffles when asked", () => {
    const runs = [1, 2, 3].map((seed) => train(examples, { seed }));
    const averaged = train(examples, { seed: 1, averageOf: 3 });
    for (const head of ["type", "category"] as const) {
      const w = averaged[head].weights;
      expect(w.length).toBe(runs[0]?.[head].weights.length);
      for (const i of [0, 1, Math.floor(w.length / 2), w.length - 1]) {
        const mean = runs.reduce((sum, m) => sum + (m[head].weights[i] ?? 0), 0) / runs.length;
        expect(w[i]).toBeCloseTo(mean, 10);
      }
      const bias = runs.reduce((sum, m) => sum + (m[head].bias[0] ?? 0), 0) / runs.length;
      expect(averaged[head].bias[0]).toBeCloseTo(bias, 10);
    }
    // Different shuffles really differ, so the test above compares an average, not three copies.
    expect(runs[0]?.type.weights).not.toEqual(runs[1]?.type.weights);
    expect(predict(averaged, "共済金の支払いが遅い").category.code).toBe("claim");
  });

  // Load and predict times are measured by bench/classifier.ts, not asserted here (they depend on machine load).
  it("ships a built-in model that labels plain voices", async () => {
    const model = await loadBuiltinModel();
    expect(predict(model, "電話が何度かけてもつながらず、本当に困りました。").type.code).toBe("complaint");
    expect(
      predict(model, "入院の共済金がすぐに振り込まれて助かりました。ありがとうございました。").type.code,
    ).toBe("praise");
    expect(predict(model, "掛金をコンビニでも払えるようにしてほしいです。").category.code).toBe("servicing");
  });
});
