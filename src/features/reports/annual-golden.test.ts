/**
 * Golden, seed 004: the FY2022 annual voice report generated on `koe demo --as-of 2023-05-31` (the federation's own
 * years, loaded by the demo loader into each database) holds 65,893 voices in all, 46,682 / 18,973 / 238 by type,
 * every category count of seed 004's three breakdowns, and sums that check — in the document, in its HTML page and
 * in the text of its PDF (pdftotext, poppler-utils) — and it is generated well under 10 s.
 *
 * The report counts FY2022 and, for 前年度との比較, FY2021: the demo is loaded with `figuresFrom: 2021` — the same
 * voices of those two years, without the older years, the timelines and the search index, which no count reads.
 * The full load took 561 s on PostgreSQL under load 20 (1.3 M timeline rows, then the search index: 179 s) and ran
 * past the 15-minute limit on a busier machine; the report itself generated in 0.8 s of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../../../tests/helpers/browser.js";
import { pdfToText, visibleText } from "../../../tests/helpers/printed-text.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { loadDemo } from "../../demo/load-demo.js";
import type { Actor } from "../../domain/roles.js";
import { createReport } from "./create-report.js";
import { generateDocument } from "./generate-document.js";
import { reportBrowser } from "./render/report-browser.js";
import { renderReportHtml } from "./render/report-html.js";
import { renderReportPdf } from "./render/report-pdf.js";
import type { ReportDocument, ReportTable } from "./report-document.js";

const dialects = await testDialects();
/** Printing needs Chromium; CI has it, and there a missing one fails the test. */
const printable = chromiumAvailable || process.env.CI === "true";
const now = new Date("2023-08-01T00:00:00Z");

/**
 * Seed 004's three breakdowns by category, as printed (pp. 6–7), under koe's default category names: 応対 is
 * 応対に関するもの, 契約保全・掛金収納 is ご契約の保全、掛金収納に関するもの, 商品 is 共済商品に関するもの, 申込手続き is
 * お申込手続きに関するもの, 支払い is 共済金のお支払いに関するもの.
 */
const SEED_004: Record<string, Record<string, number>> = {
  "感謝・評価": {
    応対: 21_195,
    "契約保全・掛金収納": 12_271,
    商品: 4_647,
    申込手続き: 3_697,
    支払い: 2_190,
    その他: 2_682,
  },
  "意見・要望": {
    応対: 6_674,
    商品: 3_683,
    その他: 2_546,
    "契約保全・掛金収納": 2_159,
    支払い: 2_296,
    申込手続き: 1_615,
  },
  苦情: {
    応対: 141,
    商品: 36,
    その他: 16,
    "契約保全・掛金収納": 34,
    支払い: 6,
    申込手続き: 5,
  },
};

const asCounts = (t: ReportTable | undefined) => Object.fromEntries((t?.rows ?? []).map((r) => [r[0], r[1]]));

const n = (x: number) => x.toLocaleString("ja-JP");
/** 構成比（%） as the tables print it: one decimal. */
const share = (part: number, whole: number) => (Math.round((part / whole) * 1000) / 10).toFixed(1);

/**
 * Seed 004's figures read back from a printed text (the HTML's or the PDF's), whitespace removed so a table row
 * reads 「応対21,19545.4」 (label, count, share): the total and the split by type in the sentence, then each type's
 * table — from its title to the next type's — with every category's row and the 総数 row.
 */
function expectSeed004Printed(printed: string, what: string) {
  const flat = printed.replace(/\s+/g, "");
  expect(flat, what).toContain("合計65,893件");
  expect(flat, what).toContain("「感謝・評価46,682件」「意見・要望18,973件」「苦情238件」");
  const types = Object.keys(SEED_004);
  types.forEach((type, i) => {
    const start = flat.indexOf(`${type}の分類別件数`);
    expect(start, `${what}: ${type}の分類別件数`).toBeGreaterThan(-1);
    const next = types[i + 1];
    const end = next ? flat.indexOf(`${next}の分類別件数`, start) : flat.length;
    const part = flat.slice(start, end);
    const cats = SEED_004[type] ?? {};
    const total = Object.values(cats).reduce((a, b) => a + b, 0);
    for (const [category, count] of Object.entries(cats))
      expect(part, `${what}: ${type} ${category}`).toContain(`${category}${n(count)}${share(count, total)}`);
    expect(part, `${what}: ${type} 総数`).toContain(`総数${n(total)}100.0`);
  });
}

