/**
 * The complaint safety net: a bias on P(complaint) before the type decision, the 「苦情の可能性」 flag, and the
 * recall / false-flag curve that the organisation's settings are chosen from. Pure math: no model, HTTP or SQL.
 */

export const COMPLAINT = "complaint";

/**
 * Defaults chosen on the project's 195 real held-out voices (docs/performance.md, complaint safety net): ×5 is the
 * smallest bias whose complaint recall reaches 0.85 with the built-in model of the default labelling convention.
 */
export const DEFAULT_COMPLAINT_BIAS = 5;
export const DEFAULT_FLAG_THRESHOLD = 0.07;
/** What the defaults must keep on real voices: flag ≥ 90% of complaints, ≤ 20% of the other voices. */
export const FLAG_TARGET = { minRecall: 0.9, maxFalseFlagRate: 0.2 } as const;

export const COMPLAINT_BIAS_RANGE = { min: 0.25, max: 20 } as const;
export const FLAG_THRESHOLD_RANGE = { min: 0.01, max: 0.9 } as const;

export interface Scored {
  code: string;
  confidence: number;
}

/** P(complaint) of a ranking (0 when the model has no complaint label). */
export function complaintProbability(ranking: readonly Scored[]): number {
  return ranking.find((s) => s.code === COMPLAINT)?.confidence ?? 0;
}

/**
 * Multiplies P(complaint) by `bias` and renormalises; most probable first. bias 1 leaves the ranking as is.
 * Every complaint registered as a request escapes the complaint process, so organisations trade a few false
 * complaint suggestions for fewer missed ones.
 */
export function applyComplaintBias<T extends Scored>(ranking: readonly T[], bias: number): T[] {
  if (bias === 1) return [...ranking].sort((a, b) => b.confidence - a.confidence);
  const scaled = ranking.map((s) => ({
    ...s,
    confidence: s.code === COMPLAINT ? s.confidence * bias : s.confidence,
  }));
  const sum = scaled.reduce((a, s) => a + s.confidence, 0);
  return scaled
    .map((s) => ({ ...s, confidence: sum > 0 ? s.confidence / sum : s.confidence }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** The flag fires on the model's own P(complaint) (before the bias), so bias and threshold can be set apart. */
export function complaintFlag(pComplaint: number, threshold: number): boolean {
  return pComplaint >= threshold;
}

export interface CurvePoint {
  threshold: number;
  /** share of complaints flagged */
  recall: number;
  /** share of the other voices flagged */
  falseFlagRate: number;
}

export interface FlagSample {
  isComplaint: boolean;
  pComplaint: number;
}

/** Thresholds the curve is drawn at: fine where real complaints sit (low probabilities), coarse above. */
export const CURVE_THRESHOLDS: readonly number[] = [
  0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7,
  0.8, 0.9,
];

/** Recall and false-flag rate at each threshold; a set without complaints (or without others) gives 0 there. */
export function flagCurve(
  samples: readonly FlagSample[],
  thresholds: readonly number[] = CURVE_THRESHOLDS,
): CurvePoint[] {
  const complaints = samples.filter((s) => s.isComplaint).map((s) => s.pComplaint);
  const others = samples.filter((s) => !s.isComplaint).map((s) => s.pComplaint);
  const share = (ps: number[], t: number) =>
    ps.length > 0 ? ps.filter((p) => p >= t).length / ps.length : 0;
  return thresholds.map((threshold) => ({
    threshold,
    recall: share(complaints, threshold),
    falseFlagRate: share(others, threshold),
  }));
}

/** The curve's point at a threshold (computed exactly, not read off the grid). */
export function pointAt(samples: readonly FlagSample[], threshold: number): CurvePoint {
  return flagCurve(samples, [threshold])[0] as CurvePoint;
}

/**
 * The highest threshold that still flags `minRecall` of complaints (fewest false flags for that recall), or null
 * when no point of the curve reaches it within `maxFalseFlagRate`.
 */
export function chooseThreshold(
  curve: readonly CurvePoint[],
  target: { minRecall: number; maxFalseFlagRate: number } = FLAG_TARGET,
): CurvePoint | null {
  const ok = curve.filter((p) => p.recall >= target.minRecall && p.falseFlagRate <= target.maxFalseFlagRate);
  return ok.reduce<CurvePoint | null>(
    (best, p) => (best === null || p.threshold > best.threshold ? p : best),
    null,
  );
}
