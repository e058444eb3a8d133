// The 1,000,000-voice PostgreSQL fixture: a copy of the SQLite fixture (bench/million-voices.ts) into its own
// database, so both engines are measured on the same voices. The search index is built by koe's own PostgreSQL
// indexer (reindexAll), not copied, because the two engines index differently.
// Run: node --import tsx bench/million-voices-pg.ts [--pg postgres://postgres@127.0.0.1/koe_bench_million] [--rebuild]
// Then: node --import tsx bench/search.ts --pg <url>, bench/similar.ts --pg <url>, bench/words.ts --pg <url>
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { migrateToLatest, openTarget } from "../src/db/database.js";
import { reindexAll } from "../src/search/search-index.js";
import { databaseExists, recreateDatabase } from "./lib/pg-database.js";
import { ensureMillionVoicesDb } from "./million-voices.js";

export const DEFAULT_PG_FIXTURE_URL = "postgres://postgres@127.0.0.1:5432/koe_bench_million";
const BATCH = 5_000;
/** The database's own bookkeeping and the engine-specific search index are not copied. */
const SKIPPED = /^(sqlite_|kysely_migration|voice_search)/;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Copies the SQLite fixture into the database at `url` (created fresh); returns the number of voices. */
export async function buildPgFixture(url: string, log: (l: string) => void): Promise<number> {
  const sqlitePath = await ensureMillionVoicesDb({ log });
  await recreateDatabase(url);
  const started = performance.now();
  const target = await openTarget({ dialect: "postgres", url });
  const source = new SQLite(sqlitePath, { readonly: true });
  try {
    await migrateToLatest(target.db);
    const tables = (
      source.prepare("select name from sqlite_master where type = 'table' order by rowid").all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((t) => !SKIPPED.test(t));
    await target.db.connection().execute(async (conn) => {
      // Rows arrive table by table: foreign keys are checked by the source, not re-checked here.
      await sql`set session_replication_role = replica`.execute(conn);
      for (const table of tables) {
        // The migration's own rows (default labels, settings) are replaced by the fixture's.
        await sql`delete from ${sql.table(table)}`.execute(conn);
        const rows = source.prepare(`select * from "${table}"`);
        let batch: unknown[] = [];
        let copied = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await sql`insert into ${sql.table(table)}
            select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch)})`.execute(
            conn,
          );
          copied += batch.length;
          batch = [];
        };
        for (const row of rows.iterate()) {
          batch.push(row);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        // Serial ids continue after the copied rows.
        const seq = await sql<{ s: string | null }>`select pg_get_serial_sequence(${table}, 'id') as s`
          .execute(conn)
          .catch(() => ({ rows: [{ s: null }] }));
        const s = seq.rows[0]?.s;
        if (s && copied > 0)
          await sql`select setval(${s}, (select max(id) from ${sql.table(table)}))`.execute(conn);
        log(`  ${table}: ${copied.toLocaleString("en")} rows`);
      }
      await sql`set session_replication_role = origin`.execute(conn);
    });
    log("  search index …");
    const voices = await reindexAll(target, (n) => {
      if (n % 200_000 === 0) log(`    ${n.toLocaleString("en")} voices indexed`);
    });
    await sql`vacuum analyze`.execute(target.db);
    log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return voices;
  } finally {
    source.close();
    await target.close();
  }
}

/** The fixture's URL, building it when the database is missing or holds fewer voices than the SQLite fixture. */
export async function ensurePgFixture(
  url = DEFAULT_PG_FIXTURE_URL,
  opts: { rebuild?: boolean; log?: (l: string) => void } = {},
): Promise<string> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (!opts.rebuild) {
    if (await databaseExists(url)) {
      const kdb = await openTarget({ dialect: "postgres", url });
      try {
        const r = await sql<{ n: string }>`select count(*) as n from voice_search`.execute(kdb.db);
        if (Number(r.rows[0]?.n) >= 1_000_000) return url;
      } catch {
        // an interrupted build: rebuild below
      } finally {
        await kdb.close();
      }
    }
  }
  log(`building the PostgreSQL fixture ${url} from the SQLite fixture …`);
  await buildPgFixture(url, log);
  return url;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = arg("--pg") ?? DEFAULT_PG_FIXTURE_URL;
  await ensurePgFixture(url, { rebuild: process.argv.includes("--rebuild") });
  console.log(url);
}
