// Moving 1,000,000 voices from SQLite to PostgreSQL: `koe db copy` (koe's logical dump streamed into its
// all-or-nothing restore, references checked, counts verified, search index rebuilt) beside the raw copy the benches
// use to build their PostgreSQL fixture (bench/million-voices-pg.ts: bare better-sqlite3 reads,
// json_populate_recordset inserts with foreign keys switched off, the same search-index rebuild), in one run;
// then `koe backup` of the same database to a file. Goal (issue 17): 1M voices moved in < 10 minutes.
// Run: node --import tsx bench/db-copy.ts [--pg postgres://postgres@127.0.0.1:5432]
import { rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openTarget } from "../src/db/database.js";
import { writeBackupFile } from "../src/features/backup/backup-file.js";
import { dumpDatabase } from "../src/features/backup/dump-database.js";
import { restoreDatabase } from "../src/features/backup/restore-database.js";
import { adminQuery, recreateDatabase } from "./lib/pg-database.js";
import { ensureMillionVoicesDb } from "./million-voices.js";
import { buildPgFixture } from "./million-voices-pg.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const server = (arg("--pg") ?? "postgres://postgres@127.0.0.1:5432").replace(/\/$/, "");
const log = (l: string) => process.stderr.write(`${l}\n`);
const seconds = (t: number) => (performance.now() - t) / 1000;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

const sqlitePath = await ensureMillionVoicesDb({ log });
const rawUrl = `${server}/koe_bench_copy_raw`;
const koeUrl = `${server}/koe_bench_copy_koe`;
const file = join(tmpdir(), `koe-bench-${process.pid}.koe-backup`);
const load = () => loadavg()[0]?.toFixed(1);

try {
  log(`raw copy into ${rawUrl} … (load ${load()})`);
  let t = performance.now();
  await buildPgFixture(rawUrl, log);
  const raw = seconds(t);

  log(`koe db copy into ${koeUrl} … (load ${load()})`);
  await recreateDatabase(koeUrl);
  const source = await openTarget({ dialect: "sqlite", path: sqlitePath });
  const target = await openTarget({ dialect: "postgres", url: koeUrl });
  peakRss = 0;
  t = performance.now();
  let result: Awaited<ReturnType<typeof restoreDatabase>>;
  try {
    result = await restoreDatabase(target, dumpDatabase(source.db, source.dialect), (p) => {
      if (p.rows % 200_000 === 0 && p.rows > 0) log(`  ${p.table}: ${p.rows.toLocaleString("en")} rows`);
    });
  } finally {
    await target.close();
  }
  const koe = seconds(t);
  const copyRss = peakRss;
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);

  log(`koe backup of the SQLite database to a file … (load ${load()})`);
  peakRss = 0;
  t = performance.now();
  await writeBackupFile(dumpDatabase(source.db, source.dialect), file);
  const backup = seconds(t);
  const backupRss = peakRss;
  await source.close();
  const size = statSync(file).size;

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `\n1,000,000 voices, ${rows.toLocaleString("en")} rows in ${Object.keys(result.tables).length} tables (load ${load()})`,
  );
  console.log("| what | seconds | rows/s | peak RSS |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(
    `| raw copy SQLite → PostgreSQL (bench fixture builder) | ${raw.toFixed(0)} | ${(rows / raw).toFixed(0)} | — |`,
  );
  console.log(
    `| koe db copy SQLite → PostgreSQL | ${koe.toFixed(0)} | ${(rows / koe).toFixed(0)} | ${mb(copyRss)} |`,
  );
  console.log(
    `| koe backup SQLite → file (${mb(size)} gzip) | ${backup.toFixed(0)} | ${(rows / backup).toFixed(0)} | ${mb(backupRss)} |`,
  );
  console.log(`koe / raw: ${(koe / raw).toFixed(2)}×; goal < 600 s: ${koe < 600 ? "met" : "NOT met"}`);
} finally {
  clearInterval(sampler);
  rmSync(file, { force: true });
  for (const url of [rawUrl, koeUrl]) {
    const name = new URL(url).pathname.slice(1);
    await adminQuery(url, `drop database if exists ${name} with (force)`).catch(() => {});
  }
}
