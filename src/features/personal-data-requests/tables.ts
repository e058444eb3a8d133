/**
 * Kysely table types: the personal data requests handled (APPI). Composed into `Database` in
 * src/db/schema.ts.
 */
import type { Id } from "../../db/column-types.js";

export interface PersonalDataRequestsTable {
  id: Id;
  kind: string;
  lookup_kind: string;
  lookup_masked: string;
  customers_found: number;
  voices_found: number;
  answers_found: number;
  received_on: string;
  note: string | null;
  handled_by: number;
  handled_at: string;
}
