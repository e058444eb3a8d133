/**
 * The 「分類モデル」 page's figures: the model in use on the organisation's held-back recent voices (confusion,
 * complaint recall), the recall / false-flag curve (on the organisation's voices when it has enough complaints
 * and others, else on the built-in real set), corrections awaiting, the 確認待ち count and the model history.
 */
import type { Db } from "../../db/database.js";
import {
  type ComplaintEvaluation,
  evaluateComplaints,
  evaluateScoredComplaints,
} from "../../text/complaint-eval.js";
import { hasRealVoices, readBuiltinRealScores, readRealVoices } from "../../text/corpus-files.js";
import { currentModel } from "../text/classifier-model.js";
import { getClassifierSettings } from "./classifier-settings.js";
import type { ModelReport } from "./contract.js";
import { correctionsAwaiting } from "./corrections.js";
import { isHeldBack, labelledVoices } from "./labelled-voices.js";
import { modelVersions } from "./retrain.js";
import { countWaitingReviews } from "./review-queue.js";

/** A curve drawn from fewer voices than this per side would move by a voice's worth at every point. */
export const MIN_CURVE_SIDE = 20;
const RECENT = 2000;

export async function modelReport(db: Db): Promise<ModelReport> {
  const [loaded, settings, voices] = await Promise.all([
    currentModel(db),
    getClassifierSettings(db),
    labelledVoices(db, RECENT),
  ]);
  // Only the held-back fifth: a retrained model has learnt the rest, which would flatter it.
  const own = voices.filter(isHeldBack);
  const net = { bias: settings.complaintBias, threshold: settings.flagThreshold };
  const ownEval = own.length > 0 ? evaluateComplaints(loaded.model, own, net) : null;
  const complaints = own.filter((v) => v.type === "complaint").length;
  const enough = complaints >= MIN_CURVE_SIDE && own.length - complaints >= MIN_CURVE_SIDE;
  const curve = await curveOf(loaded, net, enough ? ownEval : null, ownEval);
  const activatedAt = loaded.version === 0 ? null : await activatedAtOf(db, loaded.version);
  return {
    settings,
    current: { source: loaded.version === 0 ? "builtin" : "trained", version: loaded.version },
    accuracy: ownEval
      ? {
          n: ownEval.n,
          typeMacroF1: ownEval.type.macroF1,
          typeAccuracy: ownEval.type.accuracy,
          complaintRecall: ownEval.complaint.recall,
          complaintPrecision: ownEval.complaint.precision,
          confusion: ownEval.type.confusion,
        }
      : null,
    curveSource: curve.source,
    curve: curve.evaluation.curve,
    flag: curve.evaluation.flag,
    correctionsAwaiting: await correctionsAwaiting(db, activatedAt),
    reviewsWaiting: await countWaitingReviews(db),
    versions: await modelVersions(db),
  };
}

/**
 * Where the curve is drawn: the organisation's voices when it has enough, else the built-in real voices. An
 * installed package holds only the built-in model's probabilities on them (the voices stay out of the package), so
 * there a trained model is shown on the organisation's own held-back voices, however few.
 */
async function curveOf(
  loaded: Awaited<ReturnType<typeof currentModel>>,
  net: { bias: number; threshold: number },
  enoughOwn: ComplaintEvaluation | null,
  ownEval: ComplaintEvaluation | null,
): Promise<{ source: "organisation" | "builtin"; evaluation: ComplaintEvaluation }> {
  if (enoughOwn) return { source: "organisation", evaluation: enoughOwn };
  if (hasRealVoices())
    return { source: "builtin", evaluation: evaluateComplaints(loaded.model, await readRealVoices(), net) };
  if (loaded.version !== 0 && ownEval) return { source: "organisation", evaluation: ownEval };
  return { source: "builtin", evaluation: evaluateScoredComplaints(await readBuiltinRealScores(), net) };
}

async function activatedAtOf(db: Db, id: number): Promise<string | null> {
  const r = await db
    .selectFrom("classifier_models")
    .select("activated_at")
    .where("id", "=", id)
    .executeTakeFirst();
  return r?.activated_at ?? null;
}