describe.each(dialects)("seed 004's FY2022 annual voice report on %s", (dialect) => {
  let tdb: TestDatabase;
  let doc: ReportDocument;
  let ms = 0;
  let loaded = "";

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const demo = await loadDemo(tdb, { asOf: "2023-05-31", figuresFrom: 2021 });
    loaded = `${n(demo.voices)} voices loaded in ${demo.seconds.toFixed(1)} s`;
    const admin = await tdb.db
      .selectFrom("users")
      .select(["id", "department_id"])
      .where("email", "=", "admin@example.jp")
      .executeTakeFirstOrThrow();
    const actor: Actor = { id: admin.id, role: "admin", departmentId: admin.department_id };
    const id = await tdb.db
      .transaction()
      .execute((trx) => createReport(trx, actor, { kind: "annual-voice", fiscalYear: 2022 }, { now }));
    const t0 = performance.now();
    doc = await generateDocument(tdb.db, id, { now });
    ms = performance.now() - t0;
  }, 900_000);
  afterAll(async () => tdb?.drop());

  it("prints the year's total and its split by type", () => {
    expect(doc.periodStart).toBe("2022-06-01");
    expect(doc.periodEnd).toBe("2023-05-31");
    const totals = doc.sections.find((s) => s.kind === "chart" && s.charts[0]?.title === "種別ごとの件数");
    if (totals?.kind !== "chart") throw new Error("no type totals");
    expect(totals.body).toContain("合計65,893件");
    expect(totals.body).toContain("「感謝・評価46,682件」「意見・要望18,973件」「苦情238件」");
    const table = totals.charts[0]?.table;
    expect(asCounts(table)).toEqual({ "感謝・評価": 46_682, "意見・要望": 18_973, 苦情: 238 });
    expect(table?.totalRow?.[1]).toBe(65_893);
    expect(totals.charts[0]?.series[0]?.values).toEqual([46_682, 18_973, 238]);
  });

  it("prints every category count of seed 004's three breakdowns, and the sums check", () => {
    const s = doc.sections.find((x) => x.kind === "chart" && x.charts.length === 3);
    if (s?.kind !== "chart") throw new Error("no type-by-category charts");
    const byType = Object.fromEntries(s.charts.map((c) => [c.title.replace(/の分類別件数$/, ""), c.table]));
    let all = 0;
    for (const [type, cats] of Object.entries(SEED_004)) {
      const t = byType[type];
      expect(asCounts(t), type).toEqual(cats);
      const sum = Object.values(cats).reduce((a, b) => a + b, 0);
      expect(t?.totalRow?.[1], type).toBe(sum);
      all += sum;
    }
    expect(all).toBe(65_893);
    const yoy = doc.sections.find((x) => x.kind === "table" && x.table.title === "前年度との比較");
    if (yoy?.kind !== "table") throw new Error("no year-over-year");
    expect(yoy.table.totalRow?.[1]).toBe(65_893);
    // FY2021 is loaded too: between seed 003's FY2019 (62,437) and seed 004's FY2022
    expect(Number(yoy.table.totalRow?.[2])).toBeGreaterThan(60_000);
    const rows = yoy.table.rows;
    expect(rows.reduce((a, r) => a + Number(r[1]), 0)).toBe(65_893);
    for (const r of rows) expect(r[3]).toBe(Number(r[1]) - Number(r[2]));
  });

  it("counts the channels of the same voices", () => {
    const s = doc.sections.find((x) => x.kind === "chart" && x.charts[0]?.title === "窓口ごとの件数");
    if (s?.kind !== "chart") throw new Error("no channels");
    expect(s.charts[0]?.table.totalRow?.[1]).toBe(65_893);
  });

  it.runIf(printable)(
    "prints every figure of seed 004 in its HTML page and in its PDF's text",
    async () => {
      const browser = reportBrowser();
      try {
        const t0 = performance.now();
        const html = renderReportHtml(doc);
        const pdf = await renderReportPdf(doc, { browser, html });
        const printMs = performance.now() - t0;
        expectSeed004Printed(visibleText(html), "HTML");
        expectSeed004Printed(pdfToText(pdf), "PDF");
        // biome-ignore lint/suspicious/noConsole: the printing time is a figure the issue asks for
        console.info(`FY2022 annual voice report on ${dialect}: HTML + PDF ${Math.round(printMs)} ms`);
      } finally {
        await browser.close();
      }
    },
    300_000,
  );

  it("is generated well under 10 seconds", () => {
    expect(ms).toBeLessThan(10_000);
    // biome-ignore lint/suspicious/noConsole: the generation time is a figure the issue asks for
    console.info(`FY2022 annual voice report on ${dialect}: ${loaded}; generated in ${Math.round(ms)} ms`);
  });
});
