// A survey's results API at 100,000 answers on SQLite and PostgreSQL: p50/p95 of GET /api/v1/surveys/:id/results
// through HTTP (Fastify in process: routing, authentication, validation, the use case — the period's and the
// previous year's headline counts, every question's distribution, five breakdowns, the comments and their frequent
// words, the loop's voices — the response schema, JSON), beside the raw GROUP BY of the headline levels for the
// same period on the same database. Goal (issue 13): p95 < 200 ms.
// The answers are written straight into the tables in bulk (the closed loop's voices are not the subject here):
// 60,000 in FY2025 and 40,000 in FY2024, 10% with a comment, attributes on every answer.
// Run: node --import tsx bench/surveys.ts [--sqlite-only | --pg-only] [--pg URL] [--n 40]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { prepareDatabase } from "../src/bootstrap.js";
import { type KoeDatabase, openTarget } from "../src/db/database.js";
import { fiscalYearPeriod, periodInstants } from "../src/domain/analysis-period.js";
import { createSurvey } from "../src/features/surveys/save-survey.js";
import { buildApp } from "../src/http/app.js";
import type { RequestAuth } from "../src/http/request-context.js";
import { PREFECTURES } from "../src/shared/constants.js";
import { closeTokenizeWorker } from "../src/text/worker-pool.js";
import { adminQuery } from "./lib/pg-database.js";
import { summarize } from "./lib/stats.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N_CALLS = Number(arg("--n") ?? 40);
const ANSWERS = 100_000;
const FY = 2025;
const COMMENTS = [
  "電話がなかなかつながらず、待ち時間が長かった。",
  "担当の方の説明がとても丁寧で、安心して手続きできました。",
  "かけなおすと言われたのにかかってこない。",
  "住所変更の手続きをホームページでもできるようにしてほしい。",
  "書類の字が小さくて読みにくい。",
  "窓口の職員の対応が親切でした。",
  "共済金の支払いが早くて助かりました。",
  "手続きに必要な書類をもう少し減らしてほしい。",
];
const AGES = ["20代", "30代", "40代", "50代", "60代", "70代以上"];

async function load(kdb: KoeDatabase) {
  await prepareDatabase(kdb, { email: "admin@example.jp", password: "bench-password-1" });
  const s = await createSurvey(kdb.db, null, {
    name: "加入者向けアンケート",
    kind: "members",
    questions: [
      { key: "overall", type: "satisfaction", label: "総合的な満足度", required: true, headline: true },
      { key: "staff", type: "satisfaction", label: "担当者の対応", required: false },
      {
        key: "how",
        type: "single",
        label: "ご加入の方法",
        required: false,
        options: ["窓口", "訪問", "インターネット", "郵送"],
      },
      {
        key: "good",
        type: "multiple",
        label: "よかった点",
        required: false,
        options: ["説明", "早さ", "丁寧さ"],
      },
      { key: "comment", type: "text", label: "ご意見", required: false },
    ],
  });
  const depts = (await kdb.db.selectFrom("departments").select("id").execute()).map((d) => d.id);
  const products = (
    await kdb.db.selectFrom("taxonomy_labels").select("id").where("kind", "=", "product_line").execute()
  ).map((l) => l.id);
  const at = new Date().toISOString();
  const CHUNK = 1000;
  let seed = 13;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  for (let start = 0; start < ANSWERS; start += CHUNK) {
    await kdb.db.transaction().execute(async (trx) => {
      const answers = [];
      for (let i = start; i < start + CHUNK; i++) {
        const fy = i < 60_000 ? FY : FY - 1;
        const { fromIso } = periodInstants(fiscalYearPeriod(fy, 4));
        const t = new Date(Date.parse(fromIso) + Math.floor(rnd() * 364 * 86_400_000)).toISOString();
        const r = rnd();
        const level = r < 0.5 ? 5 : r < 0.85 ? 4 : r < 0.95 ? 3 : r < 0.98 ? 2 : 1;
        answers.push({
          survey_id: s.id,
          answer_key: `bench-${i}`,
          source: "import",
          link_id: null,
          answered_at: t,
          headline_value: level,
          age_band: pick(AGES),
          prefecture: pick(PREFECTURES),
          product_line_id: pick(products),
          department_id: pick(depts),
          staff_id: null,
          contact: null,
          voice_id: null,
          entered_by: null,
          created_at: at,
        });
      }
      const ids = await trx
        .insertInto("survey_answers")
        .values(answers)
        .returning(["id", "answered_at", "headline_value"])
        .execute();
      const items = ids.flatMap((a) => {
        const rows: {
          answer_id: number;
          survey_id: number;
          answered_at: string;
          question_key: string;
          value: number | null;
          text: string | null;
        }[] = [
          {
            answer_id: a.id,
            survey_id: s.id,
            answered_at: a.answered_at,
            question_key: "overall",
            value: a.headline_value,
            text: null,
          },
          {
            answer_id: a.id,
            survey_id: s.id,
            answered_at: a.answered_at,
            question_key: "staff",
            value: Math.max(1, (a.headline_value ?? 3) - Math.floor(rnd() * 2)),
            text: null,
          },
          {
            answer_id: a.id,
            survey_id: s.id,
            answered_at: a.answered_at,
            question_key: "how",
            value: Math.floor(rnd() * 4),
            text: null,
          },
          {
            answer_id: a.id,
            survey_id: s.id,
            answered_at: a.answered_at,
            question_key: "good",
            value: Math.floor(rnd() * 3),
            text: null,
          },
        ];
        if (rnd() < 0.1)
          rows.push({
            answer_id: a.id,
            survey_id: s.id,
            answered_at: a.answered_at,
            question_key: "comment",
            value: null,
            text: pick(COMMENTS),
          });
        return rows;
      });
      for (let i = 0; i < items.length; i += 1000)
        await trx
          .insertInto("survey_answer_items")
          .values(items.slice(i, i + 1000))
          .execute();
    });
  }
  return s.id;
}

