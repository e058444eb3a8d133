import { beforeAll, describe, expect, it } from "vitest";
import {
  apportion,
  DEMO_CHANNEL_CODES,
  DEMO_DEPARTMENT_CODES,
  type DemoVoice,
  type DemoYearPlan,
  demoVoicesUpTo,
  demoYearPlans,
  FY2022_COUNTS,
  federationDemoOptions,
  fiscalYearBounds,
  generateDemoVoices,
} from "./demo-plan.js";
import { createRandom } from "./random.js";

// FY2022 runs June 2022 – May 2023 (seed 004); "now" is two weeks after it ends.
const OPTS = { latestFiscalYear: 2022, fiscalYearStartMonth: 6, now: new Date("2023-06-14T03:00:00Z") };
const DAY = 86_400_000;

function take(n: number, opts: Parameters<typeof generateDemoVoices>[0]): DemoVoice[] {
  const out: DemoVoice[] = [];
  for (const v of generateDemoVoices(opts)) {
    out.push(v);
    if (out.length >= n) break;
  }
  return out;
}

function fiscalYearOf(iso: string): number {
  const t = Date.parse(iso);
  for (let fy = 2018; fy <= 2023; fy++) {
    const { start, end } = fiscalYearBounds(fy, OPTS.fiscalYearStartMonth);
    if (t >= start.getTime() && t < end.getTime()) return fy;
  }
  throw new Error(`outside the demo years: ${iso}`);
}

describe("demoYearPlans", () => {
  const plans = demoYearPlans(2022, createRandom(1));
  const latest = plans[3] as DemoYearPlan;

  it("plans four fiscal years, oldest first", () => {
    expect(plans.map((p) => p.fiscalYear)).toEqual([2019, 2020, 2021, 2022]);
  });

  it("matches the federation's FY2022 exactly in the latest year", () => {
    expect(latest.counts.praise).toBe(46_682);
    expect(latest.counts.request).toEqual({
      handling: 6_674,
      product: 3_683,
      other: 2_546,
      servicing: 2_159,
      claim: 2_296,
      application: 1_615,
    });
    expect(Object.values(latest.counts.request).reduce((a, b) => a + b)).toBe(18_973);
    expect(latest.counts.complaint).toEqual({
      handling: 141,
      product: 36,
      servicing: 34,
      other: 16,
      claim: 6,
      application: 5,
    });
    expect(Object.values(latest.counts.complaint).reduce((a, b) => a + b)).toBe(238);
    expect(latest.praiseByCategory).toEqual(FY2022_COUNTS.praise);
    expect(latest.counts.other).toBe(0);
  });

  it("keeps every count of the earlier years within ±10% of FY2022, and varies them", () => {
    for (const plan of plans.slice(0, 3)) {
      const within = (got: number, base: number) => {
        expect(got).toBeGreaterThanOrEqual(base * 0.9);
        expect(got).toBeLessThanOrEqual(base * 1.1);
      };
      within(plan.counts.praise, 46_682);
      for (const [cat, base] of Object.entries(FY2022_COUNTS.request))
        within(plan.counts.request[cat] ?? -1, base);
      for (const [cat, base] of Object.entries(FY2022_COUNTS.complaint))
        within(plan.counts.complaint[cat] ?? -1, base);
      for (const [cat, base] of Object.entries(FY2022_COUNTS.praise))
        within(plan.praiseByCategory[cat] ?? -1, base);
      expect(Object.values(plan.praiseByCategory).reduce((a, b) => a + b)).toBe(plan.counts.praise);
    }
    expect(new Set(plans.map((p) => p.counts.praise)).size).toBeGreaterThan(1);
  });
});

