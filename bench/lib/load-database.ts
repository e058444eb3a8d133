// The load benches' database on PostgreSQL: created fresh with the demo federation's voices loaded in bulk and their
// words analysed beforehand, so the servers start with nothing to catch up on (their indexer still analyses what
// the bench registers). With `reuse`, a database an earlier run kept (--keep) is taken as it is.
import { sql } from "kysely";
import { prepareDatabase } from "../../src/bootstrap.js";
import { openTarget } from "../../src/db/database.js";
import { loadDemo } from "../../src/demo/load-demo.js";
import { indexAllMissingWords } from "../../src/features/text/word-index.js";
import { fillMissingWordKeys } from "../../src/search/word-key-index.js";
import { closeTokenizeWorker } from "../../src/text/worker-pool.js";
import { makeSessions, SESSIONS, type StaffSession } from "./load-staff.js";
import { databaseExists, recreateDatabase } from "./pg-database.js";

const log = (l: string) => process.stderr.write(`${l}\n`);

export async function prepareLoadDatabase(
  url: string,
  opts: { voices: number; reuse: boolean },
): Promise<{ seedSeconds: number; wordSeconds: number; sessions: StaffSession[] }> {
  const reuse = opts.reuse && (await databaseExists(url));
  if (!reuse) await recreateDatabase(url);
  const kdb = await openTarget({ dialect: "postgres", url }, { poolSize: 4 });
  let seedSeconds = 0;
  let wordSeconds = 0;
  try {
    if (reuse) log("--reuse: the kept database as it is (with the voices earlier runs registered)");
    else {
      await prepareDatabase(kdb, { email: "admin@bench.koe.local", password: "bench-admin-password-1" });
      const seeded = await loadDemo(kdb, { maxVoices: opts.voices, now: new Date() });
      seedSeconds = seeded.seconds;
      log(`seeded ${seeded.voices} voices, ${seeded.events} events in ${seedSeconds.toFixed(1)} s`);
      const t = performance.now();
      const analysed = await indexAllMissingWords(kdb.db);
      while ((await fillMissingWordKeys(kdb.db)) > 0) {
        // the search word keys of the seeded voices
      }
      await closeTokenizeWorker();
      wordSeconds = (performance.now() - t) / 1000;
      log(`analysed the words of ${analysed} voices in ${wordSeconds.toFixed(1)} s`);
    }
    await sql`vacuum analyze`.execute(kdb.db);
    // The seeding wrote hundreds of MB of WAL: its checkpoint is taken now, not in the middle of a measured phase
    // (one the seed had made due started during a measured run, and the first change of each page after
    // it writes the whole page to the WAL). The load's own checkpoints still come when they come.
    await sql`checkpoint`.execute(kdb.db);
    const total = SESSIONS.list + SESSIONS.show + SESSIONS.register + SESSIONS.comment;
    return { seedSeconds, wordSeconds, sessions: await makeSessions(kdb.db, total) };
  } finally {
    await kdb.close();
  }
}
