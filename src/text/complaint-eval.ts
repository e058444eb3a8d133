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

/** Predicts each example once and scores the type head with the bias, the flag and the curve. */
export function evaluateComplaints(
  model: Model,
  examples: readonly LabelledExample[],
  settings: { bias: number; threshold: number },
): ComplaintEvaluation {
  const pairs: { gold: string; predicted: string }[] = [];
  const samples = examples.map((e) => {
    const ranking = predict(model, e.text).alternatives.type;
    const biased = applyComplaintBias(ranking, settings.bias);
    pairs.push({ gold: e.type, predicted: biased[0]?.code ?? "other" });
    return { isComplaint: e.type === "complaint", pComplaint: complaintProbability(ranking) };
  });
  const type = scoreHead(pairs, TYPE_ORDER);
  return {
    bias: settings.bias,
    threshold: settings.threshold,
    type,
    complaint: type.perClass.complaint ?? { precision: 0, recall: 0, f1: 0, support: 0 },
    flag: pointAt(samples, settings.threshold),
    curve: flagCurve(samples),
    n: examples.length,
  };
}
