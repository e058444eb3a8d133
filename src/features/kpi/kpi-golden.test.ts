/**
 * Golden: seed 000's 2023 figures (and the 2022 figures its sentences imply) entered as records produce every KPI
 * value and year-over-year sentence of seed 000 exactly, on every database; retiring a KPI keeps its past values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enterSeed000, SEED_000_TODAY } from "../../../tests/helpers/kpi-seed-000.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { AppError } from "../../errors.js";
import type { KpiRegister } from "./contract.js";
import { kpiRegister, listKpis, retireKpi } from "./kpi-register.js";
import { kpiValue } from "./kpi-value.js";
import { setKpiReporting } from "./reporting-period.js";

const dialects = await testDialects();
const today = SEED_000_TODAY;

/** theme.number → [display, yoy, breakdown "label display" …] as seed 000 prints them */
const SEED_000: [string, string, string, string[]][] = [
  ["1①", "30名", "前年より2名増加", ["取得率 44.1%", "対象職員 68名"]],
  ["1②", "37回", "前年より33回減少", ["実務 1回", "商品 21回", "マナー 2回", "その他 13回"]],
  ["2①", "13回", "昨年は開催なし", ["イベント 0回", "セミナー 1回", "相談会 12回"]],
  ["2②", "5,226件", "前年より333件減少", []],
  ["2③", "12,573件", "前年より6,114件減少", []],
  ["3①", "5件", "前年より1件増加", []],
  ["3②", "92.4%", "前年より2.2％増加", ["自動車 92.5%", "火災 92.3%"]],
  ["4①", "11,312件", "前年より8,656件減少", []],
  ["4②", "7件", "前年より1件減少", []],
  ["4③", "86.8%", "前年より0.6％減少", ["お支払い時アンケート 93.2%", "保全対応時アンケート 73.9%"]],
  ["5①", "36回", "前年より13回減少", ["コンプライアンス 36回"]],
  ["5②", "19回", "前年より11回減少", ["改善項目 10件", "自主点検 14回", "内部監査 2回", "外部監査 3回"]],
  // seed 000 prints no change for the improvement items; none were recorded in 2022
  ["5③", "10件", "前年より10件増加", []],
];

const CIRCLED = "①②③④⑤";
const rows = (r: KpiRegister) =>
  r.themes.flatMap((t) =>
    t.kpis.map((k) => [
      `${t.number}${CIRCLED[k.number - 1]}`,
      k.display,
      k.yoy,
      k.breakdown.map((b) => `${b.label} ${b.display}`),
    ]),
  );

