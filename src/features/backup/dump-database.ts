/**
 * Reads a whole koe database as backup records, from one snapshot: the server may go on writing meanwhile
 * (another process or connection), and the backup still holds one moment — no voice without its timeline.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { dialectFor, type TableShape } from "../../db/dialect.js";
import { sealAuditChain } from "../../services/audit-chain.js";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupRecord,
  type BackupValue,
  toBackupValue,
} from "./backup-records.js";
import { planLoadOrder } from "./table-order.js";

/**
 * Tables that are not copied: the migrator's own (the restore migrates), the search index (rebuilt) and the
 * configuration's generation (the target's own triggers move it as the rows load).
 */
const NOT_COPIED = new Set([
  "kysely_migration",
  "kysely_migration_lock",
  "voice_search",
  "config_generation",
]);

const PAGE = 2000;

/** The tables a backup holds, in the order a restore can load them (every table after those it references). */
export async function copiedTables(db: Db): Promise<TableShape[]> {
  const tables = (await dialectFor(db).describeTables(db)).filter((t) => !NOT_COPIED.has(t.name));
  const byName = new Map(tables.map((t) => [t.name, t]));
  return planLoadOrder(tables).order.map((name) => byName.get(name) as TableShape);
}

/** The last migration applied to a database: its schema version. */
export async function schemaVersionOf(db: Db): Promise<string> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    db,
  );
  const name = r.rows[0]?.name;
  if (!name) throw new Error("データベースが初期化されていません（koe migrate を実行してください）");
  return name;
}

/**
 * Holds one connection inside a read-only snapshot transaction for as long as the generator runs. Kysely lends a
 * connection only to a callback, so the callback waits until the generator is finished with it.
 */
async function holdSnapshot(db: Db): Promise<{ conn: Db; release: () => Promise<void> }> {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let lend!: (conn: Db) => void;
  let fail!: (err: unknown) => void;
  const lent = new Promise<Db>((resolve, reject) => {
    lend = resolve;
    fail = reject;
  });
  const held = db
    .connection()
    .execute(async (conn) => {
      await dialectFor(db).beginReadSnapshot(conn);
      lend(conn);
      await finished;
      await sql`commit`.execute(conn);
    })
    .catch((err) => {
      fail(err);
      throw err;
    });
  const conn = await lent;
  return {
    conn,
    release: async () => {
      finish();
      await held;
    },
  };
}

async function* tableRows(conn: Db, table: TableShape): AsyncGenerator<BackupValue[][]> {
  const cols = sql.join(table.columns.map((c) => sql.ref(c)));
  const t = sql.table(table.name);
  if (table.primaryKey.length === 0) {
    const r = await sql<Record<string, unknown>>`select ${cols} from ${t}`.execute(conn);
    yield r.rows.map((row) => table.columns.map((c) => toBackupValue(row[c])));
    return;
  }
  // Keyset pages over the primary key (a row value for a composite key): constant memory at any size.
  const key = sql.join(table.primaryKey.map((c) => sql.ref(c)));
  let last: unknown[] | undefined;
  for (;;) {
    const after = last ? sql`where (${key}) > (${sql.join(last)})` : sql``;
    const r = await sql<
      Record<string, unknown>
    >`select ${cols} from ${t} ${after} order by ${key} limit ${PAGE}`.execute(conn);
    if (r.rows.length === 0) return;
    yield r.rows.map((row) => table.columns.map((c) => toBackupValue(row[c])));
    const lastRow = r.rows[r.rows.length - 1] as Record<string, unknown>;
    last = table.primaryKey.map((c) => lastRow[c]);
    if (r.rows.length < PAGE) return;
  }
}

/** Every record of a backup of `db`, header to end. */
export async function* dumpDatabase(db: Db, engine: string): AsyncGenerator<BackupRecord> {
  // The audit entries written so far are linked first, so the copy holds them chained (entries written during the
  // dump are linked by the restored database's first seal).
  await sealAuditChain(db);
  const { conn, release } = await holdSnapshot(db);
  try {
    const schema = await schemaVersionOf(conn);
    yield {
      kind: "header",
      header: {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schema,
        createdAt: new Date().toISOString(),
        engine,
      },
    };
    const counts: Record<string, number> = {};
    for (const table of await copiedTables(conn)) {
      yield { kind: "table", table: table.name, columns: table.columns };
      let n = 0;
      for await (const rows of tableRows(conn, table)) {
        n += rows.length;
        yield { kind: "rows", rows };
      }
      counts[table.name] = n;
      yield { kind: "tableEnd", table: table.name, rows: n };
    }
    yield { kind: "end", tables: counts };
  } finally {
    await release();
  }
}
