// Complaint-focused evaluation: complaint precision/recall under the bias, the flag's figures and the curve.
import {
  applyComplaintBias,
  type CurvePoint,
  complaintProbability,
  flagCurve,
  pointAt,
} from "../domain/complaint-flag.js";
import { type Model, predict } from "./classifier.js";
import { type ClassScores, type HeadEvaluation, type LabelledExample, scoreHead } from "./model-eval.js";

export interface ComplaintEvaluation {
  bias: number;
  threshold: number;
  /** the type head with the bias applied */
  type: HeadEvaluation;
  complaint: ClassScores;
  /** the flag at the threshold */
  flag: CurvePoint;
  curve: CurvePoint[];
  n: number;
}

const TYPE_ORDER = ["praise", "request", "complaint", "other"];

/** A labelled voice as the model saw it: its gold type and the type head's probabilities, no text. */
export interface ScoredVoice {
  type: string;
  ranking: { code: string; confidence: number }[];
}

/** Predicts each example once and scores the type head with the bias, the flag and the curve. */
export function evaluateComplaints(
  model: Model,
  examples: readonly LabelledExample[],
  settings: { bias: number; threshold: number },
): ComplaintEvaluation {
  return evaluateScoredComplaints(
    examples.map((e) => ({ type: e.type, ranking: predict(model, e.text).alternatives.type })),
    settings,
  );
}

/** The same from probabilities computed before (the built-in model's on the real voices, shipped without them). */
export function evaluateScoredComplaints(
  voices: readonly ScoredVoice[],
  settings: { bias: number; threshold: number },
): ComplaintEvaluation {
  const pairs: { gold: string; predicted: string }[] = [];
  const samples = voices.map((e) => {
    const biased = applyComplaintBias(e.ranking, settings.bias);
    pairs.push({ gold: e.type, predicted: biased[0]?.code ?? "other" });
    return { isComplaint: e.type === "complaint", pComplaint: complaintProbability(e.ranking) };
  });
  const type = scoreHead(pairs, TYPE_ORDER);
  return {
    bias: settings.bias,
    threshold: settings.threshold,
    type,
    complaint: type.perClass.complaint ?? { precision: 0, recall: 0, f1: 0, support: 0 },
    flag: pointAt(samples, settings.threshold),
    curve: flagCurve(samples),
    n: voices.length,
  };
}