describe.each(dialects)("seed 000's KPI report from records on %s", (dialect) => {
  let tdb: TestDatabase;
  let register: KpiRegister;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await tdb.db.transaction().execute((trx) => enterSeed000(trx));
    register = await kpiRegister(tdb.db, 2023, { today });
  }, 180_000);
  afterAll(async () => tdb?.drop());

  it("gives every value, breakdown and year-over-year sentence of seed 000", () => {
    expect(register.themes.map((t) => t.name)).toEqual([
      "業務品質の向上をめざします",
      "組合員との接点を広げます",
      "保全活動を充実させます",
      "声の収集と改善",
      "態勢整備の構築",
    ]);
    expect(rows(register)).toEqual(SEED_000);
    const fp = register.themes[0]?.kpis[0];
    expect(fp?.note).toBe("保障事業部の職員68名中");
    expect(fp?.period).toEqual({ key: "2023", label: "2023年", from: "2023-01-01", to: "2023-12-31" });
  });

  it("opens the records behind each computed value", async () => {
    const kpis = register.themes.flatMap((t) => t.kpis);
    const trainings = kpis[1];
    expect(trainings?.sourceTotal).toBe(37);
    expect(trainings?.sources.filter((s) => s.detail?.startsWith("実務"))).toHaveLength(1);
    expect(trainings?.sources.every((s) => s.kind === "training" && s.date?.startsWith("2023"))).toBe(true);
    const staff = kpis[0];
    expect(staff?.sources).toHaveLength(30);
    // only the qualifying qualifications are named (an AFP holder's FP技能士3級 is not)
    expect(staff?.sources.map((s) => s.detail)).toContain("AFP");
    const voices = kpis[7];
    expect(voices?.sourceTotal).toBe(11312);
    expect(voices?.sources).toHaveLength(200);
    expect(voices?.voiceQuery).toBe("from=2023-01-01&to=2023-12-31");
    // improvements and satisfaction are computed from records too: nothing in the register is typed by hand
    expect(kpis.filter((k) => k.source === "manual")).toEqual([]);
    const improvements = kpis[8];
    expect([improvements?.source, improvements?.sourceTotal]).toEqual(["improvements", 7]);
    expect(improvements?.sources.map((s) => s.label)).toContain("申込書の文字が小さくて見えにくい");
    expect(improvements?.sources.every((s) => s.kind === "improvement" && s.date?.startsWith("2023"))).toBe(
      true,
    );
    const satisfaction = kpis[9];
    expect(satisfaction?.source).toBe("satisfaction");
    expect(satisfaction?.note).toBe("加入者向けアンケート 回答250件・平均4.28（満足・やや満足の割合）");
    expect(satisfaction?.sources.map((s) => `${s.label} ${s.detail}`)).toEqual([
      "加入者向けアンケート 回答250件・満足度86.8%・平均4.28",
      "お支払い時アンケート 回答250件・満足度93.2%・平均4.54",
      "保全対応時アンケート 回答230件・満足度73.9%・平均4.02",
    ]);
    expect(satisfaction?.narrative).toContain("不満足の「声」");
    // the closed loop's voices are among the year's 11,312: the dissatisfied answers of 2023
    const loop = await tdb.db
      .selectFrom("survey_answers as a")
      .innerJoin("surveys as s", "s.id", "a.survey_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("a.voice_id", "is not", null)
      .where("s.name", "like", "2023年%")
      .executeTakeFirstOrThrow();
    expect(Number(loop.n)).toBe(37);
  });

  it("gives each KPI's trend over the last five years for its sparkline, from the same records", () => {
    const kpis = register.themes.flatMap((t) => t.kpis);
    expect(kpis.every((k) => k.trend.length === 5)).toBe(true);
    expect(kpis[0]?.trend.map((p) => p.label)).toEqual(["2019年", "2020年", "2021年", "2022年", "2023年"]);
    const trend = (i: number) => kpis[i]?.trend.map((p) => p.value);
    // qualified staff: 24 from 2016, 2 AFP from 2019, 2 FP1 from 2020 (one of them left in 2021), 1 + 1 in 2023
    expect(trend(0)).toEqual([27, 29, 28, 28, 30]);
    expect(trend(1)).toEqual([0, 0, 0, 70, 37]);
    expect(trend(6)).toEqual([null, null, null, 90.2, 92.4]);
    expect(trend(7)).toEqual([0, 0, 0, 19968, 11312]);
    expect(trend(8)).toEqual([0, 0, 0, 8, 7]);
    expect(trend(9)).toEqual([null, null, null, 87.4, 86.8]);
  });

  it("writes rate changes in ポイント under that setting", async () => {
    await setKpiReporting(tdb.db, { basis: "calendar", rateChange: "point" });
    const r = await kpiRegister(tdb.db, 2023, { today });
    const renewal = r.themes[2]?.kpis[1];
    expect(renewal?.yoy).toBe("前年より2.2ポイント増加");
    await setKpiReporting(tdb.db, { basis: "calendar", rateChange: "percent" });
  });

  it("a fiscal-year setting reports April to March", async () => {
    await setKpiReporting(tdb.db, { basis: "fiscal", rateChange: "percent" });
    const kpis = (await listKpis(tdb.db)).kpis;
    const events = kpis.find((k) => k.source === "outreach_events");
    const v = await kpiValue(tdb.db, events?.id as number, 2023, { today });
    expect(v.period).toEqual({ key: "fy2023", label: "2023年度", from: "2023-04-01", to: "2024-03-31" });
    // the consultation sessions of April–December 2023 and the seminar of September
    expect(v.display).toBe("10回");
    await setKpiReporting(tdb.db, { basis: "calendar", rateChange: "percent" });
  });

  it("refuses a period that has not started", async () => {
    const kpi = (await listKpis(tdb.db)).kpis[0];
    const err = await kpiValue(tdb.db, kpi?.id as number, 2025, { today }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields).toEqual({
      period: "2025年はまだ始まっていません（未来の期間は指定できません）",
    });
  });

  it("a retired KPI keeps its past values in the register, and leaves later ones", async () => {
    const kpi = (await listKpis(tdb.db)).kpis.find((k) => k.source === "early_lapses");
    await retireKpi(tdb.db, kpi?.id as number, true);
    const past = await kpiRegister(tdb.db, 2023, { today });
    const lapses = past.themes[2]?.kpis[0];
    expect([lapses?.retiredAt !== null, lapses?.display, lapses?.yoy]).toEqual([
      true,
      "5件",
      "前年より1件増加",
    ]);
    // a year starting after the retirement no longer lists it (today is far enough on to ask for it)
    const later = await kpiRegister(tdb.db, 2099, { today: "2099-12-31" });
    expect(later.themes.flatMap((t) => t.kpis).some((k) => k.kpiId === kpi?.id)).toBe(false);
    await retireKpi(tdb.db, kpi?.id as number, false);
  });
});
