/**
 * The audit log's hash chain: each entry carries the previous entry's hash and a hash of that and its own content,
 * so an entry changed, inserted or deleted afterwards breaks the chain at that point (`verifyAuditChain`).
 */
import { createHash } from "node:crypto";
import type { Db } from "../db/database.js";

/** `prev_hash` of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** The lock (dialect.lockUntilCommit) that keeps one chain when several processes write the log. */
export const AUDIT_CHAIN_LOCK = "audit_log_chain";

export interface ChainedContent {
  at: string | Date;
  user_id: number | null;
  action: string;
  voice_id: number | null;
  detail: string | null;
  ip: string | null;
}

/**
 * sha256 (hex) of the previous hash and an entry's content as the database gives it back (PostgreSQL's timestamptz
 * is read as an ISO string, see dialect-postgres.ts). Migration 0022 holds a frozen copy: change both or neither.
 */
export function auditEntryHash(prev: string, r: ChainedContent): string {
  const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
  const content = JSON.stringify([prev, at, r.user_id, r.action, r.voice_id, r.detail, r.ip]);
  return createHash("sha256").update(content, "utf8").digest("hex");
}

export interface BrokenLink {
  id: number;
  at: string;
  reason: string;
}

export interface ChainReport {
  /** entries checked up to the first broken one (all of them when intact) */
  checked: number;
  /** the hash of the newest entry (write it down: deleting the newest entries leaves the rest of the chain intact) */
  lastHash: string;
  broken: BrokenLink | null;
}

/** Walks the log in id order and reports the first entry whose link or content does not match. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["id", "at", "user_id", "action", "voice_id", "detail", "ip", "prev_hash", "hash"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (rows.length === 0) return { checked, lastHash: prev, broken: null };
    for (const r of rows) {
      const at = String(r.at);
      if (r.prev_hash !== prev) {
        const reason =
          "前の記録とのつながりが一致しません（前の記録が変更・削除されたか、この記録が後から挿入されました）";
        return { checked, lastHash: prev, broken: { id: r.id, at, reason } };
      }
      const hash = auditEntryHash(prev, r);
      if (r.hash !== hash) {
        const reason = "記録の内容がハッシュと一致しません（記録後に変更されています）";
        return { checked, lastHash: prev, broken: { id: r.id, at, reason } };
      }
      prev = hash;
      after = r.id;
      checked++;
    }
  }
}
