/**
 * `koe survey import --survey ID FILE`: a file of survey answers from the command line, as the API imports it
 * (acts as the system). Joins the `survey` command group whether or not the surveys feature registered it first.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { printImportResult } from "../../cli/io-commands.js";
import { readConfig } from "../../config.js";
import { openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { IMPORT_LIMITS, limitMessages } from "../../io/import-limits.js";
import { importAnswerFile } from "./import-answers.js";

const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

export function registerSurveyImportCommand(program: Command) {
  const survey =
    program.commands.find((c) => c.name() === "survey") ??
    program.command("survey").description("アンケート");
  survey
    .command("import")
    .description(
      "アンケートの回答を CSV（UTF-8 / Shift_JIS）または Excel（.xlsx）から取り込みます（全行か0行か）",
    )
    .requiredOption("--survey <id>", "アンケートの ID")
    .argument("<file>", "取り込むファイル")
    .option("--dry-run", "書き込まずに、問題点と取り込める件数だけを表示します")
    .option(
      "--mapping <file>",
      '列と値の対応表（JSON: {"columns": {...}, "values": {"設問キー": {"大変満足": "満足"}}}）',
    )
    .option("--default-department <department>", "部署の列がない（空の）回答の部署（名称かコード）")
    .action(
      async (
        file: string,
        opts: { survey: string; dryRun?: boolean; mapping?: string; defaultDepartment?: string },
      ) => {
        const surveyId = Number(opts.survey);
        if (!Number.isInteger(surveyId) || surveyId < 1)
          fail("--survey にはアンケートの ID（数字）を指定してください");
        let buf = Buffer.alloc(0);
        try {
          if (statSync(file).size > IMPORT_LIMITS.maxBytes) fail(limitMessages.bytes(IMPORT_LIMITS.maxBytes));
          buf = readFileSync(file);
        } catch (err) {
          if (err instanceof CommanderError) throw err;
          fail(`ファイル ${file} を読めません`);
        }
        let mapping: string | undefined;
        if (opts.mapping) {
          try {
            mapping = readFileSync(opts.mapping, "utf8");
          } catch {
            fail(`対応表 ${opts.mapping} を読めません`);
          }
        }
        const config = readConfig();
        const kdb = await openTarget(config.database);
        try {
          await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
          const started = Date.now();
          const result = await importAnswerFile(kdb, null, surveyId, buf, basename(file), {
            dryRun: opts.dryRun === true,
            ...(mapping ? { mapping } : {}),
            ...(opts.defaultDepartment ? { defaultDepartment: opts.defaultDepartment } : {}),
          }).catch((err: unknown) => {
            if (err instanceof AppError && (err.code === "invalid_input" || err.code === "not_found"))
              fail(err.message);
            throw err;
          });
          printImportResult(result, (l) => process.stdout.write(`${l}\n`));
          process.stdout.write(`所要時間: ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
          if (result.problems.length > 0) process.exitCode = 2;
        } finally {
          await kdb.close();
        }
      },
    );
}
