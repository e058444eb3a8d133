// The demo data plan: four fiscal years of voices shaped like a national kyosai federation's (seed 004), streamed.
import holidayJp from "@holiday-jp/holiday_jp";
import { fiscalYearOf, fiscalYearRange } from "../domain/fiscal-period.js";
import { addCalendarDays, assertIsoDate, jstDateTimeToIso } from "../domain/jst.js";
import { type DemoCustomer, generateCustomer, pickPrefecture } from "./demo-plan-customer.js";
import { DEMO_PRODUCT_LINES } from "./demo-product-lines.js";
import { createRandom, type Random, shuffleInPlace } from "./random.js";
import { generateVoiceText, type VoiceCategoryCode, type VoiceTypeCode } from "./voice-text-generator.js";
import {
  generateComplaintResponse,
  generatePraiseReply,
  generateRequestResponse,
} from "./voice-text-response.js";

export type { DemoCustomer } from "./demo-plan-customer.js";
export { DEMO_PRODUCT_LINES } from "./demo-product-lines.js";

export type DemoOutcome = "closed" | "resolved" | "in_progress" | "received";
export type DemoResponseMethod = "電話" | "書面" | "メール" | "面談";

export interface DemoVoice {
  /** ISO 8601 UTC */
  receivedAt: string;
  channelCode: string;
  typeCode: string;
  categoryCode: string;
  productLineCode: string | null;
  departmentCode: string;
  content: string;
  remedySought: string | null;
  priority: "normal" | "high" | "urgent";
  customer: DemoCustomer | null;
  /** the status the loader should bring the voice to */
  outcome: DemoOutcome;
  /** what the customer was told; always set for complaints that reach resolved or closed */
  responseText: string | null;
  responseMethod: DemoResponseMethod | null;
  /** a staff member's reply to praise (「感謝の声をいただいて」) */
  replyForPraise: string | null;
}

export interface DemoYearPlan {
  fiscalYear: number;
  counts: {
    praise: number;
    request: Record<string, number>;
    complaint: Record<string, number>;
    other: number;
  };
  /** praise by category; sums to counts.praise */
  praiseByCategory: Record<string, number>;
}

export const DEMO_TYPE_CODES = ["praise", "request", "complaint", "other"] as const;
export const DEMO_CATEGORY_CODES = [
  "handling",
  "servicing",
  "product",
  "application",
  "claim",
  "other",
] as const;
export const DEMO_CHANNEL_CODES = [
  "counter",
  "call_center",
  "web",
  "consultation_office",
  "survey",
  "visit",
] as const;
export const DEMO_DEPARTMENT_CODES = [
  "cs",
  "call_center",
  "servicing",
  "claims",
  "products",
  "sales",
  "tokyo_branch",
  "osaka_branch",
  "fukui_branch",
  "sapporo_branch",
] as const;
type ChannelCode = (typeof DEMO_CHANNEL_CODES)[number];
type DepartmentCode = (typeof DEMO_DEPARTMENT_CODES)[number];

/** FY2022 of the federation in seed 004 (June–May): 65,893 voices; it reports no "other" type. */
export const FY2022_COUNTS = {
  praise: {
    handling: 21_195,
    servicing: 12_271,
    product: 4_647,
    application: 3_697,
    claim: 2_190,
    other: 2_682,
  },
  request: {
    handling: 6_674,
    product: 3_683,
    other: 2_546,
    servicing: 2_159,
    claim: 2_296,
    application: 1_615,
  },
  complaint: { handling: 141, product: 36, servicing: 34, other: 16, claim: 6, application: 5 },
  other: 0,
} as const;

/**
 * FY2019 of the same federation in seed 003 (June–May): 62,437 voices by type. The report's pie charts by
 * category carry no figures in its text, so the demo splits each type like FY2022.
 */
export const FY2019_TYPE_TOTALS = { praise: 38_176, request: 23_745, complaint: 516, other: 0 } as const;

/** The federation's fiscal year runs from 1 June to 31 May (「事業年度は6月1日から翌年5月31日まで」, 003/004). */
export const FEDERATION_FISCAL_YEAR_START_MONTH = 6;

/**
 * How the three years before the latest are planned:
 * - "jittered": each count within ±10% of FY2022 (the everyday demo);
 * - "seeds": the oldest has seed 003's FY2019 totals by type and the two between move evenly from it to seed
 *   004 (complaints fall year by year, as 003 says), so with a June start the four years are the seeds' own.
 */
