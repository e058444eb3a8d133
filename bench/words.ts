// Frequent words over one fiscal year (~66,000 demo voices) compared with the year before: p50/p95 of the API's
// aggregation. Builds data/bench/words.sqlite from the demo loader once, and stores content words for the two
// years it measures (kuromoji in the worker; slow the first time, reused afterwards).
// Run: node --import tsx bench/words.ts [--db path.sqlite | --pg postgres://…/koe_bench_words] [--n 10]
// With --pg the database is created when missing and filled the same way.
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "../src/bootstrap.js";
import { openTarget } from "../src/db/database.js";
import { loadDemo } from "../src/demo/load-demo.js";
import { fiscalYearOf, fiscalYearRange } from "../src/domain/fiscal-period.js";
import { jstDateTimeToIso } from "../src/domain/jst.js";
import { analyzeWords } from "../src/features/text/word-analysis.js";
import { getSettings } from "../src/features/users-and-settings/settings.js";
import { closeTokenizeWorker, tokenizeBatchInWorker } from "../src/text/worker-pool.js";
import { ensureDatabase } from "./lib/pg-database.js";
import { summarize } from "./lib/stats.js";

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const pgUrl = arg("--pg");
const path = arg("--db") ?? join(here, "..", "data", "bench", "words.sqlite");
const n = Number(arg("--n") ?? 10);
if (pgUrl) await ensureDatabase(pgUrl);
else mkdirSync(dirname(path), { recursive: true });
const kdb = pgUrl
  ? await openTarget({ dialect: "postgres", url: pgUrl })
  : await openTarget({ dialect: "sqlite", path });
try {
  await prepareDatabase(kdb, { email: "admin@bench.koe.local", password: "bench-admin-password-1" });
  const voices = await kdb.db
    .selectFrom("voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(voices.n) === 0) {
    const r = await loadDemo(kdb);
    console.log(`demo loaded: ${r.voices} voices in ${r.seconds.toFixed(1)} s`);
  }
  const { db } = kdb;
  const settings = await getSettings(db);
  const fy = fiscalYearOf(new Date(), settings.fiscalYearStartMonth) - 1;
  const range = (y: number) => fiscalYearRange(y, settings.fiscalYearStartMonth);
  const fromIso = jstDateTimeToIso(range(fy - 1).from);
  const toIso = jstDateTimeToIso(range(fy).toExclusive);
  // Content words for the two fiscal years measured.
  const started = performance.now();
  let analysed = 0;
  for (;;) {
    const rows = await db
      .selectFrom("voices as v")
      .leftJoin("voice_words as w", "w.voice_id", "v.id")
      .select(["v.id", "v.content"])
      .where("w.voice_id", "is", null)
      .where("v.received_at", ">=", fromIso)
      .where("v.received_at", "<", toIso)
      .limit(2000)
      .execute();
    if (rows.length === 0) break;
    const distinct = [...new Set(rows.map((r) => r.content))];
    const words = await tokenizeBatchInWorker(distinct);
    const byText = new Map(distinct.map((t, i) => [t, (words[i] ?? []).join(" ")]));
    await db
      .insertInto("voice_words")
      .values(rows.map((r) => ({ voice_id: r.id, words: byText.get(r.content) ?? "" })))
      .execute();
    analysed += rows.length;
  }
  if (analysed)
    console.log(`analysed ${analysed} voices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await closeTokenizeWorker();

  const actor = { id: 1, role: "admin" as const, departmentId: null };
  const q = { from: range(fy).from, to: range(fy + 1).from.replace(/-01$/, "-01") };
  // to is inclusive: the last day of the fiscal year
  const last = new Date(Date.parse(`${range(fy).toExclusive}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const query = { from: q.from, to: last, limit: 30 };
  const first = await analyzeWords(db, actor, query);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await analyzeWords(db, actor, query);
    times.push(performance.now() - t);
  }
  const s = summarize(times);
  const typed = await analyzeWords(db, actor, { ...query, type: "complaint" });
  console.log(
    `words bench (${pgUrl ? "PostgreSQL" : path}), FY${fy} ${query.from}〜${query.to}: ${first.n} voices (previous year compared), load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `  all voices: p50 ${s.p50} ms, p95 ${s.p95} ms (goal < 2000 ms); complaints only: ${typed.n} voices`,
  );
  console.log(
    `  top: ${first.words
      .slice(0, 8)
      .map((w) => `${w.word} ${w.count}(${w.change >= 0 ? "+" : ""}${w.change})`)
      .join("、")}`,
  );
  console.log(`  network: ${first.network.nodes.length} nodes, ${first.network.links.length} links`);
} finally {
  await kdb.close();
}
