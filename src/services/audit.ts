/**
 * The audit log: every unmasked view of personal data and every export is recorded here, with logins (and failed
 * ones), logouts everywhere, changes of users' roles and status, and settings changes.
 */
import { userInfo } from "node:os";
import type { Db } from "../db/database.js";
import { sealAuditChain } from "./audit-chain.js";
import { nowIso } from "./clock.js";
import type { AuditLogTable } from "./tables.js";

export interface AuditEntry {
  userId: number | null;
  action: "customer_viewed" | "voices_exported" | "login" | string;
  voiceId?: number | null;
  detail?: string | null;
  ip?: string | null;
}

/** An entry before the chain links it: the audit_log row without its id and chain columns. */
type NewEntry = Omit<AuditLogTable, "id" | "prev_hash" | "hash" | "chain_seq">;

/** Writes entries unlinked, in their order (one statement: its rows take ids in the order given). */
async function insertEntries(db: Db, rows: readonly NewEntry[]): Promise<void> {
  await db.insertInto("audit_log").values(rows).execute();
}

/**
 * Entries recorded outside a transaction, written together: while one insert is on its way, the entries that arrive
 * meanwhile wait and go in the next one. Each caller gets its answer once its entry is committed; the chain links
 * them right after (sealAuditChain), off the callers' path. Linking them before answering took five round trips
 * and the chain's lock, the largest wait of an unmasked view under load (docs/performance.md).
 */
class AuditBatcher {
  #pending: { row: NewEntry; done: (err?: unknown) => void }[] = [];
  #flushing = false;
  #sealing: Promise<void> | null = null;
  #sealAgain = false;
  #sealTimer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  add(row: NewEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.#flushing) void this.#flush();
    });
  }

  /** Seals now, or once more after the seal in progress (it may have missed the newest entries). */
  seal(): Promise<void> {
    if (this.#sealing) {
      this.#sealAgain = true;
      return this.#sealing;
    }
    this.#sealing = (async () => {
      try {
        do {
          this.#sealAgain = false;
          await sealAuditChain(this.db);
        } while (this.#sealAgain);
      } finally {
        this.#sealing = null;
      }
    })();
    return this.#sealing;
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, BATCH_LIMIT);
        try {
          await insertEntries(
            this.db,
            batch.map((b) => b.row),
          );
          for (const b of batch) b.done();
        } catch (err) {
          for (const b of batch) b.done(err ?? new Error("監査ログを記録できませんでした"));
        }
      }
    } finally {
      this.#flushing = false;
    }
    this.#sealSoon();
  }

  /** Seals a moment later, so the entries of several groups are linked in one seal. */
  #sealSoon(): void {
    if (this.#sealTimer) return;
    this.#sealTimer = setTimeout(() => {
      this.#sealTimer = null;
      // A failed seal is not the callers' failure: their entries are recorded, and the next seal links them.
      this.seal().catch(() => undefined);
    }, SEAL_DELAY_MS);
  }
}

const BATCH_LIMIT = 200;
/**
 * How long after a group is written its seal waits for more groups to link with it. A seal is seven statements:
 * sealing every group at once took as many round trips as linking each entry had, only off the request path.
 */
const SEAL_DELAY_MS = 250;
const batchers = new WeakMap<Db, AuditBatcher>();

function batcherOf(db: Db): AuditBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * Records an entry: in the caller's transaction when given one (it is written and goes back with it; the next seal
 * links it after the commit), otherwise with the other entries of this moment. Resolves once the entry is written.
 */
export async function recordAudit(db: Db, e: AuditEntry): Promise<void> {
  const row: NewEntry = {
    at: nowIso(),
    user_id: e.userId,
    action: e.action,
    voice_id: e.voiceId ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
  };
  if (db.isTransaction) return insertEntries(db, [row]);
  return batcherOf(db).add(row);
}

/**
 * Seals the entries of `db` every `intervalMs` (those written in transactions, and any a stopped process left), and
 * once more when stopped. The server runs it; entries recorded outside a transaction are sealed at once anyway.
 */
export function startAuditSealing(db: Db, intervalMs = 1000, onError: (err: unknown) => void = () => {}) {
  const batcher = batcherOf(db);
  const timer = setInterval(() => {
    batcher.seal().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await batcher.seal().catch(onError);
    },
  };
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
