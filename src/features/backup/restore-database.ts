/**
 * Loads backup records into an empty database of either engine, all or nothing: the target is migrated to the
 * backup's schema version, every table is loaded in one transaction in the order of its references, the counts are
 * checked against the backup's own, and only then is the target migrated on to this version of koe and its
 * search index rebuilt.
 */
import { type RawBuilder, sql } from "kysely";
import { type Db, type KoeDatabase, MIGRATION_NAMES, migrateTo } from "../../db/database.js";
import { dialectFor, type TableShape } from "../../db/dialect.js";
import { reindexAll } from "../../search/search-index.js";
import { forgetConfig } from "../../services/config-cache.js";
import { BackupFormatError, type BackupRecord, type BackupValue, fromBackupValue } from "./backup-records.js";
import { copiedTables } from "./dump-database.js";
import { planLoadOrder } from "./table-order.js";

export interface RestoreResult {
  schema: string;
  tables: Record<string, number>;
  indexedVoices: number;
}

export interface RestoreProgress {
  table: string;
  rows: number;
}

/** SQLite binds at most 32,766 values per statement, PostgreSQL 65,535; rows per insert stay well under both. */
const VALUES_PER_INSERT = 30_000;

async function currentSchema(db: Db): Promise<string | null> {
  try {
    const r = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`.execute(db);
    return r.rows[0]?.name ?? null;
  } catch {
    return null; // no migration table: a new database
  }
}

async function rowCount(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Refuses a target that holds anything people entered; rows the setup made (default labels) are replaced. */
async function assertEmptyTarget(db: Db): Promise<void> {
  for (const table of ["voices", "users", "customers"]) {
    const n = await rowCount(db, table);
    if (n > 0) {
      throw new BackupFormatError(
        `復元先のデータベースは空ではありません（${table} に ${n.toLocaleString("ja-JP")} 行あります）。新しい空のデータベースを指定してください`,
      );
    }
  }
}

interface TableLoad {
  shape: TableShape;
  columns: string[];
  /** positions in `columns` of the deferred columns, written as null first */
  deferred: number[];
  pending: BackupValue[][];
  rows: number;
}

/** Loads one table's buffered rows in multi-row inserts; remembers the deferred columns' values. */
async function flushRows(
  trx: Db,
  load: TableLoad,
  later: { table: string; key: Record<string, unknown>; column: string; value: unknown }[],
): Promise<void> {
  if (load.pending.length === 0) return;
  const perInsert = Math.max(1, Math.min(1000, Math.floor(VALUES_PER_INSERT / load.columns.length)));
  const keyIndexes = load.shape.primaryKey.map((k) => load.columns.indexOf(k));
  const cols = sql.join(load.columns.map((c) => sql.ref(c)));
  for (let i = 0; i < load.pending.length; i += perInsert) {
    const batch = load.pending.slice(i, i + perInsert);
    const values: RawBuilder<unknown>[] = batch.map((row) => {
      const cells = row.map((v) => fromBackupValue(v));
      for (const d of load.deferred) {
        if (cells[d] !== null) {
          const key = Object.fromEntries(
            load.shape.primaryKey.map((k, j) => [k, cells[keyIndexes[j] as number]]),
          );
          later.push({ table: load.shape.name, key, column: load.columns[d] as string, value: cells[d] });
          cells[d] = null;
        }
      }
      return sql`(${sql.join(cells)})`;
    });
    await sql`insert into ${sql.table(load.shape.name)} (${cols}) values ${sql.join(values)}`.execute(trx);
  }
  load.pending = [];
}

/**
 * Restores `records` (a backup file's or another database's) into `kdb`. Throws, having written nothing, on a file
 * cut short, counts that do not match, a backup newer than this koe, or a target that is not empty.
 */
export async function restoreDatabase(
  kdb: KoeDatabase,
  records: AsyncIterable<BackupRecord>,
  onProgress?: (p: RestoreProgress) => void,
): Promise<RestoreResult> {
  const { db } = kdb;
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.kind !== "header") throw new BackupFormatError("バックアップが空です");
  const { schema } = first.value.header;
  if (!MIGRATION_NAMES.includes(schema)) {
    throw new BackupFormatError(
      `このバックアップは新しい版の koe で作られています（スキーマ ${schema}）。同じ版以降の koe で復元してください`,
    );
  }
  const targetSchema = await currentSchema(db);
  if (targetSchema !== null && targetSchema > schema) {
    throw new BackupFormatError(
      `復元先のデータベースはバックアップより新しいスキーマです（${targetSchema}）。新しい空のデータベースに復元してください`,
    );
  }
  await migrateTo(db, schema);
  await assertEmptyTarget(db);

  const shapes = new Map((await copiedTables(db)).map((t) => [t.name, t]));
  const plan = planLoadOrder([...shapes.values()]);
  const loaded: Record<string, number> = {};

  await db.transaction().execute(async (trx) => {
    // The setup's own rows (default labels) give way to the backup's, children before parents.
    for (const name of [...plan.order].reverse()) await sql`delete from ${sql.table(name)}`.execute(trx);

    // A backup lists its tables in load order, so each table streams into the database as it arrives. A table
    // whose references are not loaded yet (a file written by other means) waits in memory until they are.
    const waiting = new Map<string, TableLoad>();
    const later: { table: string; key: Record<string, unknown>; column: string; value: unknown }[] = [];
    const done = new Set<string>();
    let current: TableLoad | undefined;
    let ended: Record<string, number> | undefined;

    const ready = (name: string) =>
      (shapes.get(name)?.references ?? []).every(
        (r) => r.table === name || done.has(r.table) || !shapes.has(r.table) || isDeferred(name, r.column),
      );
    const isDeferred = (table: string, column: string) => plan.deferred.get(table)?.includes(column) ?? false;
    const finish = async (load: TableLoad) => {
      await flushRows(trx, load, later);
      done.add(load.shape.name);
      loaded[load.shape.name] = load.rows;
      // Tables that waited for this one may go now.
      for (const [name, w] of waiting) {
        if (ready(name)) {
          waiting.delete(name);
          await finish(w);
        }
      }
    };

    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const record = next.value;
      if (ended) throw new BackupFormatError("バックアップファイルの終わりの後に余分な行があります");
      switch (record.kind) {
        case "header":
          throw new BackupFormatError("バックアップファイルに見出しが二つあります");
        case "table": {
          const shape = shapes.get(record.table);
          if (!shape) throw new BackupFormatError(`復元先に表 ${record.table} がありません`);
          const unknown = record.columns.filter((c) => !shape.columns.includes(c));
          if (unknown.length > 0) {
            throw new BackupFormatError(`表 ${record.table} の列 ${unknown.join("、")} が復元先にありません`);
          }
          const deferredCols = plan.deferred.get(record.table) ?? [];
          current = {
            shape,
            columns: record.columns,
            deferred: deferredCols.map((c) => record.columns.indexOf(c)).filter((i) => i >= 0),
            pending: [],
            rows: 0,
          };
          break;
        }
        case "rows": {
          if (!current) throw new BackupFormatError("表の見出しの前に行があります");
          const width = current.columns.length;
          for (const row of record.rows) {
            if (row.length !== width) {
              throw new BackupFormatError(
                `表 ${current.shape.name} の ${current.rows + 1} 行目の列の数（${row.length}）が見出し（${width}）と違います`,
              );
            }
            current.pending.push(row);
            current.rows++;
          }
          if (ready(current.shape.name) && current.pending.length >= 5000)
            await flushRows(trx, current, later);
          onProgress?.({ table: current.shape.name, rows: current.rows });
          break;
        }
        case "tableEnd": {
          if (!current || current.shape.name !== record.table || current.rows !== record.rows) {
            throw new BackupFormatError(
              `表 ${record.table} の行数がバックアップの記録（${record.rows.toLocaleString("ja-JP")} 行）と合いません`,
            );
          }
          if (ready(current.shape.name)) await finish(current);
          else waiting.set(current.shape.name, current);
          current = undefined;
          break;
        }
        case "end":
          ended = record.tables;
          break;
      }
    }
    if (!ended || current) {
      throw new BackupFormatError("バックアップファイルが途中で切れています（終わりの記録がありません）");
    }
    if (waiting.size > 0) {
      throw new BackupFormatError(
        `参照先の表がバックアップにないため ${[...waiting.keys()].join("、")} を復元できません`,
      );
    }
    for (const [name, n] of Object.entries(ended)) {
      if (loaded[name] !== n) {
        throw new BackupFormatError(`表 ${name} の行数がバックアップの記録（${n} 行）と合いません`);
      }
    }
    for (const u of later) {
      const where = sql.join(
        Object.entries(u.key).map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
        sql` and `,
      );
      await sql`update ${sql.table(u.table)} set ${sql.ref(u.column)} = ${u.value} where ${where}`.execute(
        trx,
      );
    }
    // New rows made after the restore get ids after the restored ones (PostgreSQL's sequences).
    const withIds = [...shapes.values()]
      .filter((t) => t.primaryKey.length === 1 && t.primaryKey[0] === "id")
      .map((t) => t.name);
    await dialectFor(trx).continueIdsAfter(trx, withIds);
  });

  await migrateTo(db);
  // The restored labels and settings replace what this process may keep in memory of the setup's.
  forgetConfig(db);
  const indexedVoices = await reindexAll(kdb);
  await dialectFor(db).fullText.tidyAfterRebuild(db);
  // The planner's statistics of the loaded tables: without them PostgreSQL planned a filtered search over the
  // 1M restored voices at 227 ms p95 instead of 49 ms until autovacuum came round (performance.md).
  await sql`analyze`.execute(db);
  return { schema, tables: loaded, indexedVoices };
}
