/**
 * A pg client that runs koe's frequent statements as named prepared statements. Kysely sends every statement as an
 * unnamed one, so PostgreSQL parses and plans the same text again on each call; under the load bench's 200 staff
 * sessions that was about a fifth of the database's CPU (docs/performance.md). A statement text gets a name once it
 * has been sent a few times, up to a bounded number of names, so one-off statements (imports' multi-row inserts,
 * ad-hoc filters) neither take memory on every backend nor pay for the extra Parse.
 *
 * Off with KOE_PG_PREPARE=off: a pooler in transaction mode (PgBouncer before 1.21) cannot keep prepared statements.
 */
import pg from "pg";

/** Sent this often before a text is prepared: the statements that matter are sent thousands of times. */
const USES_BEFORE_PREPARING = 3;
/** The most names handed out per process; each backend holds at most this many statements. */
const MAX_NAMES = 400;
/** Longer texts are bulk statements, different each time. */
const MAX_TEXT_LENGTH = 8_000;
/** Only queries and row writes are prepared: not transaction control, DDL or several statements in one text. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** PostgreSQL's "cached plan must not change result type": the table a `select *` reads has changed. */
const RESULT_TYPE_CHANGED = "0A000";

export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly uses = new Map<string, number>();
  private readonly refused = new Set<string>();
  /** Names are never reused: a backend may still hold a refused text under its old name. */
  private issued = 0;

  /** The name to send `text` under, or null to send it unnamed. */
  nameFor(text: string): string | null {
    const known = this.names.get(text);
    if (known) return known;
    if (text.length > MAX_TEXT_LENGTH || this.names.size >= MAX_NAMES || this.refused.has(text)) return null;
    if (!PREPARABLE.test(text) || text.includes(";")) return null;
    const n = (this.uses.get(text) ?? 0) + 1;
    if (n < USES_BEFORE_PREPARING) {
      // Counting one-off texts must not grow without bound either.
      if (this.uses.size > 10 * MAX_NAMES) this.uses.clear();
      this.uses.set(text, n);
      return null;
    }
    this.uses.delete(text);
    const name = `koe_${++this.issued}`;
    this.names.set(text, name);
    return name;
  }

  /** A text whose prepared form PostgreSQL refused (its table changed): always unnamed from now on. */
  refuse(text: string): void {
    this.names.delete(text);
    this.refused.add(text);
  }

  get size(): number {
    return this.names.size;
  }
}

/** Whether KOE_PG_PREPARE allows prepared statements (on unless "off"/"false"/"0"). */
export function preparedStatementsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.KOE_PG_PREPARE?.trim().toLowerCase();
  if (v === undefined || v === "" || v === "on" || v === "true" || v === "1") return true;
  if (v === "off" || v === "false" || v === "0") return false;
  throw new Error(`KOE_PG_PREPARE の値「${env.KOE_PG_PREPARE}」は on か off にしてください`);
}

type Callback = (err: Error | null, res?: pg.QueryResult) => void;

/** A pg.Client class for pg.Pool's `Client` option, naming statements by `names` (shared by the pool's clients). */
export function preparingClient(names: StatementNames): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    /** Kysely opens and ends transactions with these texts; a refused prepared statement is retried outside one. */
    private inTransaction = false;

    // biome-ignore lint/suspicious/noExplicitAny: pg's query() is overloaded many ways; only (text, values) changes
    override query(config: any, values?: any, callback?: any): any {
      if (typeof config === "string" && Array.isArray(values) && callback === undefined) {
        const head = config.slice(0, 9).toLowerCase();
        if (head.startsWith("begin") || head.startsWith("start")) this.inTransaction = true;
        else if (head.startsWith("commit") || head.startsWith("rollback")) this.inTransaction = false;
        const name = names.nameFor(config);
        if (name) return this.queryNamed(name, config, values);
      }
      return super.query(config, values, callback as Callback);
    }

    private async queryNamed(name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
      try {
        return await super.query({ name, text, values });
      } catch (err) {
        if ((err as { code?: string }).code !== RESULT_TYPE_CHANGED) throw err;
        // The statement was prepared before a migration changed its table: never prepare it again, and run it
        // unnamed now unless a transaction was aborted by the error (then its caller sees the error and retries).
        names.refuse(text);
        if (this.inTransaction) throw err;
        await super.query(`deallocate ${name}`).catch(() => undefined);
        return super.query(text, values);
      }
    }
  };
}
