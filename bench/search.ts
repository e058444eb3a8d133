// Full-text search through listVoices (count + first page + snippets) on a big database: p50/p95 per query shape,
// beside the raw part from the same run: the bare full-text engine (FTS5 MATCH on SQLite, tsvector @@ on PostgreSQL)
// asked in plain SQL for the same characters as an exact phrase (count + the newest 50 ids) — no words, synonyms,
// filters, ranking or snippets, which are what koe adds.
// Run: node --import tsx bench/search.ts [--db path.sqlite | --pg postgres://…] [--n 40]
// Default: the 1,000,000-voice SQLite fixture of bench/million-voices.ts (opened read-only in spirit: no writes).
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { type Kysely, sql } from "kysely";
import { type KoeDatabase, openTarget } from "../src/db/database.js";
import { listVoices } from "../src/features/voices/list-voices.js";
import { parseSearchQuery } from "../src/search/search-text.js";
import type { VoiceListQuery } from "../src/shared/api-contract.js";
import { summarize } from "./lib/stats.js";
import { MILLION_DB_PATH } from "./million-voices.js";

export const SEARCH_QUERIES: { name: string; query: VoiceListQuery }[] = [
  { name: "2 chars 電話", query: { q: "電話" } },
  { name: "2 chars 書類", query: { q: "書類" } },
  { name: "2 chars 解約", query: { q: "解約" } },
  { name: "2 chars 遅い", query: { q: "遅い" } },
  { name: "1 char 遅", query: { q: "遅" } },
  { name: "4 chars 口座振替", query: { q: "口座振替" } },
  { name: "5 chars 説明が丁寧", query: { q: "説明が丁寧" } },
  { name: "AND 電話 書類", query: { q: "電話 書類" } },
  { name: 'phrase "電話がつながらない"', query: { q: '"電話がつながらない"' } },
  { name: "q + type + FY", query: { q: "電話", type: "complaint", from: "2024/4/1", to: "2025/3/31" } },
  { name: "q + department", query: { q: "説明", department: "call_center" } },
  { name: "q + channel (broad, few hits)", query: { q: "電話 書類", channel: "web" } },
  { name: "q sorted by date", query: { q: "電話", sort: "received_desc" } },
  // Typed phrases read as words too (issue 16): word keys, synonyms, the loosened phrase that finds few.
  { name: "words 電話がつながらない", query: { q: "電話がつながらない" } },
  { name: "words 分かりにくい", query: { q: "分かりにくい" } },
  { name: "words+synonym 保険金の請求", query: { q: "保険金の請求" } },
  { name: "words loosened 窓口の態度が悪い", query: { q: "窓口の態度が悪い" } },
];

/** The raw part: the query's terms as exact phrases, straight to the engine. */
async function rawSearch(kdb: KoeDatabase, q: string): Promise<number> {
  const terms = parseSearchQuery(q);
  // biome-ignore lint/suspicious/noExplicitAny: plain SQL on the bench's own connection
  const db = kdb.db as unknown as Kysely<any>;
  if (kdb.dialect === "sqlite") {
    const match = terms
      .map((t) => (t.char ? `u : "${t.char}"` : `g : "${t.bigrams.join(" ")}"`))
      .join(" AND ");
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from voice_search where voice_search match ${match}`.execute(db);
    await sql`select rowid from voice_search where voice_search match ${match} order by rowid desc limit 50`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0);
  }
  const query = sql.join(
    terms.map((t) =>
      t.char
        ? sql`plainto_tsquery('simple', ${t.char})`
        : sql`phraseto_tsquery('simple', ${t.bigrams.join(" ")})`,
    ),
    sql` && `,
  );
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from voice_search where doc @@ (${query})`.execute(db);
  await sql`select voice_id from voice_search where doc @@ (${query}) order by voice_id desc limit 50`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function run(): Promise<void> {
  const pgUrl = arg("--pg");
  const path = arg("--db") ?? MILLION_DB_PATH;
  const n = Number(arg("--n") ?? 40);
  if (!pgUrl && !existsSync(path)) {
    console.error(`${path} がありません。先に node --import tsx bench/million-voices.ts で作ってください`);
    process.exitCode = 1;
    return;
  }
  const kdb = pgUrl
    ? await openTarget({ dialect: "postgres", url: pgUrl })
    : await openTarget({ dialect: "sqlite", path });
  const voices = await kdb.db
    .selectFrom("voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  console.log(
    `search bench on ${kdb.dialect} (${pgUrl ? "PostgreSQL" : path}), ${Number(voices.n).toLocaleString("en")} voices, ${n} runs per query, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  const actor = { id: 1, role: "admin" as const, departmentId: null };
  const all: number[] = [];
  const rawAll: number[] = [];
  try {
    for (const { name, query } of SEARCH_QUERIES) {
      await listVoices(kdb.db, actor, query); // warm-up
      const times: number[] = [];
      let total = "";
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await listVoices(kdb.db, actor, { ...query, limit: 50 });
        times.push(performance.now() - t);
        total = `${r.total}${r.totalCapped ? "+" : ""}`;
      }
      all.push(...times);
      const s = summarize(times);
      // The raw part, interleaved rounds after koe's so both see the same machine.
      const q = query.q ?? "";
      await rawSearch(kdb, q);
      const rawTimes: number[] = [];
      let rawHits = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        rawHits = await rawSearch(kdb, q);
        rawTimes.push(performance.now() - t);
      }
      rawAll.push(...rawTimes);
      const r = summarize(rawTimes);
      console.log(
        `  ${name.padEnd(30)} hits ${total.padStart(8)}  p50 ${s.p50} ms  p95 ${s.p95} ms | raw exact ${String(rawHits).padStart(8)} hits p50 ${r.p50} p95 ${r.p95} ms`,
      );
    }
    const s = summarize(all);
    const r = summarize(rawAll);
    console.log(
      `  all queries: p50 ${s.p50} ms, p95 ${s.p95} ms (goal p95 < 100 ms) | raw exact phrase p50 ${r.p50} ms, p95 ${r.p95} ms`,
    );
  } finally {
    await kdb.close();
  }
}

await run();
