/** `koe import voices FILE` and `koe export voices`: voice files from and to the command line (acts as the system). */
import { createWriteStream, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import cliProgress from "cli-progress";
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../bootstrap.js";
import { readConfig } from "../config.js";
import { openTarget } from "../db/database.js";
import { AppError } from "../errors.js";
import type { ImportResult } from "../features/import-export/contract.js";
import { prepareExport } from "../features/import-export/export-voices.js";
import { importVoiceFile } from "../features/import-export/import-file.js";
import { streamVoicesXlsx, voicesCsvChunks } from "../io/export-voices.js";
import { IMPORT_LIMITS, limitMessages } from "../io/import-limits.js";
import { parseColumnMapping } from "../io/voice-columns.js";

/** The voice list's filters `koe export voices` takes, as options of the same names. */
const CLI_FILTERS = ["from", "to", "type", "category", "channel", "status", "department"] as const;
type CliFilter = (typeof CLI_FILTERS)[number];

import type { VoiceListQuery } from "../shared/api-contract.js";

const n = (x: number) => x.toLocaleString("ja-JP");

function fail(message: string): never {
  throw new CommanderError(1, "koe.error", message);
}

/** The CLI has database access anyway: it acts as the system, with admin reach and no user id. */
const SYSTEM_ACTOR = { id: 0, role: "admin" as const, departmentId: null };

const ENCODING_LABELS: Record<string, string> = {
  utf8: "UTF-8",
  "utf8-bom": "UTF-8（BOM付き）",
  "utf16le-bom": "UTF-16",
  "utf16be-bom": "UTF-16",
  shift_jis: "Shift_JIS",
};

export function printImportResult(r: ImportResult, write: (line: string) => void): void {
  const format = r.encoding ? `CSV ${ENCODING_LABELS[r.encoding] ?? r.encoding}` : "Excel";
  write(`ファイル: ${format}、データ行 ${n(r.total)} 行`);
  if (r.ignoredColumns.length) write(`取り込まない列: ${r.ignoredColumns.join("、")}`);
  if (r.problems.length) {
    write(`問題が ${n(r.problems.length)} 件あります（行, 列, 値, 理由）:`);
    for (const p of r.problems)
      write(`  ${p.row}行目, ${p.column || "-"}, ${p.value ? `「${p.value}」` : "-"}, ${p.reason}`);
    const near = r.problems.filter((p) => p.suggestion);
    if (near.length)
      write("別名の登録は koe alias add <種類> <ラベル> <別名>（例: koe alias add channel counter 窓口）");
    write(r.dryRun ? "確認のみ（何も書き込んでいません）" : "問題があるため、1件も取り込みませんでした");
    return;
  }
  if (r.dryRun) {
    write(
      `確認のみ: ${n(r.importable)} 件を取り込めます（取り込み済みの外部IDで飛ばす行 ${n(r.skipped)} 件）。何も書き込んでいません`,
    );
  } else {
    write(`${n(r.imported)} 件を取り込みました（取り込み済みの外部IDで飛ばした行 ${n(r.skipped)} 件）`);
  }
}

export function registerIoCommands(program: Command) {
  const importCmd = program.command("import").description("ファイルからの取り込み");
  importCmd
    .command("voices")
    .description("声を CSV（UTF-8 / Shift_JIS）または Excel（.xlsx）から取り込みます（全行か0行か）")
    .argument("<file>", "取り込むファイル")
    .option("--dry-run", "書き込まずに、問題点と取り込める件数だけを表示します")
    .option(
      "--mapping <file>",
      '列と値の対応表（JSON: {"columns": {"ファイルの列名": "取込先の列名"}, "values": {"受付チャネル": {"窓口": "counter"}}}）',
    )
    .option("--default-department <department>", "部署の列がない（空の）行の部署（名称かコード）")
    .action(
      async (file: string, opts: { dryRun?: boolean; mapping?: string; defaultDepartment?: string }) => {
        let buf: Buffer;
        try {
          // The size first: a file over the limit is refused before it is read into memory, as on the server.
          if (statSync(file).size > IMPORT_LIMITS.maxBytes) fail(limitMessages.bytes(IMPORT_LIMITS.maxBytes));
          buf = readFileSync(file);
        } catch (err) {
          if (err instanceof CommanderError) throw err;
          fail(`ファイル ${file} を読めません`);
        }
        let mapping: Parameters<typeof importVoiceFile>[4]["mapping"];
        if (opts.mapping) {
          let text: string;
          try {
            text = readFileSync(opts.mapping, "utf8");
          } catch {
            fail(`対応表 ${opts.mapping} を読めません`);
          }
          const parsed = parseColumnMapping(text);
          if (!parsed.ok) fail(`対応表に誤りがあります:\n  ${parsed.errors.join("\n  ")}`);
          mapping = parsed.mapping;
        }
        const config = readConfig();
        const kdb = await openTarget(config.database);
        const bar = new cliProgress.SingleBar(
          { format: "  書き込み中 [{bar}] {percentage}% | {value}/{total} 件", hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        let barStarted = false;
        try {
          await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
          const started = Date.now();
          const result = await importVoiceFile(kdb, null, buf, basename(file), {
            dryRun: opts.dryRun === true,
            ...(mapping ? { mapping } : {}),
            ...(opts.defaultDepartment ? { defaultDepartment: opts.defaultDepartment } : {}),
            onStep: (step, d) => {
              if (step === "read") console.log(`読み込みました: ${n(d.rows)} 行`);
              if (step === "write" && process.stdout.isTTY) {
                bar.start(d.rows, 0);
                barStarted = true;
              }
            },
            onProgress: (done) => {
              if (barStarted) bar.update(done);
            },
          }).catch((err: unknown) => {
            // A file that cannot be read (too many rows, broken, old .xls): its one message, as the server gives it.
            if (err instanceof AppError && err.code === "invalid_input") fail(err.message);
            throw err;
          });
          if (barStarted) bar.stop();
          printImportResult(result, (l) => console.log(l));
          console.log(`所要時間: ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
          if (result.problems.length > 0) process.exitCode = 2;
        } finally {
          if (barStarted) bar.stop();
          await kdb.close();
        }
      },
    );

  const exportCmd = program.command("export").description("ファイルへの出力");
  exportCmd
    .command("voices")
    .description("声を CSV または Excel に出力します（一覧と同じ絞り込み条件。出力は監査ログに記録されます）")
    .option("--from <date>", "受付日の開始（2025/4/1、令和7年4月1日 など）")
    .option("--to <date>", "受付日の終了（この日を含む）")
    .option("--type <codes>", "種別（コードか名称、カンマ区切り）")
    .option("--category <codes>", "分類")
    .option("--channel <codes>", "受付チャネル")
    .option("--status <codes>", "状態（received,in_progress,resolved,closed,voided）")
    .option("--department <codes>", "部署")
    .option("--format <format>", "csv または xlsx", "csv")
    .option("--encoding <encoding>", "CSV の文字コード: utf8（BOM付き）または sjis", "utf8")
    .option("--include-customer", "お客さまの個人情報の列（氏名・電話番号など）も出力します")
    .option("--out <file>", "出力先のファイル（省略時は koe-voices-YYYYMMDD.csv）")
    .action(
      async (
        opts: Pick<VoiceListQuery, CliFilter> & {
          format: string;
          encoding: string;
          includeCustomer?: boolean;
          out?: string;
        },
      ) => {
        if (opts.format !== "csv" && opts.format !== "xlsx") fail("--format は csv か xlsx です");
        if (opts.encoding !== "utf8" && opts.encoding !== "sjis") fail("--encoding は utf8 か sjis です");
        const format = opts.format;
        const encoding = opts.encoding;
        const includeCustomer = opts.includeCustomer === true;
        const query = Object.fromEntries(
          CLI_FILTERS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]),
        );
        const config = readConfig();
        const kdb = await openTarget(config.database);
        try {
          await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
          const prepared = await prepareExport(kdb.db, SYSTEM_ACTOR, {
            query,
            format,
            encoding,
            includeCustomer,
            userId: null,
            via: "cli",
          });
          const out = opts.out ?? prepared.fileName;
          const file = createWriteStream(out);
          if (format === "csv") {
            await pipeline(
              Readable.from(voicesCsvChunks(prepared.rows, { encoding, includeCustomer })),
              file,
            );
          } else {
            const done = new Promise<void>((resolve, reject) => {
              file.on("finish", resolve);
              file.on("error", reject);
            });
            await streamVoicesXlsx(prepared.rows, { includeCustomer }, file);
            await done;
          }
          console.log(
            `${n(prepared.count)} 件を ${out} に出力しました${includeCustomer ? "（個人情報の列を含みます。取り扱いに注意してください）" : ""}`,
          );
        } finally {
          await kdb.close();
        }
      },
    );
}
