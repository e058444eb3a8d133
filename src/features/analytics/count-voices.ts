/**
 * Counts of voices in a period by one or two dimensions, beside the comparison period's (前年同期), with the change
 * in 件 and %, shares of the total, Japanese labels and, for every number, the voice list's query that opens exactly
 * those voices. Used by the API, `koe stats` and the dashboard.
 */
import { type Expression, type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/database.js";
import { type Period, periodMonths } from "../../domain/analysis-period.js";
import { daysInMonth, jstDateTimeToIso } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { invalidInput } from "../../errors.js";
import { PRIORITIES, type TaxonomyKind } from "../../shared/api-contract.js";
import { PRIORITY_LABELS, STATUS_LABELS } from "../../shared/labels-ja.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { VoiceFilter } from "../voices/list-voices.js";
import {
  type AnalysisQuery,
  type AnalysisRequest,
  filterOver,
  listQueryOf,
  periodInfo,
  readAnalysisRequest,
} from "./analysis-request.js";
import {
  type CountCell,
  type CountRow,
  type CountsResponse,
  type Dimension,
  type DimensionValue,
  parseDimensions,
} from "./contract.js";
import { countedStatuses, countedVoices } from "./counted-voices.js";
import { PREFECTURE_ORDER } from "./prefectures.js";

type Raw = string | number | null;

/** The column (or expression) each dimension groups by; `c` is the voice's customer. */
function dimensionExpression(d: Dimension, monthOf: RawBuilder<string>): Expression<Raw> {
  switch (d) {
    case "type":
      return sql<number>`v.type_id`;
    case "category":
      return sql<number | null>`v.category_id`;
    case "channel":
      return sql<number>`v.channel_id`;
    case "product_line":
      return sql<number | null>`v.product_line_id`;
    case "department":
      return sql<number>`v.department_id`;
    case "status":
      return sql<string>`v.status`;
    case "priority":
      return sql<string>`v.priority`;
    case "prefecture":
      return sql<string | null>`c.prefecture`;
    case "age_band":
      return sql<string | null>`c.age_band`;
    case "gender":
      return sql<string | null>`c.gender`;
    case "month":
      return monthOf;
  }
}

const CUSTOMER_DIMENSIONS: readonly Dimension[] = ["prefecture", "age_band", "gender"];

const addYears = (month: string, years: number) => `${Number(month.slice(0, 4)) + years}${month.slice(4)}`;

/**
 * The JST month of received_at as YYYY-MM, written as comparisons with the months' first instants (the same on
 * both databases, and cheaper than date functions); `shiftYears` names a comparison period's months after the
 * current period's (2021-06 counts as 2022-06's previous).
 */
function monthBucket(p: Period, shiftYears: number): RawBuilder<string> {
  const months = periodMonths(p);
  const name = (m: string) => sql.lit(addYears(m, shiftYears));
  const last = months[months.length - 1] as string;
  if (months.length === 1) return sql<string>`${name(last)}`;
  const whens = months
    .slice(1)
    .map(
      (m, i) =>
        sql`when v.received_at < ${sql.lit(jstDateTimeToIso(`${m}-01`))} then ${name(months[i] as string)}`,
    );
  return sql<string>`case ${sql.join(whens, sql` `)} else ${name(last)} end`;
}

const keyOf = (values: Raw[]) => JSON.stringify(values);

/** Voices per combination of the dimensions' raw values, in one period. */
async function groupCounts(
  db: Db,
  dims: Dimension[],
  filter: VoiceFilter,
  p: Period,
  shiftYears: number,
  today: string,
): Promise<Map<string, { values: Raw[]; n: number }>> {
  const base = countedVoices(db, filter, today);
  // The dimensions are raw SQL over `v` and `c`; the join only adds `c`, which the builder's types need not know.
  const from = dims.some((d) => CUSTOMER_DIMENSIONS.includes(d))
    ? (base.leftJoin("customers as c", "c.id", "v.customer_id") as unknown as typeof base)
    : base;
  const monthOf = monthBucket(p, shiftYears);
  const rows = await from
    .select(dims.map((d, i) => sql<Raw>`${dimensionExpression(d, monthOf)}`.as(`k${i}`)))
    .select(sql<number>`count(*)`.as("n"))
    .groupBy(dims.map((_, i) => sql.raw(String(i + 1))))
    .execute();
  const out = new Map<string, { values: Raw[]; n: number }>();
  for (const r of rows as unknown as Record<string, Raw>[]) {
    const values = dims.map((d, i) => normalizeRaw(d, r[`k${i}`] ?? null));
    const k = keyOf(values);
    const prev = out.get(k);
    out.set(k, { values, n: (prev?.n ?? 0) + Number(r.n) });
  }
  return out;
}

/** Customer attributes typed as free text: blank is "not given". Ids come back as numbers on both databases. */
function normalizeRaw(d: Dimension, v: Raw): Raw {
  if (v === null) return null;
  if (typeof v === "string") {
    const t = v.trim();
    if (CUSTOMER_DIMENSIONS.includes(d)) return t === "" ? null : t;
    return t;
  }
  return Number(v);
}

const TAXONOMY_KIND: Partial<Record<Dimension, TaxonomyKind>> = {
  type: "type",
  category: "category",
  channel: "channel",
  product_line: "product_line",
};

const NOT_SET: Partial<Record<Dimension, string>> = {
  category: "未分類",
  product_line: "未設定",
  prefecture: "不明",
  age_band: "不明",
  gender: "不明",
};

/** Everything that describes one raw value: its label, its place in the order, and the list filter it maps to. */
interface Value {
  raw: Raw;
  value: DimensionValue;
  order: number;
  /** the voice list's query values selecting it; null when the list cannot filter on it */
  list: Record<string, string> | null;
}

function describe(d: Dimension, raw: Raw, ctx: { tax: TaxonomyIndex; period: Period }): Value {
  const base = { dimension: d, key: null, id: null };
  if (raw === null)
    return {
      raw,
      value: { ...base, label: NOT_SET[d] ?? "不明" },
      order: Number.MAX_SAFE_INTEGER,
      list: null,
    };
  const kind = TAXONOMY_KIND[d];
  if (kind || d === "department") {
    const k = kind ?? "department";
    const list = ctx.tax.list(k);
    const i = list.findIndex((l) => l.id === raw);
    const l = list[i];
    return l
      ? {
          raw,
          value: { dimension: d, key: l.code, id: l.id, label: l.name },
          order: i,
          list: d === "product_line" ? null : { [d]: l.code },
        }
      : { raw, value: { ...base, id: Number(raw), label: `#${raw}` }, order: list.length, list: null };
  }
  const s = String(raw);
  switch (d) {
    case "status": {
      const order = Object.keys(STATUS_LABELS).indexOf(s);
      return {
        raw,
        value: { ...base, key: s, label: STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s },
        order,
        list: { status: s },
      };
    }
    case "priority":
      return {
        raw,
        value: { ...base, key: s, label: PRIORITY_LABELS[s as keyof typeof PRIORITY_LABELS] ?? s },
        order: (PRIORITIES as readonly string[]).indexOf(s),
        list: null,
      };
    case "month": {
      const first = `${s}-01`;
      const last = `${s}-${String(daysInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)))).padStart(2, "0")}`;
      const from = first > ctx.period.from ? first : ctx.period.from;
      const to = last < ctx.period.to ? last : ctx.period.to;
      return {
        raw,
        value: { ...base, key: s, label: `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月` },
        order: Number(s.replace("-", "")),
        list: { from, to },
      };
    }
    case "prefecture": {
      const i = PREFECTURE_ORDER.indexOf(s);
      return {
        raw,
        value: { ...base, key: s, label: s },
        order: i >= 0 ? i : PREFECTURE_ORDER.length,
        list: null,
      };
    }
    default: {
      // Age bands sort by their number (20代 < 30代 < 80代以上), anything else after them.
      const n = /^(\d+)/.exec(s);
      return { raw, value: { ...base, key: s, label: s }, order: n ? Number(n[1]) : 1000, list: null };
    }
  }
}

/** The values listed even when nothing was counted: labels, departments, statuses, priorities, the months. */
function filledValues(d: Dimension, f: VoiceFilter, tax: TaxonomyIndex, p: Period): Raw[] {
  const active = (k: TaxonomyKind | "department", only?: number[]) =>
    tax
      .list(k)
      .filter((l) => (only ? only.includes(l.id) : l.active))
      .map((l) => l.id);
  switch (d) {
    case "type":
      return active("type", f.typeIds);
    case "category":
      return active("category", f.categoryIds);
    case "channel":
      return active("channel", f.channelIds);
    case "product_line":
      return active("product_line");
    case "department":
      return active("department", f.departmentIds);
    case "status":
      return [...countedStatuses(f)];
    case "priority":
      return [...PRIORITIES];
    case "month":
      return periodMonths(p);
    default:
      return [];
  }
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

function cell(count: number, previous: number | null, total: number, listQuery: string | null): CountCell {
  const change = previous === null ? null : count - previous;
  return {
    count,
    previous,
    change,
    changePercent: previous === null || change === null ? null : percent(change, previous),
    sharePercent: percent(count, total),
    listQuery,
  };
}

export async function countVoices(
  db: Db,
  actor: Actor,
  q: AnalysisQuery & { by?: string | undefined },
  opts: { now?: Date } = {},
): Promise<CountsResponse> {
  const parsedDims = parseDimensions(q.by);
  if (!parsedDims.ok) throw invalidInput({ by: parsedDims.message }, "集計の軸の指定に誤りがあります");
  const dims = parsedDims.dimensions;
  const req = await readAnalysisRequest(db, actor, q, opts.now);
  return countsFor(db, dims, req);
}

async function countsFor(db: Db, dims: Dimension[], req: AnalysisRequest): Promise<CountsResponse> {
  const { period, comparison, filter, tax, today } = req;
  const [current, previous] = filter
    ? await Promise.all([
        groupCounts(db, dims, filterOver(filter, period), period, 0, today),
        comparison ? groupCounts(db, dims, filterOver(filter, comparison), comparison, 1, today) : null,
      ])
    : [new Map(), comparison ? new Map() : null];

  // Each dimension's values: the filled ones, then whatever either period holds besides, in their order.
  const ctx = { tax, period };
  const values = dims.map((d, i) => {
    const seen = new Map<string, Value>();
    const add = (raw: Raw) => {
      const k = keyOf([raw]);
      if (!seen.has(k)) seen.set(k, describe(d, raw, ctx));
    };
    for (const raw of filledValues(d, filter ?? {}, tax, period)) add(raw);
    for (const m of [current, previous]) for (const c of m?.values() ?? []) add(c.values[i] ?? null);
    return [...seen.values()].sort((a, b) => a.order - b.order);
  });

  const sum = (m: Map<string, { n: number }> | null) =>
    m === null ? null : [...m.values()].reduce((s, c) => s + c.n, 0);
  const total = sum(current) ?? 0;
  const previousTotal = sum(previous);
  const days = { from: period.from, to: period.to };
  const listQuery = (vs: Value[]) => {
    let overrides: Record<string, string> = {};
    for (const v of vs) {
      if (!v.list) return null;
      overrides = { ...overrides, ...v.list };
    }
    const { from, to, ...rest } = overrides;
    return listQueryOf({ from: from ?? days.from, to: to ?? days.to }, req.listParams, rest);
  };
  const countOf = (m: Map<string, { n: number }> | null, raws: Raw[]) =>
    m === null ? null : (m.get(keyOf(raws))?.n ?? 0);

  const combos: Value[][] =
    dims.length === 1
      ? (values[0] ?? []).map((v) => [v])
      : (values[0] ?? []).flatMap((a) => (values[1] ?? []).map((b) => [a, b]));
  const rows: CountRow[] = combos.map((vs) => ({
    keys: vs.map((v) => v.value),
    ...cell(
      countOf(
        current,
        vs.map((v) => v.raw),
      ) ?? 0,
      countOf(
        previous,
        vs.map((v) => v.raw),
      ),
      total,
      listQuery(vs),
    ),
    shareOfGroupPercent: null,
  }));

  const byDimension = values.map((vs, i) =>
    vs.map((v): CountRow => {
      const of = (m: Map<string, { values: Raw[]; n: number }> | null) =>
        m === null
          ? null
          : [...m.values()]
              .filter((c) => keyOf([c.values[i] ?? null]) === keyOf([v.raw]))
              .reduce((s, c) => s + c.n, 0);
      return {
        keys: [v.value],
        ...cell(of(current) ?? 0, of(previous), total, listQuery([v])),
        shareOfGroupPercent: null,
      };
    }),
  );
  if (dims.length === 2) {
    const subtotal = new Map(
      (byDimension[0] ?? []).map((r) => [keyOf([r.keys[0]?.key ?? null, r.keys[0]?.id ?? null]), r.count]),
    );
    for (const r of rows) {
      const k = keyOf([r.keys[0]?.key ?? null, r.keys[0]?.id ?? null]);
      r.shareOfGroupPercent = percent(r.count, subtotal.get(k) ?? 0);
    }
  } else {
    for (const r of rows) r.shareOfGroupPercent = null;
  }

  return {
    period: periodInfo(period, req.now),
    comparison: comparison ? periodInfo(comparison, req.now) : null,
    by: dims,
    department: req.department
      ? { id: req.department.id, code: req.department.code, name: req.department.name }
      : null,
    total: cell(total, previousTotal, total, listQueryOf(days, req.listParams)),
    byDimension,
    rows,
  };
}
