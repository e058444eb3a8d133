// The complaint safety net's part of `koe model eval`: options, the JSON block and the text table.
import {
  COMPLAINT_BIAS_RANGE,
  type CurvePoint,
  DEFAULT_COMPLAINT_BIAS,
  DEFAULT_FLAG_THRESHOLD,
  FLAG_THRESHOLD_RANGE,
} from "../domain/complaint-flag.js";
import type { Model } from "../text/classifier.js";
import { evaluateComplaints } from "../text/complaint-eval.js";
import type { LabelledExample } from "../text/model-eval.js";

export interface SafetyNetSettings {
  bias: number;
  threshold: number;
}

/** Reads --bias and --threshold; a Japanese message when one is out of range. */
export function parseSafetyNetOptions(opts: {
  bias?: string;
  threshold?: string;
}): SafetyNetSettings | string {
  const bias = opts.bias === undefined ? DEFAULT_COMPLAINT_BIAS : Number(opts.bias);
  const threshold = opts.threshold === undefined ? DEFAULT_FLAG_THRESHOLD : Number(opts.threshold);
  if (!Number.isFinite(bias) || bias < COMPLAINT_BIAS_RANGE.min || bias > COMPLAINT_BIAS_RANGE.max)
    return `--bias は${COMPLAINT_BIAS_RANGE.min}〜${COMPLAINT_BIAS_RANGE.max}の数で指定してください`;
  if (
    !Number.isFinite(threshold) ||
    threshold < FLAG_THRESHOLD_RANGE.min ||
    threshold > FLAG_THRESHOLD_RANGE.max
  )
    return `--threshold は${FLAG_THRESHOLD_RANGE.min}〜${FLAG_THRESHOLD_RANGE.max}の数で指定してください`;
  return { bias, threshold };
}

export interface SafetyNetJson {
  bias: number;
  threshold: number;
  typeMacroF1: number;
  complaintPrecision: number;
  complaintRecall: number;
  flag: CurvePoint;
  curve: CurvePoint[];
}

export function safetyNetJson(
  model: Model,
  examples: readonly LabelledExample[],
  settings: SafetyNetSettings,
): SafetyNetJson {
  const e = evaluateComplaints(model, examples, settings);
  return {
    bias: e.bias,
    threshold: e.threshold,
    typeMacroF1: e.type.macroF1,
    complaintPrecision: e.complaint.precision,
    complaintRecall: e.complaint.recall,
    flag: e.flag,
    curve: e.curve,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatSafetyNet(net: SafetyNetJson): string {
  const lines = [
    `■ 苦情の見逃し防止（苦情の確率×${net.bias}、「苦情の可能性」しきい値 ${net.threshold}）`,
    `  倍率適用後: 種別マクロF1 ${net.typeMacroF1.toFixed(3)}  苦情の再現率 ${pct(net.complaintRecall)}  適合率 ${pct(net.complaintPrecision)}`,
    `  「苦情の可能性」: 苦情の ${pct(net.flag.recall)} を拾い、苦情以外の ${pct(net.flag.falseFlagRate)} にも出ます`,
    "  しきい値   苦情を拾う割合   苦情以外に出る割合",
  ];
  for (const p of net.curve)
    lines.push(
      `  ${String(p.threshold).padStart(6)}   ${pct(p.recall).padStart(12)}   ${pct(p.falseFlagRate).padStart(16)}`,
    );
  return lines.join("\n");
}