export type DemoHistory = "jittered" | "seeds";

export const DEFAULT_DEMO_SEED = 0x6b6f65; // "koe"
const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

function sum(r: Record<string, number>): number {
  let t = 0;
  for (const v of Object.values(r)) t += v;
  return t;
}

/** Scales a count by f but keeps it within ±10% of the base, as the earlier years must be. */
function jitter(base: number, f: number): number {
  const lo = Math.ceil(base * 0.9);
  const hi = Math.floor(base * 1.1);
  return Math.min(hi, Math.max(lo, Math.round(base * f)));
}

/** Splits total into whole parts in proportion to weights (largest remainder): the parts sum to total exactly. */
export function apportion(total: number, weights: Readonly<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(weights);
  const sumW = keys.reduce((t, k) => t + (weights[k] ?? 0), 0);
  if (!Number.isInteger(total) || total < 0 || !(sumW > 0)) throw new RangeError(`cannot apportion ${total}`);
  const out: Record<string, number> = {};
  const rest: [string, number, number][] = [];
  let given = 0;
  keys.forEach((k, i) => {
    const exact = (total * (weights[k] ?? 0)) / sumW;
    out[k] = Math.floor(exact);
    given += out[k];
    rest.push([k, exact - Math.floor(exact), i]);
  });
  rest.sort((a, b) => b[1] - a[1] || a[2] - b[2]);
  for (let i = 0; given < total; i++, given++) {
    const k = rest[i % rest.length]?.[0] ?? "";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * Four fiscal years, oldest first, the latest exactly FY2022 of seed 004. With "jittered" (the default) the
 * others are within ±10% of it; with "seeds" the oldest is seed 003's FY2019 (see DemoHistory).
 */
export function demoYearPlans(
  latestFiscalYear: number,
  rnd: Random,
  history: DemoHistory = "jittered",
): DemoYearPlan[] {
  if (history === "seeds") return seedYearPlans(latestFiscalYear, rnd);
  const plans: DemoYearPlan[] = [];
  for (let back = 3; back >= 0; back--) {
    const yearFactor = back === 0 ? 1 : 1 + (rnd.next() - 0.5) * 0.12;
    const scale = (r: Readonly<Record<string, number>>): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(r))
        out[k] = back === 0 ? v : jitter(v, yearFactor * (1 + (rnd.next() - 0.5) * 0.06));
      return out;
    };
    const praiseByCategory = scale(FY2022_COUNTS.praise);
    plans.push({
      fiscalYear: latestFiscalYear - back,
      counts: {
        praise: sum(praiseByCategory),
        request: scale(FY2022_COUNTS.request),
        complaint: scale(FY2022_COUNTS.complaint),
        other: FY2022_COUNTS.other,
      },
      praiseByCategory,
    });
  }
  return plans;
}

type CategoryCounts = Record<string, number>;
type TypeSplit = { praise: CategoryCounts; request: CategoryCounts; complaint: CategoryCounts };
const SPLIT_TYPES = ["praise", "request", "complaint"] as const;

function planOf(fiscalYear: number, split: TypeSplit): DemoYearPlan {
  return {
    fiscalYear,
    counts: {
      praise: sum(split.praise),
      request: split.request,
      complaint: split.complaint,
      other: FY2022_COUNTS.other,
    },
    praiseByCategory: split.praise,
  };
}

