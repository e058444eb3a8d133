// Measures the file half of a voice import: readTable + validateImportRows over a 100,000-row UTF-8 CSV
// and the same rows as Shift_JIS. The whole import (with DB writes) should take < 10 s for 100,000 rows.
// Run: node --import tsx bench/import-parse.ts [rows]
import iconv from "iconv-lite";
import { testContext } from "../src/io/fixtures/taxonomy.js";
import { readTable } from "../src/io/read-table.js";
import { validateImportRows } from "../src/io/voice-import-rows.js";

const ROWS = Number(process.argv[2] ?? 100_000);
const HEADER =
  "受付日時,受付チャネル,種別,分類,商品,部署,内容,ご要望,氏名,組合員番号,電話番号,メール,都道府県,年代,性別,外部ID";
const TYPES = ["苦情", "意見・要望", "感謝・評価", "その他"];

function makeCsv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const content = `お問い合わせ${i}：コールセンターに電話したが、３回かけてもつながらなかった。掛金の引落日について説明がほしい。`;
    lines.push(
      `令和7年${(i % 12) + 1}月${(i % 28) + 1}日 ${i % 24}:${String(i % 60).padStart(2, "0")},コールセンター,${TYPES[i % 4]},応対に関するもの,自動車共済,コールセンター課,"${content}",折り返しの電話を希望,山田 太郎,M${i},090-0000-0000,user${i}@example.jp,福井県,40代,男性,E${i}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function measure(label: string, buf: Buffer, name: string): Promise<void> {
  const ctx = testContext({ now: new Date("2030-01-01T00:00:00Z") });
  const t0 = performance.now();
  const table = await readTable(buf, name);
  const t1 = performance.now();
  const result = await validateImportRows(table, ctx);
  const t2 = performance.now();
  if (result.valid.length !== ROWS || result.problems.length > 0) {
    throw new Error(
      `${label}: expected ${ROWS} valid rows, got ${result.valid.length} and ${result.problems.length} problems`,
    );
  }
  const rate = Math.round(ROWS / ((t2 - t0) / 1000));
  console.log(
    `${label.padEnd(14)} ${ROWS} rows, ${(buf.length / 1e6).toFixed(1)} MB: read ${(t1 - t0).toFixed(0)} ms + validate ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms  (${rate.toLocaleString("en-US")} rows/s)`,
  );
}

const text = makeCsv(ROWS);
const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
const sjis = iconv.encode(text, "cp932");
// one warm-up run so the JIT has seen the code
await measure("warm-up", utf8, "voices.csv");
await measure("CSV UTF-8", utf8, "voices.csv");
await measure("CSV Shift_JIS", sjis, "voices.csv");
