// Full-text search through listVoices (count + first page + snippets) on a big database: p50/p95 per query shape.
// Run: node --import tsx bench/search.ts [--db path.sqlite | --pg postgres://…] [--n 40]
// Default: the 1,000,000-voice SQLite fixture of bench/million-voices.ts (opened read-only in spirit: no writes).
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { openTarget } from "../src/db/database.js";
import { listVoices } from "../src/features/voices/list-voices.js";
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
      console.log(`  ${name.padEnd(30)} hits ${total.padStart(8)}  p50 ${s.p50} ms  p95 ${s.p95} ms`);
    }
    const s = summarize(all);
    console.log(`  all queries: p50 ${s.p50} ms, p95 ${s.p95} ms (goal p95 < 100 ms)`);
  } finally {
    await kdb.close();
  }
}

await run();
