import { describe, expect, it } from "vitest";
import { loadBuiltinModel } from "./classifier.js";
import { evaluateComplaints, evaluateScoredComplaints } from "./complaint-eval.js";
import { readBuiltinRealScores, readRealVoices } from "./corpus-files.js";

describe("the built-in model's scores on the real voices (shipped instead of the voices)", () => {
  it("give the same figures as the shipped model on the voices themselves", async () => {
    const [model, voices, scores] = await Promise.all([
      loadBuiltinModel(),
      readRealVoices(),
      readBuiltinRealScores(),
    ]);
    expect(scores.map((s) => s.type)).toEqual(voices.map((v) => v.type));
    for (const settings of [
      { bias: 1, threshold: 0.07 },
      { bias: 5, threshold: 0.2 },
    ]) {
      const fromVoices = evaluateComplaints(model, voices, settings);
      const fromScores = evaluateScoredComplaints(scores, settings);
      expect(fromScores.type.confusion).toEqual(fromVoices.type.confusion);
      expect(fromScores.flag).toEqual(fromVoices.flag);
      expect(fromScores.curve).toEqual(fromVoices.curve);
    }
  });
});
