import { describe, expect, it } from "vitest";
import {
  comparePeriod,
  currentFiscalHalf,
  currentFiscalYear,
  customPeriod,
  fiscalHalfPeriod,
  fiscalQuarterPeriod,
  fiscalYearPeriod,
  monthPeriod,
  type Period,
  type PeriodQueryInput,
  parsePeriodQuery,
  periodAt,
  periodDays,
  periodInstants,
  periodMonths,
  periodProgress,
  periodQuery,
  precedingPeriod,
} from "./analysis-period.js";

const JUNE = 6; // the federation of seeds 003/004: 6月1日〜翌年5月31日
const JANUARY = 1; // the co-op of seed 000: calendar years
const APRIL = 4; // most organizations

const span = (p: Period) => [p.from, p.to, p.toExclusive];

function parsed(q: PeriodQueryInput, startMonth = APRIL, now = new Date("2025-06-14T03:00:00Z")): Period {
  const r = parsePeriodQuery(q, { startMonth, now });
  if (!r.ok) throw new Error(`expected a period: ${JSON.stringify(r.fields)}`);
  return r.period;
}

function fields(q: PeriodQueryInput, startMonth = APRIL) {
  const r = parsePeriodQuery(q, { startMonth, now: new Date("2025-06-14T03:00:00Z") });
  if (r.ok) throw new Error(`expected an error, got ${r.period.key}`);
  return r.fields;
}

describe("a fiscal year starting in June (seed 004: 6月1日〜5月31日)", () => {
  const fy = fiscalYearPeriod(2022, JUNE);

  it("runs from 1 June to 31 May, in JST", () => {
    expect(fy).toMatchObject({ kind: "fiscal_year", fiscalYear: 2022, key: "fy2022", label: "2022年度" });
    expect(span(fy)).toEqual(["2022-06-01", "2023-05-31", "2023-06-01"]);
    expect(fy.rangeLabel).toBe("2022/6/1〜2023/5/31");
    expect(periodInstants(fy)).toEqual({
      fromIso: "2022-05-31T15:00:00.000Z",
      toIsoExclusive: "2023-05-31T15:00:00.000Z",
    });
    expect(periodDays(fy)).toBe(365);
    expect(periodDays(fiscalYearPeriod(2023, JUNE))).toBe(366); // holds 2024-02-29
  });

  it("has halves of six months and quarters of three", () => {
    const h1 = fiscalHalfPeriod(2022, 1, JUNE);
    const h2 = fiscalHalfPeriod(2022, 2, JUNE);
    expect([h1.label, ...span(h1)]).toEqual(["2022年度上期", "2022-06-01", "2022-11-30", "2022-12-01"]);
    expect([h2.label, ...span(h2)]).toEqual(["2022年度下期", "2022-12-01", "2023-05-31", "2023-06-01"]);
    const quarters = ([1, 2, 3, 4] as const).map((q) => fiscalQuarterPeriod(2022, q, JUNE));
    expect(quarters.map((q) => [q.key, q.label, q.from, q.to])).toEqual([
      ["fy2022q1", "2022年度第1四半期", "2022-06-01", "2022-08-31"],
      ["fy2022q2", "2022年度第2四半期", "2022-09-01", "2022-11-30"],
      ["fy2022q3", "2022年度第3四半期", "2022-12-01", "2023-02-28"],
      ["fy2022q4", "2022年度第4四半期", "2023-03-01", "2023-05-31"],
    ]);
    // The next 第3四半期 ends on a leap day.
    expect(fiscalQuarterPeriod(2023, 3, JUNE).to).toBe("2024-02-29");
  });

  it("puts JST midnight on the right side: 2023-05-31T15:00Z is 1 June 2023 in Japan, FY2023", () => {
    const midnight = new Date("2023-05-31T15:00:00Z");
    const justBefore = new Date("2023-05-31T14:59:59.999Z");
    expect(periodAt("fiscal_year", midnight, JUNE).key).toBe("fy2023");
    expect(periodAt("fiscal_year", justBefore, JUNE).key).toBe("fy2022");
    expect(periodAt("half", midnight, JUNE).key).toBe("fy2023h1");
    expect(periodAt("half", justBefore, JUNE).key).toBe("fy2022h2");
    expect(periodAt("quarter", midnight, JUNE).key).toBe("fy2023q1");
    expect(periodAt("quarter", justBefore, JUNE).key).toBe("fy2022q4");
    expect(periodAt("month", midnight, JUNE).key).toBe("2023-06");
    expect(periodAt("month", justBefore, JUNE)).toMatchObject({ key: "2023-05", fiscalYear: 2022 });
    expect(periodAt("month", "2023-06-01", JUNE)).toMatchObject({ key: "2023-06", fiscalYear: 2023 });
  });

  it("compares with the same span a year earlier (前年同期)", () => {
    expect(comparePeriod(fy).key).toBe("fy2021");
    expect(span(comparePeriod(fy))).toEqual(["2021-06-01", "2022-05-31", "2022-06-01"]);
    const h2 = comparePeriod(fiscalHalfPeriod(2022, 2, JUNE));
    expect([h2.label, h2.from, h2.to]).toEqual(["2021年度下期", "2021-12-01", "2022-05-31"]);
    const q3 = comparePeriod(fiscalQuarterPeriod(2023, 3, JUNE));
    expect([q3.label, q3.from, q3.to]).toEqual(["2022年度第3四半期", "2022-12-01", "2023-02-28"]);
  });

  it("knows the current fiscal year and half", () => {
    const now = new Date("2023-05-31T15:00:00Z");
    expect(currentFiscalYear(now, JUNE).label).toBe("2023年度");
    expect(currentFiscalHalf(now, JUNE).label).toBe("2023年度上期");
    expect(currentFiscalHalf(new Date("2023-02-10T03:00:00Z"), JUNE).label).toBe("2022年度下期");
  });

  it("lists the fiscal year's months from June to May", () => {
    const months = periodMonths(fy);
    expect(months).toHaveLength(12);
    expect([months[0], months[6], months[11]]).toEqual(["2022-06", "2022-12", "2023-05"]);
    expect(periodMonths(fiscalHalfPeriod(2022, 2, JUNE))).toEqual([
      "2022-12",
      "2023-01",
      "2023-02",
      "2023-03",
      "2023-04",
      "2023-05",
    ]);
  });
});

