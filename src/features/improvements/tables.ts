/**
 * Kysely table types: improvements, their voices, insights and events, and staff insights. Composed into
 * `Database` in src/db/schema.ts.
 */
import type { Bool, Id } from "../../db/column-types.js";

export interface StaffInsightsTable {
  id: Id;
  content: string;
  /** normalizeForSearch(content), for the keyword search */
  search_text: string;
  department_id: number;
  created_by: number | null;
  created_at: string;
}

export interface StaffInsightVoicesTable {
  insight_id: number;
  voice_id: number;
}

export interface ImprovementsTable {
  id: Id;
  title: string;
  problem: string;
  owner_department_id: number;
  owner_user_id: number | null;
  /** YYYY-MM-DD */
  due_date: string;
  status: string;
  drop_reason: string | null;
  result: string | null;
  /** YYYY-MM-DD */
  completed_on: string | null;
  effect_verdict: string | null;
  effect_note: string | null;
  is_public: Bool;
  public_kind: string | null;
  public_voice: string | null;
  public_result: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImprovementVoicesTable {
  improvement_id: number;
  voice_id: number;
  added_by: number | null;
  added_at: string;
}

export interface ImprovementInsightsTable {
  improvement_id: number;
  insight_id: number;
  added_by: number | null;
  added_at: string;
}

/** Append-only: rows are inserted, never updated or deleted. */
export interface ImprovementEventsTable {
  id: Id;
  improvement_id: number;
  kind: string;
  actor_id: number | null;
  at: string;
  data: string;
}