describe("generateDemoVoices, all four years", () => {
  const voices: DemoVoice[] = [];
  const plans = demoYearPlans(2022, createRandom(0x6b6f65));

  beforeAll(() => {
    for (const v of generateDemoVoices(OPTS)) voices.push(v);
  });

  it("generates every planned voice (~265,000)", () => {
    const planned = plans.reduce(
      (t, p) =>
        t +
        p.counts.praise +
        p.counts.other +
        Object.values(p.counts.request).reduce((a, b) => a + b) +
        Object.values(p.counts.complaint).reduce((a, b) => a + b),
      0,
    );
    expect(voices.length).toBe(planned);
    expect(voices.length).toBeGreaterThan(240_000);
    expect(voices.length).toBeLessThan(290_000);
  });

  it("has exactly the planned counts by type and category in each fiscal year", () => {
    const counts = new Map<string, number>();
    for (const v of voices) {
      const key = `${fiscalYearOf(v.receivedAt)}/${v.typeCode}/${v.categoryCode}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const plan of plans) {
      const fy = plan.fiscalYear;
      for (const [cat, n] of Object.entries(plan.praiseByCategory))
        expect(counts.get(`${fy}/praise/${cat}`) ?? 0).toBe(n);
      for (const [cat, n] of Object.entries(plan.counts.request))
        expect(counts.get(`${fy}/request/${cat}`) ?? 0).toBe(n);
      for (const [cat, n] of Object.entries(plan.counts.complaint))
        expect(counts.get(`${fy}/complaint/${cat}`) ?? 0).toBe(n);
    }
    const latest = voices.filter((v) => fiscalYearOf(v.receivedAt) === 2022);
    expect(latest.filter((v) => v.typeCode === "praise").length).toBe(46_682);
    expect(latest.filter((v) => v.typeCode === "request").length).toBe(18_973);
    expect(latest.filter((v) => v.typeCode === "complaint").length).toBe(238);
  });

  it("receives nothing after now, in order of receipt, mostly on weekdays in business hours (JST)", () => {
    let previous = "";
    let unordered = 0;
    let weekday = 0;
    let businessHours = 0;
    for (const v of voices) {
      if (v.receivedAt < previous) unordered++;
      previous = v.receivedAt;
      const jst = new Date(Date.parse(v.receivedAt) + 9 * 3_600_000);
      const dow = jst.getUTCDay();
      if (dow >= 1 && dow <= 5) weekday++;
      if (jst.getUTCHours() >= 9 && jst.getUTCHours() < 18) businessHours++;
    }
    expect(unordered).toBe(0);
    expect(Date.parse(previous)).toBeLessThanOrEqual(OPTS.now.getTime());
    expect(weekday / voices.length).toBeGreaterThan(0.8);
    expect(businessHours / voices.length).toBeGreaterThan(0.85);
  });

  it("closes nearly all old voices and leaves a mix of open ones, some past their deadline", () => {
    const now = OPTS.now.getTime();
    const old = voices.filter((v) => now - Date.parse(v.receivedAt) > 30 * DAY);
    expect(old.filter((v) => v.outcome === "closed").length / old.length).toBeGreaterThan(0.99);
    const recent = voices.filter((v) => now - Date.parse(v.receivedAt) <= 30 * DAY);
    const open = recent.filter((v) => v.outcome === "received" || v.outcome === "in_progress");
    expect(open.some((v) => v.outcome === "received")).toBe(true);
    expect(open.some((v) => v.outcome === "in_progress")).toBe(true);
    // 10 business days are at most 16 calendar days
    expect(open.filter((v) => now - Date.parse(v.receivedAt) > 16 * DAY).length).toBeGreaterThan(0);
    expect(recent.some((v) => v.outcome === "resolved")).toBe(true);
  });

  it("answers every complaint that reaches resolved or closed, and many requests", () => {
    const done = (v: DemoVoice) => v.outcome === "resolved" || v.outcome === "closed";
    // Plain checks in the loop: an expect() per voice would make this test slow.
    const bad = voices.filter(
      (v) =>
        (v.typeCode === "complaint" && done(v) && !v.responseText) ||
        (v.responseMethod === null) !== (v.responseText === null) ||
        (v.typeCode === "praise" && v.responseText !== null) ||
        (v.typeCode !== "praise" && v.replyForPraise !== null),
    );
    expect(bad).toEqual([]);
    const complaintsDone = voices.filter((v) => v.typeCode === "complaint" && done(v));
    expect(complaintsDone.length).toBeGreaterThan(900);
    const requests = voices.filter((v) => v.typeCode === "request" && done(v));
    expect(requests.filter((v) => v.responseText).length / requests.length).toBeGreaterThan(0.3);
    const praise = voices.filter((v) => v.typeCode === "praise");
    const replied = praise.filter((v) => v.replyForPraise).length / praise.length;
    expect(replied).toBeGreaterThan(0.02);
    expect(replied).toBeLessThan(0.1);
  });

  it("uses known codes, weights channels like a federation, and gives ~70% a customer", () => {
    const channelCodes = new Set<string>(DEMO_CHANNEL_CODES);
    const departmentCodes = new Set<string>(DEMO_DEPARTMENT_CODES);
    const channels = new Map<string, number>();
    let unknown = 0;
    let customers = 0;
    for (const v of voices) {
      if (!channelCodes.has(v.channelCode) || !departmentCodes.has(v.departmentCode)) unknown++;
      channels.set(v.channelCode, (channels.get(v.channelCode) ?? 0) + 1);
      if (v.customer) customers++;
    }
    expect(unknown).toBe(0);
    const share = (c: string) => (channels.get(c) ?? 0) / voices.length;
    expect(Math.min(share("counter"), share("call_center"))).toBeGreaterThan(
      Math.max(share("web"), share("survey"), share("consultation_office"), share("visit")),
    );
    expect(customers / voices.length).toBeGreaterThan(0.62);
    expect(customers / voices.length).toBeLessThan(0.78);
  });

  it("makes plausible customers", () => {
    const sample = voices.filter((_, i) => i % 97 === 0).flatMap((v) => (v.customer ? [v.customer] : []));
    for (const c of sample) {
      expect(c.name).toMatch(/^\S+ \S+$/);
      expect(c.kana).toMatch(/^[ァ-ヶー]+ [ァ-ヶー]+$/);
      expect(c.memberNumber).toMatch(/^\d{10}$/);
      expect(c.phone).toMatch(/^0[789]0-\d{4}-\d{4}$/);
      expect(c.address.startsWith(c.prefecture)).toBe(true);
      expect(c.address).toMatch(/\d丁目\d+番\d+号$/);
      expect(["20代", "30代", "40代", "50代", "60代", "70代", "80代以上"]).toContain(c.ageBand);
      expect(["女性", "男性", "回答なし"]).toContain(c.gender);
      if (c.email) expect(c.email).toMatch(/@example\.(jp|com|ne\.jp|co\.jp|or\.jp)$/);
    }
    expect(new Set(sample.map((c) => c.prefecture)).size).toBeGreaterThan(40);
    expect(new Set(sample.map((c) => c.name)).size).toBeGreaterThan(sample.length * 0.6);
  });

  it("has at least 3,000 distinct contents among 10,000 sampled", () => {
    const step = Math.floor(voices.length / 10_000);
    const sample = Array.from({ length: 10_000 }, (_, i) => voices[i * step]?.content);
    expect(new Set(sample).size).toBeGreaterThanOrEqual(3_000);
  });
});

describe("generateDemoVoices, options", () => {
  it("is deterministic for a seed", () => {
    const a = take(3_000, { ...OPTS, seed: 99 });
    expect(take(3_000, { ...OPTS, seed: 99 })).toEqual(a);
    expect(take(3_000, { ...OPTS, seed: 100 })).not.toEqual(a);
  });

  it("stops at now inside a fiscal year and skips the years not yet begun", () => {
    const now = new Date("2020-09-01T00:00:00Z");
    let last = 0;
    let n = 0;
    for (const v of generateDemoVoices({ ...OPTS, now })) {
      last = Date.parse(v.receivedAt);
      n++;
    }
    expect(last).toBeLessThanOrEqual(now.getTime());
    expect(last).toBeGreaterThan(now.getTime() - 3 * DAY);
    expect(n).toBeGreaterThan(60_000); // all of FY2019 …
    expect(n).toBeLessThan(85_000); // … and three months of FY2020
  });

  it("follows the fiscal year start month", () => {
    const { start, end } = fiscalYearBounds(2024, 4);
    expect(start.toISOString()).toBe("2024-03-31T15:00:00.000Z");
    expect(end.toISOString()).toBe("2025-03-31T15:00:00.000Z");
    const first = take(1, {
      latestFiscalYear: 2024,
      fiscalYearStartMonth: 4,
      now: new Date("2025-05-01T00:00:00Z"),
    })[0];
    expect(Date.parse(first?.receivedAt ?? "")).toBeGreaterThanOrEqual(
      fiscalYearBounds(2021, 4).start.getTime(),
    );
    expect(() => take(1, { ...OPTS, fiscalYearStartMonth: 13 })).toThrow(RangeError);
  });
});

describe("apportion", () => {
  it("splits a total exactly, in proportion, deterministically", () => {
    expect(apportion(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
    expect(
      apportion(516, { handling: 141, product: 36, servicing: 34, other: 16, claim: 6, application: 5 }),
    ).toEqual({ handling: 306, product: 78, servicing: 74, other: 34, claim: 13, application: 11 });
    expect(apportion(0, { a: 2, b: 1 })).toEqual({ a: 0, b: 0 });
    expect(() => apportion(5, { a: 0 })).toThrow(RangeError);
  });
});

// `koe demo --as-of 2023-05-31`: the federation's own years, FY2019 (seed 003) to FY2022 (seed 004).
describe("the seeds' own years (koe demo --as-of 2023-05-31)", () => {
  const asOf = federationDemoOptions("2023-05-31");
  const counts = new Map<string, number>();
  const count = (key: string) => counts.get(key) ?? 0;
  const byMonth = new Map<string, number>();
  let last = "";
  let n = 0;

  beforeAll(() => {
    // Exactly the voices the loader registers for this date.
    for (const v of demoVoicesUpTo(asOf)) {
      const fy = fiscalYearOf(v.receivedAt);
      for (const key of [`${fy}`, `${fy}/${v.typeCode}`, `${fy}/${v.typeCode}/${v.categoryCode}`])
        counts.set(key, count(key) + 1);
      const month = new Date(Date.parse(v.receivedAt) + 9 * 3_600_000).toISOString().slice(0, 7);
      byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
      if (v.receivedAt > last) last = v.receivedAt;
      n++;
    }
  });

  it("ends at the end of 31 May 2023 in Japan, with fiscal years from June", () => {
    expect(asOf.now.toISOString()).toBe("2023-05-31T14:59:59.999Z");
    expect(asOf.fiscalYearStartMonth).toBe(6);
    expect(last <= asOf.now.toISOString()).toBe(true);
    expect(last >= "2023-05-30T15:00:00.000Z").toBe(true); // voices on the last day too
    expect(count("2019") + count("2020") + count("2021") + count("2022")).toBe(n);
  });

  it("has every figure of seed 004 in FY2022", () => {
    expect(count("2022")).toBe(65_893);
    expect([
      count("2022/praise"),
      count("2022/request"),
      count("2022/complaint"),
      count("2022/other"),
    ]).toEqual([46_682, 18_973, 238, 0]);
    const byCategory = (type: string) =>
      Object.fromEntries(
        ["handling", "servicing", "product", "application", "claim", "other"].map((c) => [
          c,
          count(`2022/${type}/${c}`),
        ]),
      );
    // 応対 / 保全・掛金収納 / 共済商品 / お申込手続き / 共済金のお支払い / その他, as the pie charts give them
    expect(byCategory("praise")).toEqual({
      handling: 21_195,
      servicing: 12_271,
      product: 4_647,
      application: 3_697,
      claim: 2_190,
      other: 2_682,
    });
    expect(byCategory("request")).toEqual({
      handling: 6_674,
      servicing: 2_159,
      product: 3_683,
      application: 1_615,
      claim: 2_296,
      other: 2_546,
    });
    expect(byCategory("complaint")).toEqual({
      handling: 141,
      servicing: 34,
      product: 36,
      application: 5,
      claim: 6,
      other: 16,
    });
    // 「15,968件の申込手続き等に関する感謝の声」(お申込手続き + ご契約の保全、掛金収納)
    expect(count("2022/praise/application") + count("2022/praise/servicing")).toBe(15_968);
    // 「19,211件（意見・要望18,973件、苦情238件）のご意見やご不満の声」
    expect(count("2022/request") + count("2022/complaint")).toBe(19_211);
  });

  it("has seed 003's totals in FY2019, split by category as the plan says", () => {
    expect(count("2019")).toBe(62_437);
    expect([
      count("2019/praise"),
      count("2019/request"),
      count("2019/complaint"),
      count("2019/other"),
    ]).toEqual([38_176, 23_745, 516, 0]);
    // 「24,261件(意見・要望23,745件、苦情516件)のご指摘やご叱責の声」
    expect(count("2019/request") + count("2019/complaint")).toBe(24_261);
    const plan = demoYearPlans(2022, createRandom(2022), "seeds")[0] as DemoYearPlan;
    expect(plan.fiscalYear).toBe(2019);
    for (const [cat, want] of Object.entries(plan.praiseByCategory))
      expect(count(`2019/praise/${cat}`)).toBe(want);
    for (const [cat, want] of Object.entries(plan.counts.request))
      expect(count(`2019/request/${cat}`)).toBe(want);
    for (const [cat, want] of Object.entries(plan.counts.complaint))
      expect(count(`2019/complaint/${cat}`)).toBe(want);
    // Every category of every type has voices, in roughly FY2022's proportions.
    expect(count("2019/complaint/handling")).toBeGreaterThan(count("2019/complaint/product"));
    expect(count("2019/complaint/application")).toBeGreaterThan(0);
  });

  it("moves FY2020 and FY2021 from FY2019 towards FY2022, complaints falling year by year (003)", () => {
    const praise = [2019, 2020, 2021, 2022].map((fy) => count(`${fy}/praise`));
    const requests = [2019, 2020, 2021, 2022].map((fy) => count(`${fy}/request`));
    const complaints = [2019, 2020, 2021, 2022].map((fy) => count(`${fy}/complaint`));
    expect(praise).toEqual([...praise].sort((a, b) => a - b));
    expect(requests).toEqual([...requests].sort((a, b) => b - a));
    expect(complaints).toEqual([...complaints].sort((a, b) => b - a));
    expect(new Set(complaints).size).toBe(4);
  });

  it("registers fewer voices from March to May 2020, when shops closed for COVID-19 (003)", () => {
    const spring = (y: number) => (byMonth.get(`${y}-04`) ?? 0) + (byMonth.get(`${y}-05`) ?? 0);
    const share2020 = spring(2020) / count("2019");
    const share2022 = spring(2022) / count("2021");
    expect(share2020).toBeLessThan(share2022 * 0.85);
  });

  it("plans the same years for the same seed", () => {
    expect(demoYearPlans(2022, createRandom(7), "seeds")).toEqual(
      demoYearPlans(2022, createRandom(7), "seeds"),
    );
    const other = demoYearPlans(2022, createRandom(8), "seeds");
    expect(other[0]?.counts.complaint).not.toEqual(
      demoYearPlans(2022, createRandom(7), "seeds")[0]?.counts.complaint,
    );
    expect(sumOf(other[0]?.counts.complaint ?? {})).toBe(516);
  });
});

function sumOf(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}
