/**
 * Kysely table types: the audit log (services/audit.ts, hash-chained by services/audit-chain.ts) and the
 * configuration's generation (services/config-cache.ts). Composed into `Database` in src/db/schema.ts.
 */
import type { Id } from "../db/column-types.js";

export interface AuditLogTable {
  id: Id;
  at: string;
  user_id: number | null;
  action: string;
  voice_id: number | null;
  detail: string | null;
  ip: string | null;
  /** the previous entry's `hash` (64 zeros for the first entry); see services/audit-chain.ts */
  prev_hash: string | null;
  /** sha256 of `prev_hash` and this entry's content; null until the entry is sealed into the chain */
  hash: string | null;
  /** the entry's place in the chain, in the order entries were sealed (migration 0038); null until then */
  chain_seq: number | null;
}

/** One row (id 1): moved by triggers whenever the taxonomy or the cached settings change (migration 0037). */
export interface ConfigGenerationTable {
  id: number;
  generation: number;
}