/** The seeds' own four years: seed 003's FY2019 totals, two years moving evenly towards seed 004, seed 004. */
function seedYearPlans(latestFiscalYear: number, rnd: Random): DemoYearPlan[] {
  const wobble = (r: Readonly<CategoryCounts>, by: number): CategoryCounts => {
    const out: CategoryCounts = {};
    for (const [k, v] of Object.entries(r)) out[k] = v * (1 + (rnd.next() - 0.5) * by);
    return out;
  };
  const newest: TypeSplit = {
    praise: { ...FY2022_COUNTS.praise },
    request: { ...FY2022_COUNTS.request },
    complaint: { ...FY2022_COUNTS.complaint },
  };
  // Seed 003 gives FY2019 by type only: each type is split like FY2022, each share moved by up to ±5%.
  const oldest = {} as TypeSplit;
  for (const t of SPLIT_TYPES) oldest[t] = apportion(FY2019_TYPE_TOTALS[t], wobble(newest[t], 0.1));
  const between = (f: number): TypeSplit => {
    const split = {} as TypeSplit;
    for (const t of SPLIT_TYPES) {
      const from = oldest[t];
      const to = newest[t];
      const fromTotal = sum(from);
      const toTotal = sum(to);
      const total = Math.round((fromTotal + (toTotal - fromTotal) * f) * (1 + (rnd.next() - 0.5) * 0.04));
      const shares: CategoryCounts = {};
      for (const k of Object.keys(to))
        shares[k] = (from[k] ?? 0) / fromTotal + ((to[k] ?? 0) / toTotal - (from[k] ?? 0) / fromTotal) * f;
      split[t] = apportion(total, wobble(shares, 0.06));
    }
    return split;
  };
  return [
    planOf(latestFiscalYear - 3, oldest),
    planOf(latestFiscalYear - 2, between(1 / 3)),
    planOf(latestFiscalYear - 1, between(2 / 3)),
    planOf(latestFiscalYear, newest),
  ];
}

/** FY N runs from the 1st of fiscalYearStartMonth in year N (JST) to the same day a year later (exclusive). */
export function fiscalYearBounds(
  fiscalYear: number,
  fiscalYearStartMonth: number,
): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(fiscalYear, fiscalYearStartMonth - 1, 1) - JST_MS),
    end: new Date(Date.UTC(fiscalYear + 1, fiscalYearStartMonth - 1, 1) - JST_MS),
  };
}

// ---------------------------------------------------------------- time of receipt

/** Relative volume by calendar month: moves in March–April, typhoons in September, tax certificates in October. */
const MONTH_WEIGHTS = [0.9, 0.95, 1.15, 1.12, 0.95, 1, 1.05, 0.88, 1.1, 1.1, 1, 0.88];
const OFFICE_HOURS = cumulative([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 1.3, 1.3, 0.8, 1.1, 1.2, 1.1, 1, 0.5]);
const SATURDAY_HOURS = cumulative([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1.3, 1.2, 0.8, 1, 1, 0.9, 0.7]);
const WEB_HOURS = cumulative([
  0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1, 1.1, 1.1, 1.3, 1.1, 1, 1, 1, 1, 1.1, 1.3, 1.5, 1.5, 1.2,
  0.8,
]);

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let t = 0;
  for (let i = 0; i < weights.length; i++) {
    t += weights[i] ?? 0;
    c[i] = t;
  }
  return c;
}

