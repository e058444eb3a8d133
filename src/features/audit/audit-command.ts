/** `koe audit verify`: checks the audit log's hash chain and names the first entry that does not match. */
import { type Command, CommanderError } from "commander";
import { readConfig } from "../../config.js";
import { migrateToLatest, openTarget } from "../../db/database.js";
import { parseDatabaseUrl } from "../../db/database-url.js";
import { type ChainReport, verifyAuditChain } from "../../services/audit-chain.js";

/** The report as terminal lines. */
export function chainReportLines(r: ChainReport): string[] {
  if (r.broken) {
    return [
      `監査ログの改ざんを検出しました: 記録 #${r.broken.id}（${r.broken.at}）`,
      `  ${r.broken.reason}`,
      `  それより前の ${r.checked.toLocaleString("ja-JP")} 件は正常です`,
    ];
  }
  return [
    `監査ログは正常です（${r.checked.toLocaleString("ja-JP")} 件、つながりと内容がすべて一致）`,
    `  最新の記録のハッシュ: ${r.lastHash}`,
    "  （この値を控えておくと、最新の記録が削除されていないことも後で確かめられます）",
  ];
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("監査ログ");
  audit
    .command("verify")
    .description(
      "監査ログのハッシュの連鎖を確かめ、最初に一致しない記録を示します（改ざんがあれば終了コード 1）",
    )
    .option("--database <url>", "確かめるデータベース（省略時は DATABASE_URL）")
    .action(async (opts: { database?: string }) => {
      const target = opts.database ? parseDatabaseUrl(opts.database) : readConfig().database;
      const kdb = await openTarget(target);
      let report: ChainReport;
      try {
        // An older database gets its chain (migration 0022) before it is checked.
        await migrateToLatest(kdb.db);
        report = await verifyAuditChain(kdb.db);
      } finally {
        await kdb.close();
      }
      const lines = chainReportLines(report);
      if (report.broken) throw new CommanderError(1, "koe.error", lines.join("\n"));
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
