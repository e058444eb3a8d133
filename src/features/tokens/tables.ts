/** Kysely table types: API tokens. Composed into `Database` in src/db/schema.ts. */
import type { Id } from "../../db/column-types.js";

export interface ApiTokensTable {
  id: Id;
  name: string;
  token_hash: string;
  token_prefix: string;
  /** comma-separated, e.g. "voices:read,voices:write" */
  scopes: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
