import { describe, expect, it } from "vitest";
import {
  applyComplaintBias,
  chooseThreshold,
  complaintFlag,
  complaintProbability,
  flagCurve,
  pointAt,
} from "./complaint-flag.js";

describe("applyComplaintBias", () => {
  const ranking = [
    { code: "request", confidence: 0.6 },
    { code: "complaint", confidence: 0.2 },
    { code: "other", confidence: 0.2 },
  ];
  it("leaves the ranking alone at bias 1", () => {
    expect(applyComplaintBias(ranking, 1)[0]?.code).toBe("request");
  });
  it("multiplies P(complaint) and renormalises, so a strong enough bias turns the decision", () => {
    const r = applyComplaintBias(ranking, 4);
    expect(r[0]?.code).toBe("complaint");
    expect(r[0]?.confidence).toBeCloseTo(0.8 / 1.6);
    expect(r.reduce((a, s) => a + s.confidence, 0)).toBeCloseTo(1);
  });
  it("keeps other fields of each score", () => {
    const r = applyComplaintBias([{ code: "complaint", confidence: 0.5, name: "苦情" }], 2);
    expect(r[0]).toEqual({ code: "complaint", confidence: 1, name: "苦情" });
  });
});

describe("flag and curve", () => {
  const samples = [
    { isComplaint: true, pComplaint: 0.9 },
    { isComplaint: true, pComplaint: 0.3 },
    { isComplaint: true, pComplaint: 0.08 },
    { isComplaint: true, pComplaint: 0.01 },
    { isComplaint: false, pComplaint: 0.5 },
    { isComplaint: false, pComplaint: 0.05 },
    { isComplaint: false, pComplaint: 0.02 },
    { isComplaint: false, pComplaint: 0.01 },
    { isComplaint: false, pComplaint: 0.0 },
  ];
  it("complaintProbability reads the complaint label, 0 without one", () => {
    expect(complaintProbability([{ code: "complaint", confidence: 0.3 }])).toBe(0.3);
    expect(complaintProbability([{ code: "praise", confidence: 1 }])).toBe(0);
  });
  it("flags at or above the threshold", () => {
    expect(complaintFlag(0.1, 0.1)).toBe(true);
    expect(complaintFlag(0.099, 0.1)).toBe(false);
  });
  it("counts recall over complaints and false flags over the others", () => {
    const [a, b] = flagCurve(samples, [0.05, 0.3]);
    expect(a).toEqual({ threshold: 0.05, recall: 0.75, falseFlagRate: 0.4 });
    expect(b).toEqual({ threshold: 0.3, recall: 0.5, falseFlagRate: 0.2 });
    expect(pointAt(samples, 0.01)).toEqual({ threshold: 0.01, recall: 1, falseFlagRate: 0.8 });
  });
  it("recall never rises as the threshold rises", () => {
    const curve = flagCurve(samples);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i]?.recall ?? 0).toBeLessThanOrEqual(curve[i - 1]?.recall ?? 0);
  });
  it("chooses the highest threshold meeting the target, or none", () => {
    const curve = flagCurve(samples, [0.01, 0.05, 0.3]);
    expect(chooseThreshold(curve, { minRecall: 0.75, maxFalseFlagRate: 0.5 })?.threshold).toBe(0.05);
    expect(chooseThreshold(curve, { minRecall: 1, maxFalseFlagRate: 0.5 })).toBeNull();
  });
  it("an empty set flags nothing", () => {
    expect(flagCurve([], [0.1])).toEqual([{ threshold: 0.1, recall: 0, falseFlagRate: 0 }]);
  });
});
