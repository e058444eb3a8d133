/**
 * Kysely table types: other systems' words for labels and departments. Composed into `Database` in
 * src/db/schema.ts.
 */
import type { Id } from "../../db/column-types.js";

/** Another system's word for a label or department (kind "department": label_id is a departments.id). */
export interface LabelAliasesTable {
  id: Id;
  kind: string;
  label_id: number;
  alias: string;
  /** comparison form (import-aliases/alias-key.ts), unique per kind */
  alias_key: string;
  created_by: number | null;
  created_at: string;
}
