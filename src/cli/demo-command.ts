/** `koe demo`: a demo organization with four fiscal years of voices, optionally served right away. */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../bootstrap.js";
import { readConfig } from "../config.js";
import { openTarget } from "../db/database.js";
import { parseDatabaseUrl } from "../db/database-url.js";
import { databaseFilesOf } from "../db/dialect.js";
import { FEDERATION_FISCAL_YEAR_START_MONTH } from "../demo/demo-plan.js";
import { loadDemoRecords } from "../demo/demo-records.js";
import { loadDemo } from "../demo/load-demo.js";
import { startServer } from "../server.js";
import { parseDateTimeJa } from "../shared/japanese-date.js";
import { ROLE_LABELS } from "../shared/labels-ja.js";

export const DEMO_DATABASE_URL = "sqlite:./data/demo.sqlite";

/** `--as-of` data lives in its own file per date, so it never mixes with (or clobbers) the everyday demo. */
export function asOfDemoDatabaseUrl(asOf: string): string {
  return `sqlite:./data/demo-${asOf}.sqlite`;
}

/** The --as-of date as YYYY-MM-DD (2023-05-31, 2023/5/31, 令和5年5月31日 …), or a Japanese error. */
export function parseAsOf(value: string): string {
  const d = parseDateTimeJa(value);
  if (!d.ok) throw new CommanderError(1, "koe.error", `--as-of の日付が正しくありません: ${d.message}`);
  if (d.hasTime)
    throw new CommanderError(
      1,
      "koe.error",
      "--as-of には時刻を付けずに日付だけを指定してください（例: 2023-05-31）",
    );
  return d.date;
}

export function registerDemoCommand(program: Command) {
  program
    .command("demo")
    .description(
      "デモデータ（4年度分の声と各役割のユーザー）を読み込みます。既定のデータベースは ./data/demo.sqlite",
    )
    .option("--serve", "読み込んだ後にサーバーを起動します")
    .option("--reset", "既存のデモデータベースを作り直します（SQLite のみ）")
    .option(
      "--as-of <date>",
      "指定した日までのデモを作ります（年度は6月始まり。4年度のうち最も古い年度は2019年度、最新の年度は2022年度の報告書と同じ件数で、2023-05-31 ならちょうど2019〜2022年度）。既定のデータベースは ./data/demo-<日付>.sqlite",
      parseAsOf,
    )
    .action(async (opts: { serve?: boolean; reset?: boolean; asOf?: string }) => {
      const defaultUrl = opts.asOf ? asOfDemoDatabaseUrl(opts.asOf) : DEMO_DATABASE_URL;
      const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || defaultUrl };
      const config = readConfig(env);
      const target = parseDatabaseUrl(config.databaseUrl);
      if (opts.reset) {
        const { rmSync } = await import("node:fs");
        for (const file of databaseFilesOf(target)) rmSync(file, { force: true });
      }
      const kdb = await openTarget(config.database);
      let loaded = false;
      try {
        await prepareDatabase(kdb, { email: "admin@demo.koe.jp", password: "koe-demo-2025" });
        const n = await kdb.db
          .selectFrom("voices")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        if (Number(n.n) === 0) {
          console.log(
            opts.asOf
              ? `${opts.asOf} 時点のデモデータ（年度は${FEDERATION_FISCAL_YEAR_START_MONTH}月始まり）を読み込んでいます…`
              : "デモデータを読み込んでいます…",
          );
          const r = await loadDemo(kdb, {
            ...(opts.asOf ? { asOf: opts.asOf } : {}),
            onProgress: (v) => process.stdout.write(`\r  ${v.toLocaleString("ja-JP")} 件`),
          });
          process.stdout.write("\n");
          console.log(
            `声 ${r.voices.toLocaleString("ja-JP")} 件（${r.fiscalYears.join("・")}年度）、対応履歴 ${r.events.toLocaleString("ja-JP")} 件を ${r.seconds.toFixed(1)} 秒で読み込みました`,
          );
          // The fixed data set of --as-of holds voices only (the golden tests count them); the current demo
          // also has the records every other screen shows.
          if (!opts.asOf) {
            const started = Date.now();
            const d = await loadDemoRecords(kdb);
            console.log(
              `KPI ${d.kpis} 件、職員 ${d.staff} 名、研修 ${d.trainings} 回、アンケート回答 ${d.surveyAnswers.toLocaleString("ja-JP")} 件（不満の回答からの声 ${d.surveyVoices} 件）、業務改善 ${d.improvements} 件を ${((Date.now() - started) / 1000).toFixed(1)} 秒で読み込みました`,
            );
          }
          loaded = true;
        } else {
          console.log(
            `デモデータは読み込み済みです（声 ${Number(n.n).toLocaleString("ja-JP")} 件）。作り直すには --reset を付けてください`,
          );
        }
        printLogins();
      } finally {
        await kdb.close();
      }
      if (opts.serve) {
        const server = await startServer(config, (l) => console.log(l));
        console.log(`\nkoe デモを起動しました: ${server.url} （Ctrl+C で終了）`);
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      } else if (loaded) {
        console.log(
          opts.asOf
            ? `起動するには: koe demo --as-of ${opts.asOf} --serve`
            : "起動するには: npm run demo または koe demo --serve",
        );
      }
    });
}

function printLogins() {
  console.log("\nデモのログイン（パスワードはすべて koe-demo-2025）:");
  const rows: [string, string][] = [
    ["admin@demo.koe.jp", ROLE_LABELS.admin],
    ["cs@demo.koe.jp", ROLE_LABELS.cs],
    ["lead.call-center@demo.koe.jp", `${ROLE_LABELS.lead}（コールセンター）`],
    ["staff.call-center@demo.koe.jp", `${ROLE_LABELS.staff}（コールセンター）`],
    ["staff.tokyo-branch@demo.koe.jp", `${ROLE_LABELS.staff}（東京支所）`],
    ["viewer@demo.koe.jp", ROLE_LABELS.viewer],
  ];
  for (const [email, role] of rows) console.log(`  ${email.padEnd(34)} ${role}`);
  console.log("  （ほかの部署も lead.<部署コード>@demo.koe.jp / staff.<部署コード>@demo.koe.jp）");
}
