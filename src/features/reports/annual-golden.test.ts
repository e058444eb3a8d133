/**
 * Golden, seed 004: the FY2022 annual voice report generated on `koe demo --as-of 2023-05-31` (the federation's own
 * years, loaded by the demo loader into each database) holds 65,893 voices in all, 46,682 / 18,973 / 238 by type,
 * every category count of seed 004's three breakdowns, and sums that check; and it is generated well under 10 s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { loadDemo } from "../../demo/load-demo.js";
import type { Actor } from "../../domain/roles.js";
import { createReport } from "./create-report.js";
import { generateDocument } from "./generate-document.js";
import type { ReportDocument, ReportTable } from "./report-document.js";

const dialects = await testDialects();
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

describe.each(dialects)("seed 004's FY2022 annual voice report on %s", (dialect) => {
  let tdb: TestDatabase;
  let doc: ReportDocument;
  let ms = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await loadDemo(tdb, { asOf: "2023-05-31" });
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
    const rows = yoy.table.rows;
    expect(rows.reduce((a, r) => a + Number(r[1]), 0)).toBe(65_893);
    for (const r of rows) expect(r[3]).toBe(Number(r[1]) - Number(r[2]));
  });

  it("counts the channels of the same voices", () => {
    const s = doc.sections.find((x) => x.kind === "chart" && x.charts[0]?.title === "窓口ごとの件数");
    if (s?.kind !== "chart") throw new Error("no channels");
    expect(s.charts[0]?.table.totalRow?.[1]).toBe(65_893);
  });

  it("is generated well under 10 seconds", () => {
    expect(ms).toBeLessThan(10_000);
    // biome-ignore lint/suspicious/noConsole: the generation time is a figure the issue asks for
    console.info(`FY2022 annual voice report on ${dialect}: ${Math.round(ms)} ms`);
  });
});
