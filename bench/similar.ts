// Similar voices (「似ている声」) on a big database: p50/p95 of findSimilarVoices for lightly paraphrased texts
// of existing voices, and how often the original comes back first.
// Run: node --import tsx bench/similar.ts [--db path.sqlite | --pg postgres://…] [--n 60]
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { openTarget } from "../src/db/database.js";
import { findSimilarVoices } from "../src/features/text/similar-voices.js";
import { similarityScore } from "../src/text/similarity.js";
import { summarize } from "./lib/stats.js";
import { MILLION_DB_PATH } from "./million-voices.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** A light paraphrase: drop the opening words, change punctuation, add a closing phrase. */
function paraphrase(text: string): string {
  const chars = [...text];
  return `${chars
    .slice(Math.min(6, Math.floor(chars.length / 5)))
    .join("")
    .replaceAll("。", "、")}よろしくお願いします。`;
}

const pgUrl = arg("--pg");
const path = arg("--db") ?? MILLION_DB_PATH;
const n = Number(arg("--n") ?? 60);
if (!pgUrl && !existsSync(path)) {
  console.error(`${path} がありません。先に node --import tsx bench/million-voices.ts で作ってください`);
  process.exit(1);
}
const kdb = pgUrl
  ? await openTarget({ dialect: "postgres", url: pgUrl })
  : await openTarget({ dialect: "sqlite", path });
try {
  const max = Number(
    (
      await kdb.db
        .selectFrom("voices")
        .select((eb) => eb.fn.max("id").as("m"))
        .executeTakeFirstOrThrow()
    ).m,
  );
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const ids = Array.from({ length: n }, () => 1 + Math.floor(rand() * max));
  const samples = await kdb.db
    .selectFrom("voices")
    .select(["id", "content"])
    .where("id", "in", ids)
    .where("status", "!=", "voided")
    .execute();
  // Warm-up with other voices than the measured ones: the bigram sample, and every pooled connection (a new
  // PostgreSQL connection pays for its catalog caches on its first queries, as a freshly started server does).
  const warmIds = Array.from({ length: 20 }, (_, i) => 1 + ((i * 48_271 + 12_345) % max));
  const warm = await kdb.db.selectFrom("voices").select("content").where("id", "in", warmIds).execute();
  for (const w of warm.length > 0 ? warm : [{ content: "電話がつながらない" }])
    await findSimilarVoices(kdb.db, paraphrase(w.content));
  const times: number[] = [];
  let top1 = 0;
  let found = 0;
  for (const s of samples) {
    const t = performance.now();
    const text = paraphrase(s.content);
    const r = await findSimilarVoices(kdb.db, text);
    times.push(performance.now() - t);
    // Generated texts repeat, so other voices may be as similar as the original: the search did its job when
    // its best answer is at least as similar as the original is.
    const original = Math.round(similarityScore(text, s.content) * 1000) / 1000;
    if (r[0] && r[0].score >= original) top1++;
    if (r.some((x) => x.id === s.id)) found++;
  }
  const st = summarize(times);
  console.log(
    `similar bench on ${kdb.dialect} (${pgUrl ? "PostgreSQL" : path}), ${max.toLocaleString("en")} voices, ${samples.length} paraphrased texts, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  console.log(`  p50 ${st.p50} ms, p95 ${st.p95} ms, max ${st.max} ms (goal p95 < 50 ms)`);
  console.log(
    `  best answer at least as similar as the original: ${top1}/${samples.length}; the original itself in the top 5: ${found}/${samples.length}`,
  );
} finally {
  await kdb.close();
}
