/**
 * The audit log's hash chain: each entry carries the previous entry's hash and a hash of that and its own content,
 * so an entry changed, inserted or deleted afterwards breaks the chain at that point (`verifyAuditChain`).
 *
 * Entries are written unlinked (one insert, no lock: services/audit.ts) and linked by `sealAuditChain` right after,
 * in the order they are sealed (`chain_seq`). The server seals 250 ms after a group of entries and every second; a
 * backup and a verification seal what is pending first. Until its seal (at most about a quarter of a second) an
 * entry is recorded but not yet protected by the chain.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { dialectFor } from "../db/dialect.js";

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

/** Entries linked per sealing transaction: its update names each of them (a parameter per column and entry). */
const SEAL_BATCH = 100;

/**
 * Links the entries written since the last seal onto the chain, oldest id first, and returns how many. Several
 * processes may seal at once: the chain's lock makes them take turns, and each links what the others left.
 */
export async function sealAuditChain(db: Db): Promise<number> {
  // Most calls find nothing: one read of the index of unsealed entries, no transaction, no lock.
  if (!(await db.selectFrom("audit_log").select("id").where("hash", "is", null).limit(1).executeTakeFirst()))
    return 0;
  let sealed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await dialectFor(trx).lockUntilCommit(trx, AUDIT_CHAIN_LOCK);
      const rows = await trx
        .selectFrom("audit_log")
        .select(["id", "at", "user_id", "action", "voice_id", "detail", "ip"])
        .where("hash", "is", null)
        .orderBy("id")
        .limit(SEAL_BATCH)
        .execute();
      if (rows.length === 0) return 0;
      const last = await trx
        .selectFrom("audit_log")
        .select(["hash", "chain_seq"])
        .where("chain_seq", "is not", null)
        .orderBy("chain_seq", "desc")
        .limit(1)
        .executeTakeFirst();
      let prev = last?.hash ?? GENESIS_HASH;
      let seq = last?.chain_seq ?? 0;
      const links = rows.map((r) => {
        const hash = auditEntryHash(prev, r);
        const link = { id: r.id, prev, hash, seq: ++seq };
        prev = hash;
        return link;
      });
      // One statement for the batch, on both engines: each column set by the entry's id.
      const byId = (value: (l: (typeof links)[number]) => unknown, integer = false) =>
        sql`case ${sql.ref("id")} ${sql.join(
          links.map((l) =>
            integer
              ? sql`when ${l.id} then cast(${value(l)} as integer)`
              : sql`when ${l.id} then ${value(l)}`,
          ),
          sql` `,
        )} end`;
      await trx
        .updateTable("audit_log")
        .set({
          prev_hash: byId((l) => l.prev) as never,
          hash: byId((l) => l.hash) as never,
          chain_seq: byId((l) => l.seq, true) as never,
        })
        .where(
          "id",
          "in",
          links.map((l) => l.id),
        )
        .execute();
      return rows.length;
    });
    sealed += n;
    if (n < SEAL_BATCH) return sealed;
  }
}

/**
 * Seals what is pending, then walks the chain in its order and reports the first entry whose link or content does
 * not match.
 */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<ChainReport> {
  await sealAuditChain(db);
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["id", "at", "user_id", "action", "voice_id", "detail", "ip", "prev_hash", "hash", "chain_seq"])
      .where("chain_seq", ">", after)
      .orderBy("chain_seq")
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
      after = r.chain_seq ?? after;
      checked++;
    }
  }
}