describe("a fiscal year starting in January (seed 000: the calendar year)", () => {
  it("is the calendar year, with halves January–June and July–December", () => {
    const fy = fiscalYearPeriod(2024, JANUARY);
    expect(span(fy)).toEqual(["2024-01-01", "2024-12-31", "2025-01-01"]);
    expect(periodDays(fy)).toBe(366);
    expect(span(fiscalHalfPeriod(2024, 1, JANUARY))).toEqual(["2024-01-01", "2024-06-30", "2024-07-01"]);
    expect(span(fiscalHalfPeriod(2024, 2, JANUARY))).toEqual(["2024-07-01", "2024-12-31", "2025-01-01"]);
    expect(span(fiscalQuarterPeriod(2024, 1, JANUARY))).toEqual(["2024-01-01", "2024-03-31", "2024-04-01"]);
    expect(span(fiscalQuarterPeriod(2024, 4, JANUARY))).toEqual(["2024-10-01", "2024-12-31", "2025-01-01"]);
  });

  it("starts the new year at JST midnight on 1 January", () => {
    expect(periodAt("fiscal_year", new Date("2023-12-31T15:00:00Z"), JANUARY).key).toBe("fy2024");
    expect(periodAt("fiscal_year", new Date("2023-12-31T14:59:59Z"), JANUARY).key).toBe("fy2023");
    expect(periodInstants(fiscalYearPeriod(2024, JANUARY)).fromIso).toBe("2023-12-31T15:00:00.000Z");
  });

  it("compares the leap year with the year before, and its half with the same half", () => {
    const prev = comparePeriod(fiscalYearPeriod(2024, JANUARY));
    expect([prev.key, prev.from, prev.to, periodDays(prev)]).toEqual([
      "fy2023",
      "2023-01-01",
      "2023-12-31",
      365,
    ]);
    expect(comparePeriod(fiscalHalfPeriod(2024, 1, JANUARY)).to).toBe("2023-06-30");
  });
});

