/**
 * The audit log: every unmasked view of personal data and every export is recorded here, with logins (and failed
 * ones), logouts everywhere, changes of users' roles and status, and settings changes.
 */
import { userInfo } from "node:os";
import type { Insertable } from "kysely";
import type { Db } from "../db/database.js";
import { dialectFor } from "../db/dialect.js";
import { AUDIT_CHAIN_LOCK, auditEntryHash, GENESIS_HASH } from "./audit-chain.js";
import { nowIso } from "./clock.js";
import type { AuditLogTable } from "./tables.js";

export interface AuditEntry {
  userId: number | null;
  action: "customer_viewed" | "voices_exported" | "login" | string;
  voiceId?: number | null;
  detail?: string | null;
  ip?: string | null;
}

/** An entry before the chain links it: the audit_log row without its id and hashes. */
type ChainRow = Omit<AuditLogTable, "id" | "prev_hash" | "hash">;

/**
 * Appends rows to the hash chain (audit-chain.ts) in `trx`, in their order. The chain's lock is held until `trx`
 * commits, so entries written by several processes still form one chain.
 */
async function appendToChain(trx: Db, rows: readonly ChainRow[]): Promise<void> {
  await dialectFor(trx).lockUntilCommit(trx, AUDIT_CHAIN_LOCK);
  const last = await trx
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const values: Insertable<AuditLogTable>[] = [];
  for (const row of rows) {
    const hash = auditEntryHash(prev, row);
    values.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  // One statement: its rows take ids in the order given, the chain's order.
  await trx.insertInto("audit_log").values(values).execute();
}

/**
 * Entries recorded outside a transaction, written together: while one transaction holds the chain's lock, the
 * entries that arrive meanwhile wait and go in the next one (group commit). Under load the chain's lock was the
 * busiest in the database (every unmasked view takes it); batching takes it once per batch, and each caller still
 * gets its answer only once its entry is committed.
 */
class AuditBatcher {
  #pending: { row: ChainRow; done: (err?: unknown) => void }[] = [];
  #flushing = false;

  constructor(private readonly db: Db) {}

  add(row: ChainRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, BATCH_LIMIT);
        try {
          await this.db.transaction().execute((trx) =>
            appendToChain(
              trx,
              batch.map((b) => b.row),
            ),
          );
          for (const b of batch) b.done();
        } catch (err) {
          for (const b of batch) b.done(err ?? new Error("監査ログを記録できませんでした"));
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}

const BATCH_LIMIT = 200;
const batchers = new WeakMap<Db, AuditBatcher>();

/**
 * Records an entry: in the caller's transaction when given one (it is written and goes back with it), otherwise
 * with the other entries of this moment in one transaction of their own. Resolves once the entry is committed.
 */
export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  const row: ChainRow = {
    at: nowIso(),
    user_id: e.userId,
    action: e.action,
    voice_id: e.voiceId ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
  };
  if (db.isTransaction) return appendToChain(db, [row]);
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.add(row);
}

/** The name the audit log shows for a `koe` command run on the server: there is no koe user, only an OS user. */
export const CLI_ACTOR_NAME = "システム（CLI）";
const CLI_MARK = "CLI から実行";

/** 「CLI から実行（OS ユーザー: tanaka）」: kept in the entry's detail, since the entry has no user. */
export function cliOrigin(): string {
  let osUser = "";
  try {
    osUser = userInfo().username;
  } catch {
    // a container may run as a uid with no passwd entry
  }
  return osUser ? `${CLI_MARK}（OS ユーザー: ${osUser}）` : CLI_MARK;
}

/** An entry for something a `koe` command did: no user, and the detail says it came from the CLI and who ran it. */
export function recordCliAudit(
  db: Db,
  e: { action: string; detail?: string | null; voiceId?: number | null },
) {
  return recordAudit(db, {
    userId: null,
    action: e.action,
    voiceId: e.voiceId ?? null,
    detail: e.detail ? `${e.detail}／${cliOrigin()}` : cliOrigin(),
  });
}

/** Who an entry names: the user, 「システム（CLI）」 for a command, or null (e.g. a failed login to no account). */
export function auditActorName(userName: string | null, detail: string | null): string | null {
  if (userName !== null) return userName;
  return detail?.includes(CLI_MARK) ? CLI_ACTOR_NAME : null;
}

/** A file taken out of koe (a table, a report, survey results): who, which file, from where. */
export function recordFileExport(db: Db, e: { userId: number; file: string; ip: string | null }) {
  return recordAudit(db, { userId: e.userId, action: "file_exported", detail: e.file, ip: e.ip });
}

export async function listAudit(db: Db, opts: { page: number; limit: number; voiceId?: number }) {
  let q = db.selectFrom("audit_log as a");
  if (opts.voiceId !== undefined) q = q.where("a.voice_id", "=", opts.voiceId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin("users as u", "u.id", "a.user_id")
    .leftJoin("voices as v", "v.id", "a.voice_id")
    .select([
      "a.id",
      "a.at",
      "a.action",
      "a.voice_id",
      "a.detail",
      "a.ip",
      "u.id as user_id",
      "u.name as user_name",
      "v.receipt_number",
    ])
    .orderBy("a.id", "desc")
    .limit(opts.limit)
    .offset((opts.page - 1) * opts.limit)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      user: r.user_id ? { id: r.user_id, name: r.user_name ?? "" } : null,
      actorName: auditActorName(r.user_id ? (r.user_name ?? "") : null, r.detail),
      voiceId: r.voice_id,
      receiptNumber: r.receipt_number ?? null,
      detail: r.detail,
      ip: r.ip,
    })),
  };
}
