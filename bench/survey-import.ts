// Measures the survey answer import of 100,000 answers to one survey (Shift_JIS CSV as a form tool or a paper
// count exports it): the bare parse of the same file (the raw part), then koe's dry run, real run (one
// transaction, with the closed loop's voices) and a re-run that skips every answer by 回答ID. Goal: < 15 s.
// Run: node --import tsx bench/survey-import.ts [rows] [--pg postgres://…/koe_bench_survey_import]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { prepareDatabase } from "../src/bootstrap.js";
import { type KoeDatabase, openTarget } from "../src/db/database.js";
import { importAnswerFile } from "../src/features/survey-import/import-answers.js";
import { createSurvey } from "../src/features/surveys/save-survey.js";
import { readTable } from "../src/io/read-table.js";
import { recreateDatabase } from "./lib/pg-database.js";

const LEVELS = ["満足", "やや満足", "ふつう", "やや不満", "不満"];
// 加入者向けアンケート-like shares: top-2-box about 87%, a few % dissatisfied.
const LEVEL_WEIGHTS = [0.46, 0.41, 0.09, 0.025, 0.015];
const AGES = ["20代", "30代", "40代", "50代", "60代", "70代以上"];
const DEPARTMENTS = ["コールセンター", "契約保全部", "東京支所", "大阪支所", "福井支所"];
const CHANNELS = ["電話", "窓口", "ホームページ"];
const COMMENTS = [
  "いつも丁寧に対応していただきありがとうございます。",
  "かけなおすと言われたのにかかってこない。",
  "書類の書き方が分かりにくかった。",
  "マイページで手続きできて便利でした。",
  "待ち時間が長かった。",
];

/** A deterministic pseudo-random sequence (the same file every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function answersCsv(rows: number): Buffer {
  const r = rng(13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
  const level = () => {
    let x = r();
    for (let i = 0; i < LEVEL_WEIGHTS.length; i++) {
      x -= LEVEL_WEIGHTS[i] as number;
      if (x < 0) return LEVELS[i] as string;
    }
    return LEVELS[0] as string;
  };
  const lines = ["回答ID,回答日時,総合的な満足度,ご利用の窓口,ご意見・ご要望,年代,部署"];
  const start = Date.parse("2023-04-01T00:00:00+09:00");
  for (let i = 1; i <= rows; i++) {
    const at = new Date(start + Math.floor(r() * 365 * 86_400_000) + 9 * 3_600_000);
    const date = `${at.getUTCFullYear()}/${at.getUTCMonth() + 1}/${at.getUTCDate()}`;
    const channels = r() < 0.2 ? `${pick(CHANNELS)}、${pick(CHANNELS)}` : pick(CHANNELS);
    // one answer in 20 has a comment (the classifier reads each)
    const comment = r() < 0.05 ? pick(COMMENTS) : "";
    lines.push(
      `A-${String(i).padStart(6, "0")},${date},${level()},${channels},${comment},${pick(AGES)},${pick(DEPARTMENTS)}`,
    );
  }
  return iconv.encode(`${lines.join("\r\n")}\r\n`, "cp932");
}

const secs = (ms: number) => (ms / 1000).toFixed(2);

async function measure(kdb: KoeDatabase, label: string, file: Buffer, rows: number) {
  await prepareDatabase(kdb, { email: "admin@example.jp", password: "bench-password-1" });
  const survey = await createSurvey(kdb.db, null, {
    name: "2023年度 加入者向けアンケート",
    kind: "members",
    questions: [
      { key: "overall", type: "satisfaction", label: "総合的な満足度", required: true, headline: true },
      { key: "channel", type: "multiple", label: "ご利用の窓口", required: false, options: CHANNELS },
      { key: "comment", type: "text", label: "ご意見・ご要望", required: false },
    ],
  });
  const t0 = performance.now();
  const parsed = await readTable(file, "answers.csv");
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const dry = await importAnswerFile(kdb, null, survey.id, file, "answers.csv", { dryRun: true });
  const dryMs = performance.now() - t1;
  if (dry.problems.length) throw new Error(JSON.stringify(dry.problems.slice(0, 3)));
  const t2 = performance.now();
  const real = await importAnswerFile(kdb, null, survey.id, file, "answers.csv", { dryRun: false });
  const realMs = performance.now() - t2;
  const t3 = performance.now();
  const again = await importAnswerFile(kdb, null, survey.id, file, "answers.csv", { dryRun: false });
  const againMs = performance.now() - t3;
  const voices = await kdb.db
    .selectFrom("survey_answers")
    .select((eb) => eb.fn.count<number>("voice_id").as("n"))
    .executeTakeFirstOrThrow();
  console.log(
    `${label}: ${rows.toLocaleString()} answers (${(file.length / 1024 / 1024).toFixed(1)} MB Shift_JIS, ${parsed.rows.length.toLocaleString()} rows)\n` +
      `  raw part, bare parse of the file (readTable): ${secs(parseMs)} s\n` +
      `  koe dry run (parse + checks + 回答ID lookup):  ${secs(dryMs)} s\n` +
      `  koe import (one transaction):                 ${secs(realMs)} s  imported ${real.imported.toLocaleString()}, voices ${Number(voices.n).toLocaleString()}\n` +
      `  koe re-import (every 回答ID skipped):          ${secs(againMs)} s  skipped ${again.skipped.toLocaleString()}`,
  );
  return { parseMs, dryMs, realMs, againMs };
}

export async function run(
  rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000),
): Promise<{ seconds: number }> {
  const file = answersCsv(rows);
  const dir = mkdtempSync(join(tmpdir(), "koe-bench-survey-import-"));
  let seconds = 0;
  try {
    const sqlite = await openTarget({ dialect: "sqlite", path: join(dir, "koe.sqlite") });
    try {
      seconds = (await measure(sqlite, "SQLite", file, rows)).realMs / 1000;
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgIndex = process.argv.indexOf("--pg");
  const pgUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : process.env.KOE_BENCH_PG_URL;
  if (pgUrl) {
    await recreateDatabase(pgUrl);
    const pgdb = await openTarget({ dialect: "postgres", url: pgUrl });
    try {
      await measure(pgdb, "PostgreSQL", file, rows);
    } finally {
      await pgdb.close();
    }
  }
  return { seconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