describe("a fiscal year starting in April", () => {
  it("runs April to March; its 第4四半期 holds 29 February in a leap year", () => {
    const fy = fiscalYearPeriod(2025, APRIL);
    expect(span(fy)).toEqual(["2025-04-01", "2026-03-31", "2026-04-01"]);
    expect(span(fiscalQuarterPeriod(2023, 4, APRIL))).toEqual(["2024-01-01", "2024-03-31", "2024-04-01"]);
    expect(comparePeriod(fiscalQuarterPeriod(2024, 4, APRIL)).to).toBe("2024-03-31");
    expect(periodAt("quarter", "2024-02-29", APRIL).key).toBe("fy2023q4");
  });
});

describe("months and custom dates", () => {
  it("labels a month and compares it with the same month a year earlier", () => {
    const m = monthPeriod("2025-04", APRIL);
    expect(m).toMatchObject({ kind: "month", key: "2025-04", label: "2025年4月", fiscalYear: 2025 });
    expect(span(m)).toEqual(["2025-04-01", "2025-04-30", "2025-05-01"]);
    expect(monthPeriod("2025-03", APRIL)).toMatchObject({ fiscalYear: 2024 });
    expect(span(monthPeriod("2025-12", APRIL))).toEqual(["2025-12-01", "2025-12-31", "2026-01-01"]);
    const feb = comparePeriod(monthPeriod("2024-02", APRIL));
    expect([feb.label, feb.to]).toEqual(["2023年2月", "2023-02-28"]);
    expect(comparePeriod(monthPeriod("2025-02", APRIL)).to).toBe("2024-02-29");
  });

  it("labels custom dates the way reports write them", () => {
    const c = customPeriod("2025-04-01", "2025-06-30", APRIL);
    expect(c).toMatchObject({ kind: "custom", label: "2025/4/1〜2025/6/30", key: "2025-04-01..2025-06-30" });
    expect(periodDays(c)).toBe(91);
    expect(periodMonths(c)).toEqual(["2025-04", "2025-05", "2025-06"]);
    expect(periodMonths(customPeriod("2025-04-15", "2025-04-20", APRIL))).toEqual(["2025-04"]);
  });

  it("moves custom dates back a year around 29 February", () => {
    const cmp = (from: string, to: string) => {
      const p = comparePeriod(customPeriod(from, to, APRIL));
      return [p.from, p.to];
    };
    // A range ending on the leap day compares with one ending on 28 February, inclusive.
    expect(cmp("2023-12-01", "2024-02-29")).toEqual(["2022-12-01", "2023-02-28"]);
    expect(cmp("2024-02-29", "2024-02-29")).toEqual(["2023-02-28", "2023-02-28"]);
    // The whole of February stays the whole of February, whichever year is the leap year.
    expect(cmp("2025-02-01", "2025-02-28")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(cmp("2024-02-01", "2024-02-29")).toEqual(["2023-02-01", "2023-02-28"]);
    expect(cmp("2025-04-10", "2025-05-20")).toEqual(["2024-04-10", "2024-05-20"]);
    expect(comparePeriod(customPeriod("2025-04-10", "2025-05-20", APRIL)).label).toBe("2024/4/10〜2024/5/20");
  });

  it("rejects impossible constructions", () => {
    expect(() => monthPeriod("2025-13", APRIL)).toThrow(RangeError);
    expect(() => customPeriod("2025-06-30", "2025-04-01", APRIL)).toThrow(RangeError);
    expect(() => customPeriod("2025-02-30", "2025-04-01", APRIL)).toThrow(RangeError);
    expect(() => fiscalYearPeriod(2025, 13)).toThrow(RangeError);
  });
});

describe("periods in progress", () => {
  const now = new Date("2025-06-14T03:00:00Z"); // 2025-06-14 12:00 JST

  it("reports how far the current fiscal year has run", () => {
    const fy = fiscalYearPeriod(2025, APRIL);
    expect(periodProgress(fy, now)).toEqual({
      state: "in_progress",
      totalDays: 365,
      elapsedDays: 75, // 30 in April + 31 in May + 14 in June
      elapsed: { from: "2025-04-01", to: "2025-06-14", toExclusive: "2025-06-15" },
    });
    expect(periodProgress(fiscalYearPeriod(2024, APRIL), now).state).toBe("complete");
  });

  it("treats a fiscal year not yet begun as valid and empty", () => {
    const next = parsed({ period: "fy2026" });
    expect(periodProgress(next, now)).toEqual({
      state: "upcoming",
      totalDays: 365,
      elapsedDays: 0,
      elapsed: null,
    });
    // It still compares with the whole of the year before.
    expect(comparePeriod(next, { elapsedAt: now }).key).toBe("fy2025");
  });

  it("compares the elapsed part with the same days a year earlier when asked", () => {
    const fy = fiscalYearPeriod(2025, APRIL);
    expect(comparePeriod(fy).key).toBe("fy2024");
    const sameDays = comparePeriod(fy, { elapsedAt: now });
    expect([sameDays.kind, sameDays.from, sameDays.to]).toEqual(["custom", "2024-04-01", "2024-06-14"]);
    expect(sameDays.label).toBe("2024/4/1〜2024/6/14");
    // A finished period ignores elapsedAt.
    expect(comparePeriod(fiscalYearPeriod(2024, APRIL), { elapsedAt: now }).key).toBe("fy2023");
    // On its last day the whole period has run.
    const lastDay = new Date("2026-03-31T10:00:00Z");
    expect(comparePeriod(fy, { elapsedAt: lastDay }).key).toBe("fy2024");
  });

  it("counts the day in JST: at 15:00Z on 31 May the June-start year has run one day", () => {
    const p = periodProgress(fiscalYearPeriod(2023, JUNE), new Date("2023-05-31T15:00:00Z"));
    expect([p.state, p.elapsedDays, p.elapsed?.to]).toEqual(["in_progress", 1, "2023-06-01"]);
    expect(periodProgress(fiscalYearPeriod(2022, JUNE), new Date("2023-05-31T15:00:00Z")).state).toBe(
      "complete",
    );
    expect(periodProgress(fiscalYearPeriod(2022, JUNE), new Date("2023-05-31T14:59:59Z")).state).toBe(
      "in_progress",
    );
  });

  it("on a leap day compares with 28 February a year earlier", () => {
    const fy = fiscalYearPeriod(2023, APRIL);
    const p = comparePeriod(fy, { elapsedAt: new Date("2024-02-29T03:00:00Z") });
    expect([p.from, p.to]).toEqual(["2022-04-01", "2023-02-28"]);
  });
});

describe("precedingPeriod", () => {
  it("steps back one period of the same kind", () => {
    expect(precedingPeriod(fiscalHalfPeriod(2022, 1, JUNE)).label).toBe("2021年度下期");
    expect(precedingPeriod(fiscalHalfPeriod(2022, 2, JUNE)).label).toBe("2022年度上期");
    expect(precedingPeriod(fiscalQuarterPeriod(2022, 1, JUNE)).label).toBe("2021年度第4四半期");
    expect(precedingPeriod(fiscalQuarterPeriod(2022, 3, JUNE)).label).toBe("2022年度第2四半期");
    expect(precedingPeriod(monthPeriod("2025-01", APRIL)).label).toBe("2024年12月");
    expect(precedingPeriod(fiscalYearPeriod(2022, JUNE)).key).toBe("fy2021");
    const c = precedingPeriod(customPeriod("2024-03-01", "2024-03-10", APRIL));
    expect([c.from, c.to]).toEqual(["2024-02-20", "2024-02-29"]);
  });
});

describe("parsePeriodQuery", () => {
  it("reads fiscal years, halves, quarters and months", () => {
    expect(parsed({ period: "fy2022" }, JUNE)).toMatchObject({ kind: "fiscal_year", from: "2022-06-01" });
    expect(parsed({ period: "fy2022h1" }, JUNE)).toMatchObject({ kind: "half", half: 1, to: "2022-11-30" });
    expect(parsed({ period: "FY2022H2" }, JUNE)).toMatchObject({ kind: "half", half: 2, from: "2022-12-01" });
    expect(parsed({ period: "fy2022q3" }, JUNE)).toMatchObject({
      kind: "quarter",
      quarter: 3,
      to: "2023-02-28",
    });
    expect(parsed({ period: "2025-04" })).toMatchObject({ kind: "month", label: "2025年4月" });
    expect(parsed({ period: "2025/4" }).key).toBe("2025-04");
    expect(parsed({ period: " ２０２５－０４ " }).key).toBe("2025-04");
  });

  it("reads the Japanese labels it writes", () => {
    expect(parsed({ period: "2022年度" }, JUNE).key).toBe("fy2022");
    expect(parsed({ period: "2022年度上期" }, JUNE).key).toBe("fy2022h1");
    expect(parsed({ period: "2022年度下半期" }, JUNE).key).toBe("fy2022h2");
    expect(parsed({ period: "2022年度第3四半期" }, JUNE).key).toBe("fy2022q3");
    expect(parsed({ period: "2025年4月" }).key).toBe("2025-04");
    expect(parsed({ period: "2025/4/1〜2025/6/30" }).key).toBe("2025-04-01..2025-06-30");
  });

  it("reads custom dates as people write them", () => {
    const p = parsed({ from: "2025/4/1", to: "2025/6/30" });
    expect([p.kind, p.from, p.to, p.label]).toEqual([
      "custom",
      "2025-04-01",
      "2025-06-30",
      "2025/4/1〜2025/6/30",
    ]);
    expect(parsed({ from: "令和7年4月1日", to: "R7.6.30" }).key).toBe("2025-04-01..2025-06-30");
    expect(parsed({ from: "２０２５／４／１", to: "2025年6月30日" }).key).toBe("2025-04-01..2025-06-30");
    // An instant is read on the JST calendar: 15:00Z on 31 March is 1 April in Japan.
    expect(parsed({ from: "2025-03-31T15:00:00Z", to: "2025-04-30" }).from).toBe("2025-04-01");
  });

  it("round-trips every kind through its query", () => {
    const periods = [
      fiscalYearPeriod(2022, JUNE),
      fiscalHalfPeriod(2022, 2, JUNE),
      fiscalQuarterPeriod(2022, 4, JUNE),
      monthPeriod("2023-05", JUNE),
      customPeriod("2023-04-01", "2023-05-31", JUNE),
    ];
    for (const p of periods) {
      expect(parsed(periodQuery(p), JUNE)).toEqual(p);
      expect(parsed({ period: p.key }, JUNE)).toEqual(p);
    }
  });

  it("defaults to the current fiscal year; empty values count as absent", () => {
    expect(parsed({}).key).toBe("fy2025");
    expect(parsed({ period: "", from: " ", to: "" }).key).toBe("fy2025");
    expect(parsed({}, JUNE, new Date("2023-05-31T15:00:00Z")).key).toBe("fy2023");
  });

  it("names the field at fault, in Japanese", () => {
    expect(fields({ period: "2025-13" })).toEqual({
      period: "期間「2025-13」の月が正しくありません（1〜12）",
    });
    expect(fields({ period: "2025年0月" }).period).toContain("月が正しくありません（1〜12）");
    expect(fields({ period: "fy2022h3" }).period).toBe(
      "期間「fy2022h3」の上期・下期は h1（上期）か h2（下期）で指定してください",
    );
    expect(fields({ period: "fy2022q5" }).period).toBe(
      "期間「fy2022q5」の四半期は1〜4で指定してください（q1〜q4）",
    );
    expect(fields({ period: "fy0999" }).period).toBe("期間「fy0999」の年が正しくありません（1900〜2999）");
    expect(fields({ period: "今年" }).period).toMatch(/^期間の形式が正しくありません（例: fy2022/);
    expect(fields({ from: "2025/6/30", to: "2025/4/1" })).toEqual({
      to: "終了日は開始日以降の日付にしてください",
    });
    expect(fields({ from: "2025/2/30", to: "2025/4/1" })).toEqual({
      from: "開始日：「2025/2/30」は存在しない日付です",
    });
    expect(fields({ from: "2025/4/1", to: "あした" }).to).toMatch(/^終了日：日付の形式が正しくありません/);
    expect(fields({ from: "2025/4/1" })).toEqual({
      to: "終了日を入力してください（期間指定には開始日と終了日が必要です）",
    });
    expect(Object.keys(fields({ to: "2025/4/1" }))).toEqual(["from"]);
    expect(fields({ period: "fy2022", from: "2025/4/1" })).toEqual({
      period: "期間（period）と開始日・終了日（from・to）は同時に指定できません",
    });
    expect(fields({ period: "2025/6/30..2025/4/1" })).toEqual({
      period: "終了日は開始日以降の日付にしてください",
    });
  });
});
