// A SQLite fixture of N voices (the 1M fixture's loader) with every voice's search word keys filled by the background
// job's code, for bench/search.ts at sizes a machine can afford: the keys take the analyzer ~0.5 ms a distinct text.
// Run: node --import tsx bench/search-words-fixture.ts --n 100000 --db data/bench/words-100k.sqlite
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openTarget } from "../src/db/database.js";
import { fillAllMissingWordKeys } from "../src/search/word-key-index.js";
import { closeTokenizeWorker } from "../src/text/worker-pool.js";
import { bulkLoadVoices } from "./lib/bulk-voices.js";
import { FIXTURE_NOW } from "./million-voices.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const n = Number(arg("--n") ?? 100_000);
const path = arg("--db") ?? `data/bench/words-${n}.sqlite`;
mkdirSync(dirname(path), { recursive: true });
for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) rmSync(p);
const kdb = await openTarget({ dialect: "sqlite", path });
try {
  await prepareDatabase(kdb, { email: "admin@bench.koe.local", password: "bench-admin-password-1" });
  let t = performance.now();
  const loaded = await bulkLoadVoices(kdb, { target: n, now: FIXTURE_NOW });
  console.log(
    `${loaded.voices.toLocaleString("en")} voices loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const keyed = await fillAllMissingWordKeys(kdb.db, (done) => {
    if (done % 50_000 === 0) console.log(`  word keys: ${done.toLocaleString("en")}`);
  });
  console.log(
    `word keys of ${keyed.toLocaleString("en")} voices in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  kdb.sqlite?.pragma("wal_checkpoint(TRUNCATE)");
} finally {
  await kdb.close();
  await closeTokenizeWorker();
}
