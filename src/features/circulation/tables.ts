/**
 * Kysely table types: circulations, their voices, recipients, comments and improvement, and the weekly digest
 * runs. Composed into `Database` in src/db/schema.ts.
 */
import type { Id } from "../../db/column-types.js";

export interface CirculationsTable {
  id: Id;
  sender_id: number;
  title: string;
  message: string;
  note: string | null;
  voice_query: string | null;
  remind_after_days: number | null;
  created_at: string;
}

export interface CirculationVoicesTable {
  circulation_id: number;
  voice_id: number;
  position: number;
}

export interface CirculationRecipientsTable {
  circulation_id: number;
  user_id: number;
  read_at: string | null;
  reminded_at: string | null;
}

export interface CirculationCommentsTable {
  id: Id;
  circulation_id: number;
  user_id: number;
  body: string;
  created_at: string;
}

export interface DigestRunsTable {
  id: Id;
  department_id: number;
  /** the JST date of the week's scheduled send (YYYY-MM-DD) */
  week_of: string;
  created_at: string;
  recipients: number;
  /** the instants the digest covered, [from, to) (null before migration 0025) */
  period_from: string | null;
  period_to: string | null;
}

/** The improvement a circulation sends round (at most one). */
export interface CirculationImprovementsTable {
  circulation_id: number;
  improvement_id: number;
}
