// Measures the full voice import of 100,000 realistic rows (demo generator texts and customers, UTF-8 CSV with
// Japanese headers) into a fresh SQLite database: dry run, real run (one transaction), and a re-run that skips
// every row by 外部ID. Goal: the real run of 100,000 rows in < 10 s.
// Run: node --import tsx bench/import.ts [rows] [--kysely]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "../src/bootstrap.js";
import { openTarget } from "../src/db/database.js";
import { generateDemoVoices } from "../src/demo/demo-plan.js";
import { addDemoProductLines } from "../src/demo/demo-product-lines.js";
import { importVoiceFile } from "../src/features/import-export/import-file.js";
import { taxonomyIndex } from "../src/features/users-and-settings/taxonomy.js";
import { type ExportRow, writeVoicesCsv } from "../src/io/export-voices.js";

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  let i = 0;
  for (const x of it) {
    if (i++ >= n) return;
    yield x;
  }
}

export async function run(
  rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000),
): Promise<{ seconds: number; rowsPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), "koe-bench-import-"));
  const kdb = await openTarget({ dialect: "sqlite", path: join(dir, "koe.sqlite") });
  try {
    await prepareDatabase(kdb, { email: "admin@example.jp", password: "bench-password-1" });
    await addDemoProductLines(kdb.db);
    const tax = await taxonomyIndex(kdb.db);
    const name = (kind: "type" | "category" | "channel" | "product_line" | "department", code: string) =>
      tax.find(kind, code)?.name ?? code;

    const t0 = performance.now();
    const exportRows: ExportRow[] = [];
    let i = 0;
    for (const v of take(
      generateDemoVoices({
        latestFiscalYear: 2025,
        fiscalYearStartMonth: 4,
        now: new Date("2026-03-31T00:00:00Z"),
      }),
      rows,
    )) {
      i++;
      exportRows.push({
        receiptNumber: "",
        receivedAt: v.receivedAt,
        channel: name("channel", v.channelCode),
        type: name("type", v.typeCode),
        category: name("category", v.categoryCode),
        productLine: v.productLineCode ? name("product_line", v.productLineCode) : null,
        department: name("department", v.departmentCode),
        content: v.content,
        remedySought: v.remedySought,
        customer: v.customer && {
          name: v.customer.name,
          memberNumber: v.customer.memberNumber,
          phone: v.customer.phone,
          email: v.customer.email,
          prefecture: v.customer.prefecture,
          ageBand: v.customer.ageBand,
          gender: v.customer.gender,
        },
        externalId: `BENCH-${i}`,
        status: "received",
        assignee: null,
        resolveBy: null,
      });
    }
    const csv = await writeVoicesCsv(exportRows, { includeCustomer: true });
    const withCustomer = exportRows.filter((r) => r.customer).length;
    console.log(
      `generated ${rows.toLocaleString("en-US")} rows (${withCustomer.toLocaleString("en-US")} with a customer), CSV ${(csv.length / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const timed = async (label: string, dryRun: boolean) => {
      const s = performance.now();
      // --kysely: the path an HTTP upload takes (a Kysely instance, multi-row inserts) instead of prepared statements
      const target = process.argv.includes("--kysely") ? kdb.db : kdb;
      const r = await importVoiceFile(target, null, csv, "bench.csv", { dryRun });
      const seconds = (performance.now() - s) / 1000;
      if (r.problems.length)
        throw new Error(`${label}: ${r.problems.length} problems, first: ${JSON.stringify(r.problems[0])}`);
      console.log(
        `${label.padEnd(22)} ${seconds.toFixed(2)} s  (${Math.round(rows / seconds).toLocaleString("en-US")} rows/s)  imported ${r.imported.toLocaleString("en-US")}, importable ${r.importable.toLocaleString("en-US")}, skipped ${r.skipped.toLocaleString("en-US")}`,
      );
      return seconds;
    };
    await timed("dry run", true);
    const seconds = await timed("import (one transaction)", false);
    await timed("re-run (all skipped)", false);
    const n = await kdb.db
      .selectFrom("voices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== rows) throw new Error(`expected ${rows} voices, found ${n.n}`);
    const rowsPerSecond = Math.round(rows / seconds);
    console.log(
      `\nfull import of ${rows.toLocaleString("en-US")} rows: ${seconds.toFixed(2)} s, ${rowsPerSecond.toLocaleString("en-US")} rows/s (goal < 10 s)`,
    );
    return { seconds, rowsPerSecond };
  } finally {
    await kdb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