/** Index of the first cumulative weight above a uniform draw. */
function sampleIndex(rnd: Random, cum: Float64Array): number {
  const r = rnd.next() * (cum[cum.length - 1] ?? 0);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface YearCalendar {
  /** UTC ms of each JST midnight in the year */
  dayStart: Float64Array;
  dayOfWeek: Uint8Array;
  office: Float64Array;
  web: Float64Array;
}

function yearCalendar(start: number, end: number): YearCalendar {
  const days = Math.round((end - start) / DAY_MS);
  const dayStart = new Float64Array(days);
  const dayOfWeek = new Uint8Array(days);
  const office: number[] = [];
  const web: number[] = [];
  const holidays: Readonly<Record<string, unknown>> = holidayJp.holidays;
  for (let i = 0; i < days; i++) {
    const ms = start + i * DAY_MS;
    const local = new Date(ms + JST_MS);
    const month = local.getUTCMonth();
    const date = local.getUTCDate();
    const dow = local.getUTCDay();
    const key = local.toISOString().slice(0, 10);
    const yearEnd = (month === 11 && date >= 29) || (month === 0 && date <= 3);
    const closed = yearEnd || dow === 0 || key in holidays;
    // Seed 003: from March to May 2020 shops shortened their hours or closed and staff worked from home, so
    // fewer voices were registered at the counters and call centres (the web was unaffected).
    const covid = key >= "2020-03-01" && key <= "2020-05-31" ? 0.7 : 1;
    const m = MONTH_WEIGHTS[month] ?? 1;
    dayStart[i] = ms;
    dayOfWeek[i] = dow;
    office.push(closed ? 0 : m * covid * (dow === 6 ? 0.3 : 1));
    web.push(m * (yearEnd ? 0.7 : dow === 0 || dow === 6 || key in holidays ? 1.15 : 1));
  }
  return { dayStart, dayOfWeek, office: cumulative(office), web: cumulative(web) };
}

function sampleReceivedAt(rnd: Random, cal: YearCalendar, channel: ChannelCode): number {
  const web = channel === "web";
  const day = sampleIndex(rnd, web ? cal.web : cal.office);
  const hours = web ? WEB_HOURS : cal.dayOfWeek[day] === 6 ? SATURDAY_HOURS : OFFICE_HOURS;
  const hour = sampleIndex(rnd, hours);
  return (cal.dayStart[day] ?? 0) + hour * 3_600_000 + Math.floor(rnd.next() * 3_600_000);
}

// ---------------------------------------------------------------- per-voice attributes

const CHANNELS_BY_TYPE: Record<VoiceTypeCode, readonly (readonly [ChannelCode, number])[]> = {
  praise: [
    ["counter", 42],
    ["call_center", 35],
    ["survey", 12],
    ["web", 6],
    ["visit", 4],
    ["consultation_office", 1],
  ],
  request: [
    ["call_center", 38],
    ["counter", 33],
    ["web", 15],
    ["survey", 8],
    ["consultation_office", 3],
    ["visit", 3],
  ],
  complaint: [
    ["call_center", 40],
    ["counter", 25],
    ["web", 15],
    ["consultation_office", 15],
    ["visit", 3],
    ["survey", 2],
  ],
  other: [
    ["call_center", 45],
    ["counter", 35],
    ["web", 15],
    ["visit", 3],
    ["consultation_office", 2],
  ],
};

const PRODUCT_WEIGHTS: readonly (readonly [string, number])[] = DEMO_PRODUCT_LINES.map((p) => {
  const w: Record<string, number> = {
    general: 26,
    medical: 14,
    life: 8,
    kids: 6,
    accident: 4,
    auto: 20,
    fire: 10,
    housing: 9,
    liability: 3,
  };
  return [p.code, w[p.code] ?? 1] as const;
});
const PRODUCT_SHARE: Record<VoiceCategoryCode, number> = {
  claim: 0.95,
  product: 0.92,
  application: 0.9,
  servicing: 0.85,
  handling: 0.55,
  other: 0.3,
};
const CUSTOMER_SHARE: Record<ChannelCode, number> = {
  counter: 0.75,
  call_center: 0.78,
  web: 0.55,
  survey: 0.3,
  consultation_office: 0.9,
  visit: 0.95,
};
const CATEGORY_DEPARTMENT: Record<VoiceCategoryCode, DepartmentCode> = {
  handling: "cs",
  servicing: "servicing",
  product: "products",
  application: "sales",
  claim: "claims",
  other: "cs",
};
const METHODS: Record<ChannelCode, readonly (readonly [DemoResponseMethod, number])[]> = {
  call_center: [
    ["電話", 85],
    ["メール", 10],
    ["書面", 5],
  ],
  counter: [
    ["面談", 55],
    ["電話", 40],
    ["書面", 5],
  ],
  web: [
    ["メール", 70],
    ["電話", 25],
    ["書面", 5],
  ],
  consultation_office: [
    ["電話", 60],
    ["書面", 30],
    ["面談", 10],
  ],
  survey: [
    ["書面", 50],
    ["電話", 30],
    ["メール", 20],
  ],
  visit: [
    ["面談", 70],
    ["電話", 30],
  ],
};

function department(
  rnd: Random,
  type: VoiceTypeCode,
  channel: ChannelCode,
  cat: VoiceCategoryCode,
  branch: DepartmentCode,
): DepartmentCode {
  if (type === "complaint" && rnd.chance(0.35)) return "cs";
  switch (channel) {
    case "counter":
      return rnd.chance(0.85) ? branch : CATEGORY_DEPARTMENT[cat];
    case "visit":
      return rnd.chance(0.6) ? "sales" : branch;
    case "call_center":
      return cat === "claim" && rnd.chance(0.5) ? "claims" : "call_center";
    case "consultation_office":
      return "cs";
    default:
      return rnd.chance(0.5) ? "cs" : CATEGORY_DEPARTMENT[cat];
  }
}

function priority(rnd: Random, type: VoiceTypeCode, cat: VoiceCategoryCode): DemoVoice["priority"] {
  if (type === "complaint") {
    const r = rnd.next();
    if (r < (cat === "claim" ? 0.15 : 0.08)) return "urgent";
    return r < 0.4 ? "high" : "normal";
  }
  if (type === "request") return rnd.chance(0.04) ? "high" : "normal";
  return "normal";
}

/**
 * The status a voice has reached by `now`. Old voices are nearly all closed; recent ones are a mix, and the
 * chance of still being open decays with age, so some open voices are past a 5 or 10 business-day deadline.
 */
function outcome(rnd: Random, type: VoiceTypeCode, ageDays: number): DemoOutcome {
  const r = rnd.next();
  if (ageDays > 30) {
    if (type === "complaint") return r < 0.985 ? "closed" : r < 0.995 ? "resolved" : "in_progress";
    if (type === "request") return r < 0.995 ? "closed" : r < 0.998 ? "resolved" : "in_progress";
    return "closed";
  }
  const open =
    type === "complaint"
      ? 0.9 * Math.exp(-ageDays / 9) + 0.1
      : type === "request"
        ? 0.8 * Math.exp(-ageDays / 6) + 0.05
        : 0.6 * Math.exp(-ageDays / 1.5);
  if (r < open) return rnd.chance(ageDays < 2 ? 0.6 : 0.35) ? "received" : "in_progress";
  if (type === "complaint") return rnd.chance(0.35) ? "resolved" : "closed";
  if (type === "request") return rnd.chance(0.15) ? "resolved" : "closed";
  return "closed";
}

// ---------------------------------------------------------------- the stream

/** Kinds are packed as type index × 8 + category index so a year's plan fits in a byte array. */
function kindsOf(plan: DemoYearPlan): Uint8Array {
  const runs: [number, number][] = [];
  const add = (t: number, byCat: Record<string, number>) => {
    for (const [cat, n] of Object.entries(byCat)) {
      const c = (DEMO_CATEGORY_CODES as readonly string[]).indexOf(cat);
      if (c < 0) throw new Error(`unknown category ${cat}`);
      runs.push([t * 8 + c, n]);
    }
  };
  add(0, plan.praiseByCategory);
  add(1, plan.counts.request);
  add(2, plan.counts.complaint);
  add(3, { other: plan.counts.other });
  const kinds = new Uint8Array(runs.reduce((t, [, n]) => t + n, 0));
  let i = 0;
  for (const [kind, n] of runs) {
    kinds.fill(kind, i, i + n);
    i += n;
  }
  return kinds;
}

export interface GenerateDemoVoicesOptions {
  latestFiscalYear: number;
  /** 1–12; FY N starts on the 1st of this month in year N (JST) */
  fiscalYearStartMonth: number;
  /** nothing is received after this; the planned voices of a year not yet over are cut off here */
  now: Date;
  seed?: number;
  /** how the three earlier years are planned (default "jittered") */
  history?: DemoHistory;
}

/**
 * Streams four fiscal years of demo voices in order of receipt, deterministic for a seed. Memory stays at one
 * year's compact arrays (a few MB); texts and customers are built as each voice is yielded. The latest year
 * matches seed 004 exactly when it is over by `now`.
 */
export function* generateDemoVoices(opts: GenerateDemoVoicesOptions): Generator<DemoVoice> {
  const { fiscalYearStartMonth: startMonth } = opts;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscalYearStartMonth must be 1–12, got ${startMonth}`);
  }
  const rnd = createRandom(opts.seed ?? DEFAULT_DEMO_SEED);
  const nowMs = opts.now.getTime();
  for (const plan of demoYearPlans(opts.latestFiscalYear, rnd, opts.history)) {
    const { start, end } = fiscalYearBounds(plan.fiscalYear, startMonth);
    if (start.getTime() > nowMs) return;
    const cal = yearCalendar(start.getTime(), end.getTime());
    const kinds = kindsOf(plan);
    shuffleInPlace(rnd, kinds);
    const n = kinds.length;
    const channels = new Uint8Array(n);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const type = DEMO_TYPE_CODES[(kinds[i] ?? 0) >> 3] ?? "other";
      const channel = rnd.weighted(CHANNELS_BY_TYPE[type]);
      channels[i] = DEMO_CHANNEL_CODES.indexOf(channel);
      times[i] = sampleReceivedAt(rnd, cal, channel);
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0));
    for (const i of order) {
      const at = times[i] ?? 0;
      if (at > nowMs) return;
      const kind = kinds[i] ?? 0;
      yield buildVoice(
        rnd,
        at,
        nowMs,
        DEMO_TYPE_CODES[kind >> 3] ?? "other",
        DEMO_CATEGORY_CODES[kind & 7] ?? "other",
        DEMO_CHANNEL_CODES[channels[i] ?? 0] ?? "counter",
      );
    }
  }
}

export interface DemoScheduleOptions {
  /** the demo's present: nothing is received after it, and voices near it are still open */
  now: Date;
  /** 1–12 */
  fiscalYearStartMonth: number;
  /** the complete years' seed (default 2022); the current year's stream uses seed + 1 */
  seed?: number;
  history?: DemoHistory;
}

/**
 * Everything the loader registers, year by year in order of receipt: the four fiscal years up to the last one
 * over by `now` (complete, so the latest has exactly seed 004's counts), then the current fiscal year up to `now`
 * (open and overdue work). When `now` is the last moment of a fiscal year, that year is the latest complete one.
 */
export function* demoVoicesUpTo(opts: DemoScheduleOptions): Generator<DemoVoice> {
  const { now, fiscalYearStartMonth: startMonth } = opts;
  const seed = opts.seed ?? 2022;
  const currentFy = fiscalYearOf(new Date(now.getTime() + 1), startMonth);
  const currentStart = Date.parse(jstDateTimeToIso(fiscalYearRange(currentFy, startMonth).from));
  yield* generateDemoVoices({
    latestFiscalYear: currentFy - 1,
    fiscalYearStartMonth: startMonth,
    // the last millisecond of that year: every planned voice is in (the generator cuts at now)
    now: new Date(currentStart - 1),
    seed,
    history: opts.history,
  });
  if (currentStart > now.getTime()) return;
  // The current year is the latest of another four-year stream; only its part up to now is kept.
  const current = generateDemoVoices({
    latestFiscalYear: currentFy,
    fiscalYearStartMonth: startMonth,
    now,
    seed: seed + 1,
  });
  for (const v of current) if (fiscalYearOf(v.receivedAt, startMonth) === currentFy) yield v;
}

/**
 * `koe demo --as-of D`: the federation's own calendar (fiscal years from June) and years (the oldest of the four
 * complete ones is seed 003's, the latest seed 004's), up to the end of day D in Japan. With D = 2023-05-31 the
 * four years are FY2019–FY2022 and there is no current year yet.
 */
export function federationDemoOptions(asOf: string): Required<Omit<DemoScheduleOptions, "seed">> {
  assertIsoDate(asOf);
  return {
    now: new Date(Date.parse(jstDateTimeToIso(addCalendarDays(asOf, 1))) - 1),
    fiscalYearStartMonth: FEDERATION_FISCAL_YEAR_START_MONTH,
    history: "seeds",
  };
}

function buildVoice(
  rnd: Random,
  at: number,
  nowMs: number,
  type: VoiceTypeCode,
  cat: VoiceCategoryCode,
  channel: ChannelCode,
): DemoVoice {
  const productLineCode = rnd.chance(PRODUCT_SHARE[cat]) ? rnd.weighted(PRODUCT_WEIGHTS) : null;
  const text = generateVoiceText(rnd, type, cat, productLineCode, channel);
  const prefecture = pickPrefecture(rnd);
  // Someone who asks for an answer leaves a way to reach them.
  const hasCustomer =
    (type === "request" && text.remedySought !== null) ||
    rnd.chance(type === "complaint" ? 0.95 : CUSTOMER_SHARE[channel]);
  const status = outcome(rnd, type, (nowMs - at) / DAY_MS);
  const done = status === "resolved" || status === "closed";
  let responseText: string | null = null;
  if (done && type === "complaint") responseText = generateComplaintResponse(rnd, text.responseBasis);
  else if (done && type === "request" && hasCustomer && rnd.chance(0.6))
    responseText = generateRequestResponse(rnd, text.responseBasis);
  return {
    receivedAt: new Date(at).toISOString(),
    channelCode: channel,
    typeCode: type,
    categoryCode: cat,
    productLineCode,
    departmentCode: department(rnd, type, channel, cat, prefecture[2]),
    content: text.content,
    remedySought: text.remedySought,
    priority: priority(rnd, type, cat),
    customer: hasCustomer ? generateCustomer(rnd, prefecture) : null,
    outcome: status,
    responseText,
    responseMethod: responseText ? rnd.weighted(METHODS[channel]) : null,
    replyForPraise: type === "praise" && done && rnd.chance(0.05) ? generatePraiseReply(rnd, cat) : null,
  };
}
