/**
 * The classifier in use: the latest trained model stored in the database, else the built-in one. Cached per
 * process and reloaded when a newer model appears (another process may have trained it).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "../../db/database.js";
import { applyComplaintBias, complaintFlag, complaintProbability } from "../../domain/complaint-flag.js";
import { nowIso } from "../../services/clock.js";
import {
  loadBuiltinModel,
  loadModel,
  type Model,
  predict,
  serializeModel,
  type TrainingExample,
  type TrainOptions,
  train,
} from "../../text/classifier.js";
import { getClassifierSettings } from "../classifier/classifier-settings.js";
import type { RetrainJob } from "../classifier/contract.js";
import { latestRetrainJob } from "../classifier/retrain-jobs.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { ClassifyResponse, ModelStatus } from "./contract.js";

interface Loaded {
  version: number;
  model: Model;
  trainedAt: string | null;
  examples: number | null;
}

let cached: Loaded | null = null;

/** The model in use: the newest activated one (a model that scored worse is stored but never activated). */
async function latestVersion(db: Db) {
  return db
    .selectFrom("classifier_models")
    .select(["id", "created_at", "examples"])
    .where("activated_at", "is not", null)
    .orderBy("activated_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The current model; version 0 is the built-in one. */
export async function currentModel(db: Db): Promise<Loaded> {
  const latest = await latestVersion(db);
  const version = latest?.id ?? 0;
  if (cached && cached.version === version) return cached;
  if (!latest) {
    cached = { version: 0, model: await loadBuiltinModel(), trainedAt: null, examples: null };
    return cached;
  }
  const row = await db
    .selectFrom("classifier_models")
    .select("model")
    .where("id", "=", latest.id)
    .executeTakeFirstOrThrow();
  cached = { version, model: loadModel(row.model), trainedAt: latest.created_at, examples: latest.examples };
  return cached;
}

/**
 * A classifier for many texts: the model, the label names and the complaint settings are read once, then each text
 * is classified without a query (the survey import's closed loop classifies thousands of comments in one transaction).
 */
export async function textClassifier(db: Db): Promise<(text: string) => ClassifyResponse> {
  const [loaded, tax, settings] = await Promise.all([
    currentModel(db),
    taxonomyIndex(db),
    getClassifierSettings(db),
  ]);
  const label = (kind: "type" | "category", code: string, confidence: number) => ({
    code,
    name: tax.find(kind, code)?.name ?? code,
    confidence: Math.round(confidence * 1000) / 1000,
  });
  const model = {
    source: loaded.version === 0 ? ("builtin" as const) : ("trained" as const),
    version: loaded.version,
  };
  return (text) => {
    const raw = predict(loaded.model, text);
    // The flag reads the model's own P(complaint); the bias only moves the suggested type.
    const pComplaint = complaintProbability(raw.alternatives.type);
    const biased = applyComplaintBias(raw.alternatives.type, settings.complaintBias);
    const p = { ...raw, type: biased[0] ?? raw.type, alternatives: { ...raw.alternatives, type: biased } };
    // A category the organisation retired or never had is not suggested.
    const categories = p.alternatives.category.filter((c) => tax.find("category", c.code));
    const types = p.alternatives.type.filter((c) => tax.find("type", c.code));
    const top = categories[0];
    return {
      type: label("type", (types[0] ?? p.type).code, (types[0] ?? p.type).confidence),
      category: top ? label("category", top.code, top.confidence) : null,
      alternatives: {
        type: types.map((t) => label("type", t.code, t.confidence)),
        category: categories.map((c) => label("category", c.code, c.confidence)),
      },
      model,
      complaintFlag: {
        pComplaint: Math.round(pComplaint * 1000) / 1000,
        threshold: settings.flagThreshold,
        flagged: complaintFlag(pComplaint, settings.flagThreshold),
      },
    };
  };
}

/** Suggests a type and category for a text, with the organisation's label names. */
export async function classifyText(db: Db, text: string): Promise<ClassifyResponse> {
  return (await textClassifier(db))(text);
}

/** Most recent closed or resolved voices that were not voided, with their type and category codes. */
export async function trainingExamplesFromDatabase(db: Db, max = 20000): Promise<TrainingExample[]> {
  const rows = await db
    .selectFrom("voices as v")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .leftJoin("taxonomy_labels as c", "c.id", "v.category_id")
    .select(["v.content", "t.code as type", "c.code as category"])
    .where("v.status", "in", ["resolved", "closed"])
    .orderBy("v.id", "desc")
    .limit(max)
    .execute();
  return rows.map((r) => ({ text: r.content, type: r.type, category: r.category ?? null }));
}

export async function saveModel(
  db: Db,
  json: string,
  meta: {
    source: string;
    examples: number;
    createdBy: number | null;
    activate?: boolean;
    evaluation?: string;
  },
): Promise<number> {
  const at = nowIso();
  const row = await db
    .insertInto("classifier_models")
    .values({
      created_at: at,
      activated_at: meta.activate === false ? null : at,
      evaluation: meta.evaluation ?? null,
      source: meta.source,
      examples: meta.examples,
      created_by: meta.createdBy,
      model: json,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a training run reports and how it is stopped: passes over the data done, and an abort (the worker ends). */
export interface TrainHooks {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Trains off the event loop: in a worker thread (compiled) or through a tsx bootstrap (tests, dev). */
export function trainInWorker(
  examples: TrainingExample[],
  options?: TrainOptions,
  hooks: TrainHooks = {},
): Promise<string> {
  if (hooks.signal?.aborted) return Promise.reject(hooks.signal.reason);
  const jsUrl = new URL("./train-worker.js", import.meta.url);
  let w: Worker;
  if (existsSync(fileURLToPath(jsUrl))) w = new Worker(jsUrl);
  else {
    const tsPath = fileURLToPath(new URL("./train-worker.ts", import.meta.url));
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/cjs/api")).href;
    w = new Worker(
      `Promise.all([import("node:module"), import(${JSON.stringify(tsxApi)})]).then(([m, tsx]) => {
  tsx.register();
  m.createRequire(${JSON.stringify(tsPath)})(${JSON.stringify(tsPath)});
});`,
      { eval: true },
    );
  }
  return new Promise<string>((resolve, reject) => {
    const abort = () => {
      void w.terminate();
      reject(hooks.signal?.reason);
    };
    hooks.signal?.addEventListener("abort", abort, { once: true });
    const settle = () => hooks.signal?.removeEventListener("abort", abort);
    w.on("message", (m: { json?: string; error?: string; progress?: { done: number; total: number } }) => {
      if (m.progress) {
        hooks.onProgress?.(m.progress.done, m.progress.total);
        return;
      }
      settle();
      void w.terminate();
      if (m.json) resolve(m.json);
      else reject(new Error(m.error ?? "学習に失敗しました"));
    });
    w.once("error", (err) => {
      settle();
      reject(err);
    });
    w.postMessage(options ? { examples, options } : examples);
  });
}

/** The latest retraining job in the shape of GET /api/v1/model's `job` (an interrupted job counts as failed). */
function jobState(j: RetrainJob | null): ModelStatus["job"] {
  if (!j) return { state: "idle", startedAt: null, finishedAt: null, examples: null, error: null };
  return {
    state: j.state === "interrupted" ? "failed" : j.state,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    examples: j.result?.version?.examples ?? null,
    error: j.error,
  };
}

export async function modelStatus(db: Db): Promise<ModelStatus> {
  const m = await currentModel(db);
  return {
    model: {
      source: m.version === 0 ? "builtin" : "trained",
      version: m.version,
      trainedAt: m.trainedAt,
      examples: m.examples,
    },
    // the job every process sees (the database's), not a state of this process
    job: jobState(await latestRetrainJob(db)),
  };
}

/** Synchronous training for the CLI (`koe model train`), which has nothing else to serve. */
export function trainNow(examples: TrainingExample[]): string {
  return serializeModel(train(examples));
}
