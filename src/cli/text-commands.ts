/** `koe search reindex`, `koe analysis index` and `koe model` (with training from and saving to the database). */
import type { Command } from "commander";
import { prepareDatabase } from "../bootstrap.js";
import { readConfig } from "../config.js";
import { type Db, type KoeDatabase, openTarget } from "../db/database.js";
import { saveModel, trainingExamplesFromDatabase } from "../features/text/classifier-model.js";
import { countMissingWords, type IndexOptions, indexAllMissingWords } from "../features/text/word-index.js";
import { reindexAll } from "../search/search-index.js";
import { fillAllMissingWordKeys, wordKeyProgress } from "../search/word-key-index.js";
import { closeTokenizeWorker } from "../text/worker-pool.js";
import { registerModelCommand } from "./model-command.js";

async function withDatabase<T>(fn: (kdb: KoeDatabase) => Promise<T>): Promise<T> {
  const config = readConfig();
  const kdb = await openTarget(config.database);
  try {
    await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
    return await fn(kdb);
  } finally {
    await kdb.close();
  }
}

/**
 * The voices the analyzer failed on, by id only (the text is personal data). They are stored as analysed, so the
 * next run does not try them again; editing the content does.
 */
export function failedVoicesLine(ids: readonly number[]): string | null {
  if (ids.length === 0) return null;
  const sorted = [...ids].sort((a, b) => a - b);
  return `解析できなかった声: ${sorted.length.toLocaleString("ja-JP")} 件（ID ${sorted.join(", ")}）。本文を編集すると再解析します`;
}

/**
 * `koe analysis index` on an open database: analyses every voice lacking words, with progress and the result on
 * `out` and the voices the analyzer failed on on `err`. `analyse` replaces the analyzer (tests inject a failure).
 */
export async function runAnalysisIndex(
  db: Db,
  io: { out: (text: string) => void; err: (text: string) => void },
  analyse?: IndexOptions["analyse"],
): Promise<number> {
  const missing = await countMissingWords(db);
  io.out(`未解析の声: ${missing.toLocaleString("ja-JP")} 件\n`);
  const started = performance.now();
  const failed: number[] = [];
  const n = await indexAllMissingWords(
    db,
    (done) => io.out(`\r  ${done.toLocaleString("ja-JP")} 件`),
    (ids) => failed.push(...ids),
    analyse ? { analyse } : {},
  );
  io.out(
    `\n${n.toLocaleString("ja-JP")} 件を解析しました（${((performance.now() - started) / 1000).toFixed(1)} 秒）\n`,
  );
  const line = failedVoicesLine(failed);
  if (line) io.err(`${line}\n`);
  return n;
}

export function registerTextCommands(program: Command): void {
  const search = program.command("search").description("全文検索の索引");
  search
    .command("words")
    .description("単語の索引（語形・表記ゆれを同じ語として探すための索引）がまだない声を解析します")
    .action(async () => {
      await withDatabase(async (kdb) => {
        const before = await wordKeyProgress(kdb.db);
        const n = await fillAllMissingWordKeys(kdb.db, (done) =>
          process.stdout.write(
            `\r  ${done.toLocaleString("ja-JP")} / ${before.pending.toLocaleString("ja-JP")} 件`,
          ),
        );
        if (n > 0) process.stdout.write("\n");
        console.log(`${n.toLocaleString("ja-JP")} 件の声の単語の索引を作りました`);
      });
      await closeTokenizeWorker();
    });
  search
    .command("reindex")
    .description("すべての声の全文検索の索引を作り直します")
    .action(async () => {
      await withDatabase(async (kdb) => {
        const started = performance.now();
        const n = await reindexAll(kdb, (done) =>
          process.stdout.write(`\r  ${done.toLocaleString("ja-JP")} 件`),
        );
        process.stdout.write("\n");
        console.log(
          `${n.toLocaleString("ja-JP")} 件の声の索引を作り直しました（${((performance.now() - started) / 1000).toFixed(1)} 秒）`,
        );
      });
    });

  program
    .command("analysis")
    .description("頻出語の分析")
    .command("index")
    .description("まだ解析していない声の語（頻出語の分析用）を解析して保存します")
    .action(async () => {
      await withDatabase(async (kdb) => {
        try {
          await runAnalysisIndex(kdb.db, {
            out: (text) => process.stdout.write(text),
            err: (text) => process.stderr.write(text),
          });
        } finally {
          await closeTokenizeWorker();
        }
      });
    });

  // Each database call opens its own connection: the model command runs one of them per invocation.
  let examples = 0;
  registerModelCommand(program, {
    trainFromDatabase: () =>
      withDatabase(async (kdb) => {
        const list = await trainingExamplesFromDatabase(kdb.db);
        examples = list.length;
        return list;
      }),
    saveModel: (json) =>
      withDatabase(async (kdb) => {
        await saveModel(kdb.db, json, { source: "cli", examples, createdBy: null });
      }),
  });
}
