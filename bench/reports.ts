// Building the FY2022 annual voice report over the seeds' data set (`koe demo --as-of 2023-05-31`: ≈66,000
// voices in the year, ≈300,000 in all): koe's document generation, HTML and PDF, beside the raw parts from the same
// run — the year's type × category count in plain SQL, and bare Chromium printing a one-page Japanese document.
// Goals (issue 15): < 10 s to HTML, < 30 s to PDF on this 2-core machine.
// Run: npm run build && node --import tsx bench/reports.ts   (the data set is made once, by `koe demo --as-of`)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "kysely";
import { asOfDemoDatabaseUrl } from "../src/cli/demo-command.js";
import { openDatabase } from "../src/db/database.js";
import { reportBrowser } from "../src/features/reports/render/report-browser.js";
import { renderReportHtml } from "../src/features/reports/render/report-html.js";
import { renderReportPdf } from "../src/features/reports/render/report-pdf.js";
import { buildDocument } from "../src/features/reports/report-command.js";

const AS_OF = "2023-05-31";
const url = asOfDemoDatabaseUrl(AS_OF);
const log = (l: string) => process.stderr.write(`${l}\n`);
const ms = (t: number) => performance.now() - t;

if (!existsSync(url.replace("sqlite:", ""))) {
  log(`making the data set with koe demo --as-of ${AS_OF} (once) …`);
  execFileSync(process.execPath, ["bin/koe.js", "demo", "--as-of", AS_OF], { stdio: "inherit" });
}
const kdb = await openDatabase(url);
const browser = reportBrowser();
try {
  const total = await kdb.db
    .selectFrom("voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  log(`data set: ${Number(total.n).toLocaleString()} voices (load ${loadavg()[0]?.toFixed(1)})`);

  let t = performance.now();
  const raw = await sql<{ type_id: number; category_id: number | null; n: number }>`
    select type_id, category_id, count(*) as n from voices where fiscal_year = 2022 and void_reason is null
    group by type_id, category_id`.execute(kdb.db);
  const rawCountMs = ms(t);

  t = performance.now();
  const doc = await buildDocument(kdb, "annual-voice", 2022, undefined);
  const generateMs = ms(t);
  t = performance.now();
  const html = renderReportHtml(doc);
  const htmlMs = ms(t);

  const chromium = await browser.browser();
  t = performance.now();
  const page = await chromium.newPage();
  await page.setContent('<html lang="ja"><body><p>お客さまの声 65,893件</p></body></html>');
  await page.pdf({ format: "A4" });
  await page.close();
  const barePdfMs = ms(t);
  t = performance.now();
  const pdf = await renderReportPdf(doc, { browser, html });
  const pdfMs = ms(t);

  const rows: [string, number, string][] = [
    ["raw: FY2022 type × category in plain SQL", rawCountMs, `${raw.rows.length} rows`],
    ["koe: generate the FY2022 annual voice report", generateMs, `${doc.sections.length} sections`],
    ["koe: render HTML", htmlMs, `${(html.length / 1024).toFixed(0)} kB`],
    ["koe: generate + HTML (goal < 10 s)", generateMs + htmlMs, ""],
    ["raw: bare Chromium, one Japanese line to PDF", barePdfMs, ""],
    ["koe: PDF (browser running)", pdfMs, `${(pdf.length / 1024).toFixed(0)} kB`],
    ["koe: generate + HTML + PDF (goal < 30 s)", generateMs + htmlMs + pdfMs, ""],
  ];
  for (const [what, time, note] of rows)
    console.log(`${what.padEnd(50)} ${(time / 1000).toFixed(2).padStart(7)} s  ${note}`);
  console.log(`load average at the end: ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await browser.close();
  await kdb.close();
}
