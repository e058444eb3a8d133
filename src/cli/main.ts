/** The `koe` command: serve, migrate, user (user-commands.ts), demo (and the analysis and import/export commands). */
import { Command, CommanderError } from "commander";
import { prepareDatabase } from "../bootstrap.js";
import { readConfig } from "../config.js";
import { openTarget } from "../db/database.js";
import { AppError } from "../errors.js";
import { registerStatsCommand } from "../features/analytics/stats-command.js";
import { registerAuditCommand } from "../features/audit/audit-command.js";
import { registerBackupCommands } from "../features/backup/backup-commands.js";
import { registerAliasCommand } from "../features/import-aliases/alias-command.js";
import { registerKpiCommand } from "../features/kpi/kpi-command.js";
import { registerReportCommands } from "../features/reports/report-command.js";
import { registerSurveyImportCommand } from "../features/survey-import/survey-import-command.js";
import { registerSurveyCommand } from "../features/surveys/survey-command.js";
import { startServer } from "../server.js";
import { registerDemoCommand } from "./demo-command.js";
import { registerIoCommands } from "./io-commands.js";
import { registerTextCommands } from "./text-commands.js";
import { registerUserCommands } from "./user-commands.js";

export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `  ${k}: ${v}`);
    return [err.message, ...fields].join("\n");
  }
  return err instanceof Error ? err.message : String(err);
}

// commander's headings, in Japanese like the rest of the help text
const HELP_TITLES: Record<string, string> = {
  "Usage:": "使い方:",
  "Options:": "オプション:",
  "Commands:": "コマンド:",
  "Arguments:": "引数:",
  "Global Options:": "共通オプション:",
};

// commander writes its parse errors in English; the common ones are rewritten in Japanese
const COMMANDER_ERRORS: [RegExp, (...m: string[]) => string][] = [
  [
    /^error: required option '(.+)' not specified/,
    (_, o) => `エラー: 必須のオプション ${o} が指定されていません`,
  ],
  [/^error: unknown option '(.+?)'/, (_, o) => `エラー: ${o} というオプションはありません`],
  [/^error: unknown command '(.+?)'/, (_, c) => `エラー: ${c} というコマンドはありません`],
  [/^error: missing required argument '(.+)'/, (_, a) => `エラー: 引数 ${a} が必要です`],
  [/^error: option '(.+)' argument missing/, (_, o) => `エラー: オプション ${o} に値を指定してください`],
  [/^error: too many arguments/, () => "エラー: 引数が多すぎます"],
];

export function translateCommanderError(text: string): string {
  for (const [re, f] of COMMANDER_ERRORS) {
    const m = re.exec(text);
    if (m) return `${f(...m)}\n`;
  }
  return text;
}

export function buildProgram(): Command {
  const program = new Command("koe")
    .description("koe（声）— お客さまの声の登録・対応・分析")
    .showHelpAfterError("（--help で使い方を表示します）")
    .configureOutput({ writeErr: (s) => process.stderr.write(translateCommanderError(s)) })
    .helpOption("-h, --help", "使い方を表示します")
    .helpCommand("help [command]", "コマンドの使い方を表示します")
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .exitOverride();

  program
    .command("serve")
    .description(
      "サーバーを起動します（設定は環境変数 PORT, HOST, DATABASE_URL, KOE_ADMIN_EMAIL, KOE_ADMIN_PASSWORD, LOG_LEVEL）",
    )
    .action(async () => {
      const config = readConfig();
      const server = await startServer(config, (l) => console.log(l));
      console.log(`koe を起動しました: ${server.url} （データベース: ${server.kdb.dialect}）`);
      // A second signal while stopping ends the process at once (the default action, once this handler is gone).
      const stop = async (signal: string) => {
        const seconds = Math.ceil(config.shutdownTimeoutMs / 1000);
        console.log(
          `${signal} を受け取りました。処理中のリクエストを終えてから停止します（最長 ${seconds} 秒）`,
        );
        try {
          const { forced } = await server.close();
          if (forced) console.error(`${seconds} 秒以内に終わらなかったリクエストを打ち切りました`);
          console.log("koe を停止しました");
          process.exit(0);
        } catch (err) {
          console.error(`停止中にエラーが起きました: ${describeError(err)}`);
          process.exit(1);
        }
      };
      process.once("SIGINT", () => void stop("SIGINT"));
      process.once("SIGTERM", () => void stop("SIGTERM"));
    });

  program
    .command("migrate")
    .description("データベースのスキーマを最新にします")
    .action(async () => {
      const config = readConfig();
      const kdb = await openTarget(config.database);
      try {
        const r = await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
        console.log(
          r.migrations.length ? `適用した移行: ${r.migrations.join(", ")}` : "データベースは最新です",
        );
        if (r.createdAdmin) {
          console.log(`最初の管理者を作成しました: ${r.createdAdmin.email}`);
          if (r.createdAdmin.generated)
            console.log(`  パスワード（この一度だけ表示します）: ${r.createdAdmin.password}`);
        }
      } finally {
        await kdb.close();
      }
    });

  registerUserCommands(program);
  registerDemoCommand(program);
  registerIoCommands(program);
  registerTextCommands(program);
  registerStatsCommand(program);
  registerSurveyCommand(program);
  registerAliasCommand(program);
  // after the surveys feature's `survey` commands (if any): it joins that group
  registerSurveyImportCommand(program);
  registerBackupCommands(program);
  registerKpiCommand(program);
  registerAuditCommand(program);
  registerReportCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0)
        return;
      if (err.code === "koe.error") process.stderr.write(`エラー: ${err.message}\n`);
      process.exitCode = err.exitCode || 1;
      return;
    }
    process.stderr.write(`エラー: ${describeError(err)}\n`);
    process.exitCode = 1;
  }
}
