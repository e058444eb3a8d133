/**
 * `koe survey results --survey ID --period FY2023 [--json]`: a survey's results from the command line (the same
 * use case and JSON as GET /api/v1/surveys/:id/results), and `koe survey figures --period …`: the figures per
 * survey kind that the KPI register reads.
 */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { readConfig } from "../../config.js";
import { openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { closeTokenizeWorker } from "../../text/worker-pool.js";
import type { SurveyResults } from "./contract.js";
import { surveyKindFigures } from "./kind-figures.js";
import { resultsPeriod } from "./results-period.js";
import { surveyResults } from "./survey-results.js";
import { loadSurvey } from "./survey-store.js";

const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

const pct = (x: number | null) => (x === null ? "—" : `${x.toFixed(1)}%`);
const num = (x: number | null) => (x === null ? "—" : x.toFixed(2));

export function resultsText(r: SurveyResults): string {
  const lines = [
    `${r.survey.name}（${r.survey.kind}） ${r.period.label}`,
    `回答数: ${r.responses.toLocaleString("ja-JP")}件`,
  ];
  const h = r.headline;
  if (h) {
    lines.push(
      `満足度スコア（満足＋やや満足）: ${pct(h.topTwoBox)}（${r.previousPeriod.label}: ${pct(h.previous.topTwoBox)}${h.change ? `、${h.change.label}` : ""}）`,
      `平均（5段階）: ${num(h.mean)}（${r.previousPeriod.label}: ${num(h.previous.mean)}）`,
    );
  }
  for (const q of r.questions) {
    if (q.type === "text") continue;
    lines.push("", `${q.label}（回答 ${q.answered}件）`);
    for (const d of q.distribution) lines.push(`  ${d.label}\t${d.count}\t${d.percent.toFixed(1)}%`);
  }
  lines.push("", `アンケートから登録された声: ${r.voices.created}件（うち完了 ${r.voices.closed}件）`);
  return `${lines.join("\n")}\n`;
}

async function withDatabase<T>(
  run: (db: Awaited<ReturnType<typeof openTarget>>["db"]) => Promise<T>,
): Promise<T> {
  const config = readConfig();
  const kdb = await openTarget(config.database);
  try {
    await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
    return await run(kdb.db).catch((err: unknown) => {
      if (err instanceof AppError) {
        const detail = err.fields ? Object.entries(err.fields).map(([k, v]) => `--${k}: ${v}`) : [];
        return fail(detail.length ? detail.join("\n") : err.message);
      }
      throw err;
    });
  } finally {
    await kdb.close();
    await closeTokenizeWorker();
  }
}

export function registerSurveyCommand(program: Command) {
  const survey = program.command("survey").description("満足度アンケートの結果");
  survey
    .command("results")
    .description("アンケートの期間の結果（回答数、満足度スコア、平均、前年同期との差、設問ごとの分布）")
    .requiredOption("--survey <id>", "アンケートの ID")
    .option("--period <period>", "期間: FY2023、fy2023h1（上期）、2023-04、2023年度 など（既定は今年度）")
    .option("--from <date>", "期間指定の開始日（--to と組で）")
    .option("--to <date>", "期間指定の終了日（この日を含む）")
    .option("--json", "JSON で出力します（API の /api/v1/surveys/:id/results と同じ形）")
    .action(async (opts: { survey: string; period?: string; from?: string; to?: string; json?: boolean }) => {
      const id = Number(opts.survey);
      if (!Number.isInteger(id) || id < 1)
        fail(`--survey にはアンケートの ID を数字で指定してください（指定された値: ${opts.survey}）`);
      const res = await withDatabase(async (db) => {
        const [s, period] = await Promise.all([loadSurvey(db, id), resultsPeriod(db, opts)]);
        return surveyResults(db, s, period);
      });
      process.stdout.write(opts.json ? `${JSON.stringify(res, null, 2)}\n` : resultsText(res));
    });
  survey
    .command("figures")
    .description("アンケートの種類ごとの回答数・満足度スコア・平均（KPI 用）")
    .option("--period <period>", "期間（例: FY2023）")
    .option("--json", "JSON で出力します")
    .action(async (opts: { period?: string; json?: boolean }) => {
      const res = await withDatabase(async (db) => surveyKindFigures(db, await resultsPeriod(db, opts)));
      if (opts.json) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      else
        process.stdout.write(
          `${res.period.label}\n${res.kinds.map((k) => `${k.name}\t${k.responses}件\t${pct(k.topTwoBox)}\t平均 ${num(k.mean)}`).join("\n")}\n`,
        );
    });
}
