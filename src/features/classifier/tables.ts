/**
 * Kysely table types: the classifier's models, the suggestions staff corrected and the complaint review
 * queue. Composed into `Database` in src/db/schema.ts.
 */
import type { Generated } from "kysely";
import type { Id } from "../../db/column-types.js";

export interface ClassifierModelsTable {
  id: Id;
  created_at: string;
  source: string;
  examples: number;
  created_by: number | null;
  model: string;
  /** set when the model is put in use; the newest activated model is the one used (null: never or no longer) */
  activated_at: string | null;
  /** JSON: the held-back comparison that decided whether to activate it */
  evaluation: string | null;
}

/** A suggested type or category that staff changed (migration 0024). */
export interface ClassifierCorrectionsTable {
  id: Id;
  voice_id: number;
  kind: "type" | "category";
  suggested_code: string;
  chosen_code: string | null;
  actor_id: number | null;
  at: string;
}

/**
 * An imported or public-form voice waiting for cs to confirm its type: it fired the 「苦情の可能性」 flag, or the
 * model could hardly decide its type (low margin).
 */
export interface ComplaintReviewsTable {
  id: Id;
  voice_id: number;
  p_complaint: number;
  flagged_at: string;
  confirmed_at: string | null;
  confirmed_by: number | null;
  confirmed_type: string | null;
  reason: Generated<"flag" | "low_margin">;
  /** the type koe suggested; null on rows queued before migration 0030 (flags: complaint) */
  suggested_code: string | null;
  margin: number | null;
}

/** One run of the classifier's retraining, button or weekly (migration 0034). */
export interface ClassifierRetrainJobsTable {
  id: Id;
  source: "retrain" | "weekly";
  state: "running" | "succeeded" | "failed" | "interrupted";
  stage: "loading" | "training" | "evaluating" | "saving" | "done";
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  /** 1 on the running job, null on the others (unique: one retraining at a time across processes) */
  running_slot: number | null;
  owner: string;
  started_by: number | null;
  started_at: string;
  heartbeat_at: string;
  lease_until: string;
  finished_at: string | null;
  /** JSON of the RetrainResult */
  result: string | null;
  error: string | null;
}