async function measure(kdb: KoeDatabase, surveyId: number) {
  const auth: RequestAuth = {
    user: {
      id: 1,
      email: "admin@example.jp",
      name: "管理者",
      role: "cs",
      departmentId: null,
      departmentName: null,
    },
    via: "token",
    csrfToken: null,
    sessionToken: null,
    scopes: ["voices:read", "voices:write"],
  };
  const app = await buildApp({
    db: kdb.db,
    dialect: kdb.dialect,
    webDir: "/nonexistent",
    tokenAuthenticator: async (_db, bearer) => (bearer === "bench" ? auth : null),
  });
  const url = `/api/v1/surveys/${surveyId}/results?period=fy${FY}`;
  const koe: number[] = [];
  const raw: number[] = [];
  const { fromIso, toIsoExclusive } = periodInstants(fiscalYearPeriod(FY, 4));
  for (let i = 0; i < N_CALLS + 3; i++) {
    let t = performance.now();
    const res = await app.inject({ method: "GET", url, headers: { authorization: "Bearer bench" } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i >= 3) koe.push(performance.now() - t); // the first calls warm the caches and the tokenizer
    t = performance.now();
    await sql`select headline_value, count(*) as n from survey_answers
      where survey_id = ${surveyId} and answered_at >= ${fromIso} and answered_at < ${toIsoExclusive}
      group by headline_value`.execute(kdb.db);
    if (i >= 3) raw.push(performance.now() - t);
  }
  await app.close();
  return { koe: summarize(koe), raw: summarize(raw) };
}

async function run(name: string, open: () => Promise<{ kdb: KoeDatabase; cleanup: () => Promise<void> }>) {
  const { kdb, cleanup } = await open();
  try {
    const t = performance.now();
    const id = await load(kdb);
    const loadS = ((performance.now() - t) / 1000).toFixed(1);
    const m = await measure(kdb, id);
    console.log(
      `${name}: ${ANSWERS.toLocaleString("en")} answers loaded in ${loadS} s; results API p50 ${m.koe.p50} ms, p95 ${m.koe.p95} ms (goal < 200); raw GROUP BY p50 ${m.raw.p50} ms, p95 ${m.raw.p95} ms`,
    );
  } finally {
    await kdb.close();
    await cleanup();
  }
}

if (!process.argv.includes("--pg-only")) {
  await run("SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koe-bench-surveys-"));
    const kdb = await openTarget({ dialect: "sqlite", path: join(dir, "koe.sqlite") });
    return { kdb, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  });
}
if (!process.argv.includes("--sqlite-only")) {
  const base = arg("--pg") ?? "postgres://postgres@127.0.0.1:5432/koe_bench_surveys";
  await run("PostgreSQL", async () => {
    await adminQuery(base, "drop database if exists koe_bench_surveys with (force)");
    await adminQuery(base, "create database koe_bench_surveys");
    const kdb = await openTarget({ dialect: "postgres", url: base }, { poolSize: 5 });
    return {
      kdb,
      cleanup: () =>
        adminQuery(base, "drop database if exists koe_bench_surveys with (force)").then(() => undefined),
    };
  });
}
await closeTokenizeWorker();
