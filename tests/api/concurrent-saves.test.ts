/**
 * Saves that replace one stored value, sent several times at once on every database: the KPI reporting setting,
 * a KPI's hand entry for a period, a month's business figure and a label's import aliases. Each is one row in
 * the end and none of the saves fails (on PostgreSQL a check-then-insert used to answer 500 from the unique key
 * when two saves overlapped; the access matrix found it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveBusinessFigures } from "../../src/features/activities/business-figures.js";
import { setLabelAliases } from "../../src/features/import-aliases/label-aliases.js";
import { applyKpiTemplate, listKpis, saveKpiEntry } from "../../src/features/kpi/kpi-register.js";
import { reportingPeriod, setKpiReporting } from "../../src/features/kpi/reporting-period.js";
import { taxonomyIndex } from "../../src/features/users-and-settings/taxonomy.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const AT_ONCE = 6;
const today = "2026-11-20";

describe.each(await testDialects())("the same save several times at once on %s", (dialect) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await applyKpiTemplate(tdb.db);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const times = <T>(f: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: AT_ONCE }, (_, i) => f(i)));

  it("stores the KPI reporting setting once", async () => {
    await times((i) =>
      setKpiReporting(tdb.db, { basis: i % 2 ? "fiscal" : "calendar", rateChange: "point" }),
    );
    const rows = await tdb.db.selectFrom("settings").select("key").where("key", "like", "kpi%").execute();
    expect(rows).toHaveLength(1);
    await setKpiReporting(tdb.db, { basis: "calendar", rateChange: "point" });
  });

  it("keeps one hand entry per KPI and period", async () => {
    const { kpis } = await listKpis(tdb.db);
    const kpi = kpis.find((k) => k.source === "manual") ?? kpis[0];
    if (!kpi) throw new Error("the template made no KPI");
    const period = await reportingPeriod(tdb.db, 2025);
    await times((i) =>
      saveKpiEntry(
        tdb.db,
        kpi.id,
        period,
        { narrative: `取り組みの評価（${i + 1}回目の保存）` },
        null,
        today,
      ),
    );
    const rows = await tdb.db
      .selectFrom("kpi_entries")
      .select("narrative")
      .where("kpi_id", "=", kpi.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.narrative).toMatch(/^取り組みの評価（\d回目の保存）$/);
  });

  it("keeps one business figure per month, metric and line", async () => {
    await times((i) =>
      saveBusinessFigures(
        tdb.db,
        [{ month: "2025-10", metric: "consultations", line: "", numerator: 400 + i, denominator: null }],
        today,
      ),
    );
    const rows = await tdb.db
      .selectFrom("business_figures")
      .select("numerator")
      .where("month", "=", "2025-10")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("stores a label's aliases once", async () => {
    const counter = (await taxonomyIndex(tdb.db)).find("channel", "counter");
    if (!counter) throw new Error("no counter channel");
    await times(() =>
      tdb.db
        .transaction()
        .execute((trx) => setLabelAliases(trx, null, "channel", counter.id, ["窓口", "支所窓口"])),
    );
    const rows = await tdb.db
      .selectFrom("label_aliases")
      .select("alias")
      .where("label_id", "=", counter.id)
      .orderBy("alias")
      .execute();
    expect(rows.map((r) => r.alias)).toEqual(["支所窓口", "窓口"].sort());
  });
});
