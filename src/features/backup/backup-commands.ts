/** `koe backup`, `koe restore` and `koe db copy`: a logical backup that moves between SQLite and PostgreSQL. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { readConfig } from "../../config.js";
import { type KoeDatabase, openTarget } from "../../db/database.js";
import type { DatabaseTarget } from "../../db/database-url.js";
import { parseDatabaseUrl } from "../../db/database-url.js";
import { describeDatabaseTarget } from "../../db/dialect.js";
import { recordCliAudit } from "../../services/audit.js";
import { readBackupFile, writeBackupFile } from "./backup-file.js";
import type { BackupRecord } from "./backup-records.js";
import { dumpDatabase } from "./dump-database.js";
import { type RestoreResult, restoreDatabase } from "./restore-database.js";

function targetOf(url: string | undefined): DatabaseTarget {
  return url ? parseDatabaseUrl(url) : readConfig().database;
}

async function withTarget<T>(target: DatabaseTarget, fn: (kdb: KoeDatabase) => Promise<T>): Promise<T> {
  const kdb = await openTarget(target);
  try {
    return await fn(kdb);
  } finally {
    await kdb.close();
  }
}

/** Counts records as they pass, for the closing line of `koe backup`. */
async function* counted(records: AsyncIterable<BackupRecord>, into: Record<string, number>) {
  for await (const r of records) {
    if (r.kind === "end") Object.assign(into, r.tables);
    yield r;
  }
}

function restoredLines(r: RestoreResult, seconds: number): string {
  const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
  const voices = r.tables.voices ?? 0;
  return [
    `${Object.keys(r.tables).length} 表・${rows.toLocaleString("ja-JP")} 行を復元しました（声 ${voices.toLocaleString("ja-JP")} 件、${seconds.toFixed(1)} 秒）`,
    `全文検索の索引を作り直しました（${r.indexedVoices.toLocaleString("ja-JP")} 件）`,
  ].join("\n");
}

const seconds = (started: number) => (performance.now() - started) / 1000;

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description(
      "データベース全体をファイルに保存します（サーバーを止めずに実行でき、SQLite・PostgreSQL のどちらにも復元できます）",
    )
    .requiredOption("--out <file>", "保存先のファイル（例: koe-2026-12-04.koe-backup）")
    .option("--database <url>", "保存するデータベース（省略時は DATABASE_URL）")
    .action(async (opts: { out: string; database?: string }) => {
      const target = targetOf(opts.database);
      const started = performance.now();
      const tables: Record<string, number> = {};
      const out = resolve(opts.out);
      let voices = 0;
      const bytes = await withTarget(target, async (kdb) => {
        const written = await writeBackupFile(counted(dumpDatabase(kdb.db, kdb.dialect), tables), out);
        voices = tables.voices ?? 0;
        // The file holds every member's details: who took it, where to, is audited as an export is. Recorded
        // once the file is complete (after the snapshot, so the backup itself does not hold this entry).
        await recordCliAudit(kdb.db, {
          action: "database_backed_up",
          detail: `保存先: ${out}（${Object.keys(tables).length} 表、声 ${voices.toLocaleString("ja-JP")} 件）`,
        });
        return written;
      });
      process.stdout.write(
        `${describeDatabaseTarget(target)} を ${opts.out} に保存しました（${Object.keys(tables).length} 表、声 ${voices.toLocaleString("ja-JP")} 件、${(bytes / 1024 / 1024).toFixed(1)} MB、${seconds(started).toFixed(1)} 秒）\n`,
      );
    });

  program
    .command("restore")
    .description(
      "koe backup のファイルを空のデータベースに復元します（すべて復元するか、何も書かないかのどちらかです）",
    )
    .argument("<file>", "koe backup で保存したファイル")
    .option("--to <url>", "復元先のデータベース（省略時は DATABASE_URL）")
    .action(async (file: string, opts: { to?: string }) => {
      const target = targetOf(opts.to);
      const started = performance.now();
      const result = await withTarget(target, (kdb) => restoreDatabase(kdb, readBackupFile(resolve(file))));
      process.stdout.write(`${describeDatabaseTarget(target)} に復元しました\n`);
      process.stdout.write(`${restoredLines(result, seconds(started))}\n`);
    });

  program
    .command("db")
    .description("データベースの移行")
    .command("copy")
    .description("データベースを別のデータベースへ丸ごと写します（SQLite から PostgreSQL への移行など）")
    .requiredOption("--to <url>", "写し先（空のデータベース。例: postgres://koe@db.example.jp/koe）")
    .option("--from <url>", "写し元（省略時は DATABASE_URL）")
    .action(async (opts: { from?: string; to: string }) => {
      const from = targetOf(opts.from);
      const to = parseDatabaseUrl(opts.to);
      const started = performance.now();
      const result = await withTarget(from, (source) =>
        withTarget(to, (dest) => restoreDatabase(dest, dumpDatabase(source.db, source.dialect))),
      );
      process.stdout.write(`${describeDatabaseTarget(from)} を ${describeDatabaseTarget(to)} に写しました\n`);
      process.stdout.write(`${restoredLines(result, seconds(started))}\n`);
    });
}
