/**
 * Golden, seed 000: the KPI report for 2023, generated from the KPI register over seed 000's records, holds every
 * figure, breakdown and year-over-year sentence seed 000 prints, on every database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../../../tests/helpers/browser.js";
import { enterSeed000, SEED_000_TODAY } from "../../../tests/helpers/kpi-seed-000.js";
import { pdfToText, visibleText } from "../../../tests/helpers/printed-text.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import type { Actor } from "../../domain/roles.js";
import { createReport } from "./create-report.js";
import { generateDocument } from "./generate-document.js";
import { reportBrowser } from "./render/report-browser.js";
import { renderReportHtml } from "./render/report-html.js";
import { renderReportPdf } from "./render/report-pdf.js";
import type { ReportDocument } from "./report-document.js";

const dialects = await testDialects();
/** Printing needs Chromium; CI has it, and there a missing one fails the test. */
const printable = chromiumAvailable || process.env.CI === "true";
const now = new Date(`${SEED_000_TODAY}T03:00:00Z`);

/** number → [value, year-over-year, breakdown] as seed 000 prints them */
const SEED_000: [string, string, string, string][] = [
  ["1①", "30名", "前年より2名増加", "取得率 44.1%、対象職員 68名"],
  ["1②", "37回", "前年より33回減少", "実務 1回、商品 21回、マナー 2回、その他 13回"],
  ["2①", "13回", "昨年は開催なし", "イベント 0回、セミナー 1回、相談会 12回"],
  ["2②", "5,226件", "前年より333件減少", ""],
  ["2③", "12,573件", "前年より6,114件減少", ""],
  ["3①", "5件", "前年より1件増加", ""],
  ["3②", "92.4%", "前年より2.2％増加", "自動車 92.5%、火災 92.3%"],
  ["4①", "11,312件", "前年より8,656件減少", ""],
  ["4②", "7件", "前年より1件減少", ""],
  ["4③", "86.8%", "前年より0.6％減少", "お支払い時アンケート 93.2%、保全対応時アンケート 73.9%"],
  ["5①", "36回", "前年より13回減少", "コンプライアンス 36回"],
  ["5②", "19回", "前年より11回減少", "改善項目 10件、自主点検 14回、内部監査 2回、外部監査 3回"],
  ["5③", "10件", "前年より10件増加", ""],
];

describe.each(dialects)("seed 000's KPI report on %s", (dialect) => {
  let tdb: TestDatabase;
  let doc: ReportDocument;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await tdb.db.transaction().execute((trx) => enterSeed000(trx));
    const admin = await tdb.db
      .selectFrom("users")
      .select(["id"])
      .where("email", "=", "admin@example.jp")
      .executeTakeFirstOrThrow();
    const actor: Actor = { id: admin.id, role: "admin", departmentId: null };
    const id = await tdb.db
      .transaction()
      .execute((trx) => createReport(trx, actor, { kind: "kpi", fiscalYear: 2023 }, { now }));
    doc = await generateDocument(tdb.db, id, { now });
  }, 180_000);
  afterAll(async () => tdb?.drop());

  it("covers 2023 and prints every figure, breakdown and year-over-year change of seed 000", () => {
    expect(doc.periodLabel).toBe("2023年（2023年1月1日〜2023年12月31日）");
    const kpi = doc.sections.find((s) => s.kind === "kpi");
    if (kpi?.kind !== "kpi") throw new Error("no KPI section");
    expect(kpi.table.rows.map((r) => [r[0], r[3], r[5], r[6]])).toEqual(SEED_000);
    expect(kpi.table.rows.map((r) => r[1])).toContain("声の収集と改善");
  });

  it("writes one year-over-year sentence per KPI", () => {
    const kpi = doc.sections.find((s) => s.kind === "kpi");
    if (kpi?.kind !== "kpi") throw new Error("no KPI section");
    expect(kpi.sentences).toHaveLength(SEED_000.length);
    SEED_000.forEach(([n, value, yoy], i) => {
      expect(kpi.sentences[i]).toMatch(new RegExp(`^${n} .+: ${value}（${yoy}）$`));
    });
  });

  it.runIf(printable)(
    "prints every figure and year-over-year sentence in its HTML page and in its PDF's text",
    async () => {
      const html = renderReportHtml(doc);
      const browser = reportBrowser();
      let pdfText: string;
      try {
        pdfText = pdfToText(await renderReportPdf(doc, { browser, html }));
      } finally {
        await browser.close();
      }
      // Whitespace removed: a sentence or a table cell may wrap across lines in the PDF.
      const printed = { HTML: visibleText(html).replace(/\s+/g, ""), PDF: pdfText.replace(/\s+/g, "") };
      for (const [what, flat] of Object.entries(printed))
        for (const [n, value, yoy, breakdown] of SEED_000) {
          expect(flat, `${what}: ${n}`).toContain(`${value}（${yoy}）`.replace(/\s+/g, ""));
          if (what === "HTML" && breakdown)
            expect(flat, `${what}: ${n}`).toContain(breakdown.replace(/\s+/g, ""));
        }
    },
    300_000,
  );
});
