/**
 * The demo's records beyond voices, on every database: the KPI register counts the demo's own records, the
 * surveys have results whose dissatisfied answers became voices (old ones handled, recent ones waiting), and
 * improvements based on complaints exist in several states.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { fiscalYearPeriod } from "../domain/analysis-period.js";
import { listTrainings } from "../features/activities/trainings.js";
import { kpiRegister } from "../features/kpi/kpi-register.js";
import { reportingPeriod } from "../features/kpi/reporting-period.js";
import { surveyKindFigures } from "../features/surveys/kind-figures.js";
import { type DemoRecordsResult, loadDemoRecords } from "./demo-records.js";
import { loadDemo } from "./load-demo.js";

const NOW = new Date("2026-11-20T03:00:00Z");

describe.each(await testDialects())("demo records on %s", (dialect) => {
  let tdb: TestDatabase;
  let result: DemoRecordsResult;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await loadDemo(tdb, { now: NOW, maxVoices: 3000 });
    result = await loadDemoRecords(tdb, { now: NOW });
  }, 300_000);
  afterAll(async () => {
    await tdb?.drop();
  });

  it("fills the KPI register from the demo's own records", async () => {
    expect(result.kpis).toBe(13);
    const year = 2025;
    const register = await kpiRegister(tdb.db, year);
    const kpis = register.themes.flatMap((t) => t.kpis);
    expect(kpis).toHaveLength(13);
    // The trainings KPI counts exactly the year's trainings (compliance ones apart, as seed 001 lists them).
    const period = await reportingPeriod(tdb.db, year);
    const trainings = await listTrainings(tdb.db, { from: period.from, to: period.to });
    const trainingKpi = kpis.find((k) => k.source === "trainings");
    expect(trainingKpi?.value).toBeGreaterThan(0);
    expect(trainingKpi?.value).toBeLessThanOrEqual(trainings.length);
    // Every KPI computed from records has a value for the last complete year, and a year-over-year sentence.
    const computed = kpis.filter((k) => k.source !== "manual");
    expect(computed.filter((k) => k.value === null).map((k) => k.name)).toEqual([]);
    expect(computed.every((k) => k.yoy !== "")).toBe(true);
  });

  it("has survey results per kind whose dissatisfied answers became voices, the old ones handled", async () => {
    expect(result.surveyAnswers).toBeGreaterThan(1500);
    expect(result.surveyVoices).toBeGreaterThan(30);
    const figures = await surveyKindFigures(tdb.db, fiscalYearPeriod(2025, 4));
    const by = new Map(figures.kinds.map((k) => [k.code, k]));
    for (const code of ["members", "payment", "servicing"])
      expect(by.get(code)?.responses).toBeGreaterThan(150);
    // お支払い時 pleases most, 保全対応時 least, as in seed 000.
    expect(by.get("payment")?.topTwoBox ?? 0).toBeGreaterThan(by.get("members")?.topTwoBox ?? 100);
    expect(by.get("members")?.topTwoBox ?? 0).toBeGreaterThan(by.get("servicing")?.topTwoBox ?? 100);

    const loop = await tdb.db
      .selectFrom("survey_answers as a")
      .innerJoin("voices as v", "v.id", "a.voice_id")
      .select(["v.status", "v.received_at"])
      .execute();
    expect(loop.length).toBe(result.surveyVoices);
    const monthAgo = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
    const old = loop.filter((v) => v.received_at < monthAgo);
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((v) => v.status === "closed")).toBe(true);
    expect(loop.some((v) => v.received_at >= monthAgo && v.status !== "closed")).toBe(true);
  });

  it("has improvements based on complaints, completed and under way", async () => {
    const rows = await tdb.db
      .selectFrom("improvements as i")
      .select(["i.status", "i.id"])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("improvement_voices as iv")
            .select("iv.voice_id")
            .whereRef("iv.improvement_id", "=", "i.id"),
        ),
      )
      .execute();
    expect(rows.length).toBe(result.improvements);
    const states = new Set(rows.map((r) => r.status));
    expect(states.has("completed")).toBe(true);
    expect(states.size).toBeGreaterThan(1);
  });
});
