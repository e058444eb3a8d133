/**
 * Where the figures embedded in a review come from. Each source reads koe's own records for the review's half
 * and answers every token it is asked about with a value, a Japanese label and the staff app's address listing
 * what is behind the number. A token a source does not know is a Japanese error naming the token.
 *
 * - voices[:type code]: counted voices received in the half (analytics' rule: voided and merged ones do not count),
 *   all types or one, by the organisation's own type codes (renamed labels keep their code).
 * - improvements: improvements based on voices completed in the half (the improvements feature's one count).
 * - kpi:<id>: a KPI's value for the half (the KPI register's kpiValue; a retired KPI still answers).
 * - elderly[:measure code]: elderly-customer handlings in the half, all or by measure (親族同席…), from the
 *   customer-protection records.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { type FigureRef, formatFigure } from "../../domain/principle-review.js";
import { AppError } from "../../errors.js";
import { elderlyHandlingCounts } from "../activities/customer-protection.js";
import { filterOver, listQueryOf } from "../analytics/analysis-request.js";
import { COUNTED_STATUSES, countedVoices } from "../analytics/counted-voices.js";
import { countImprovementsBasedOnVoices } from "../improvements/count-improvements.js";
import { listKpis } from "../kpi/kpi-register.js";
import { kpiValue } from "../kpi/kpi-value.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";

export interface FigureContext {
  db: Db;
  period: Period;
  /** JST date of today (the analytics' overdue filter needs it; counts do not depend on it) */
  today: string;
}

export interface ResolvedFigure {
  key: string;
  label: string;
  value: number | null;
  display: string;
  link: string | null;
}

export interface CatalogFigure extends ResolvedFigure {
  group: string;
}

export type Resolution = { ok: true; figure: ResolvedFigure } | { ok: false; message: string };

export interface FigureSource {
  name: string;
  /** answers each ref (all of this source) */
  resolve(ctx: FigureContext, refs: FigureRef[]): Promise<Map<string, Resolution>>;
  /** the figures offered in the editor's insert menu */
  catalog(ctx: FigureContext): Promise<CatalogFigure[]>;
}

const figure = (key: string, label: string, value: number | null, link: string | null): ResolvedFigure => ({
  key,
  label,
  value,
  display: formatFigure(value),
  link,
});

// ---------------------------------------------------------------- voices

async function voiceCounts(ctx: FigureContext): Promise<Map<number, number>> {
  const rows = await countedVoices(ctx.db, filterOver({}, ctx.period), ctx.today)
    .select(["v.type_id as typeId", sql<number>`count(*)`.as("n")])
    .groupBy("v.type_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.typeId), Number(r.n)]));
}

function voiceLink(period: Period, type?: string): string {
  const params: Record<string, string> = { status: COUNTED_STATUSES.join(",") };
  return `/voices?${listQueryOf({ from: period.from, to: period.to }, params, type ? { type } : {})}`;
}

const voicesSource: FigureSource = {
  name: "voices",
  async resolve(ctx, refs) {
    const [counts, tax] = await Promise.all([voiceCounts(ctx), taxonomyIndex(ctx.db)]);
    const out = new Map<string, Resolution>();
    for (const ref of refs) {
      if (ref.arg === null) {
        const total = [...counts.values()].reduce((s, n) => s + n, 0);
        out.set(ref.key, {
          ok: true,
          figure: figure(ref.key, `声の件数・${ctx.period.label}`, total, voiceLink(ctx.period)),
        });
        continue;
      }
      const type = tax.taxonomy.type.find((t) => t.code === ref.arg);
      if (!type) {
        const codes = tax.taxonomy.type.map((t) => `${t.code}（${t.name}）`).join("、");
        out.set(ref.key, {
          ok: false,
          message: `{{${ref.key}}}: 種別「${ref.arg}」はありません（${codes}）`,
        });
        continue;
      }
      out.set(ref.key, {
        ok: true,
        figure: figure(
          ref.key,
          `声の件数（${type.name}）・${ctx.period.label}`,
          counts.get(type.id) ?? 0,
          voiceLink(ctx.period, type.code),
        ),
      });
    }
    return out;
  },
  async catalog(ctx) {
    const tax = await taxonomyIndex(ctx.db);
    const refs: FigureRef[] = [
      { key: "voices", source: "voices", arg: null },
      ...tax.taxonomy.type.map((t) => ({ key: `voices:${t.code}`, source: "voices", arg: t.code })),
    ];
    const resolved = await this.resolve(ctx, refs);
    return [...resolved.values()].flatMap((r) => (r.ok ? [{ ...r.figure, group: "声の件数" }] : []));
  },
};

// ---------------------------------------------------------------- improvements

const noArgument = (ref: FigureRef): Resolution => ({
  ok: false,
  message: `{{${ref.key}}}: 「${ref.source}」には「:」以下を付けません（{{${ref.source}}}）`,
});

const improvementsSource: FigureSource = {
  name: "improvements",
  async resolve(ctx, refs) {
    const n = await countImprovementsBasedOnVoices(ctx.db, ctx.period);
    // the improvements screen lists them by year (it has no completion-date filter to open exactly these)
    const link = "/improvements";
    return new Map(
      refs.map((ref): [string, Resolution] => [
        ref.key,
        ref.arg === null
          ? { ok: true, figure: figure(ref.key, `声に基づく改善件数（完了）・${ctx.period.label}`, n, link) }
          : noArgument(ref),
      ]),
    );
  },
  async catalog(ctx) {
    const r = (await this.resolve(ctx, [{ key: "improvements", source: "improvements", arg: null }])).get(
      "improvements",
    );
    return r?.ok ? [{ ...r.figure, group: "改善" }] : [];
  },
};

// ---------------------------------------------------------------- KPIs

async function resolveKpi(ctx: FigureContext, ref: FigureRef): Promise<Resolution> {
  const id = ref.arg !== null && /^\d{1,9}$/.test(ref.arg) ? Number(ref.arg) : null;
  if (id === null)
    return { ok: false, message: `{{${ref.key}}}: 指標は番号（ID）で指定してください（例: {{kpi:3}}）` };
  try {
    const v = await kpiValue(ctx.db, id, ctx.period, { today: ctx.today });
    const retired = v.retiredAt ? "・廃止済み" : "";
    return {
      ok: true,
      figure: figure(
        ref.key,
        `指標${v.themeNumber}-${v.number} ${v.name}（${v.unit}${retired}）・${ctx.period.label}`,
        v.value,
        v.voiceQuery
          ? `/voices?${v.voiceQuery}`
          : `/kpis?year=${ctx.period.kind === "half" ? ctx.period.fiscalYear : ctx.period.from.slice(0, 4)}`,
      ),
    };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found")
      return { ok: false, message: `{{${ref.key}}}: 指標（ID ${id}）はありません` };
    throw err;
  }
}

const kpiSource: FigureSource = {
  name: "kpi",
  async resolve(ctx, refs) {
    const out = new Map<string, Resolution>();
    for (const ref of refs) out.set(ref.key, await resolveKpi(ctx, ref));
    return out;
  },
  async catalog(ctx) {
    const { themes, kpis } = await listKpis(ctx.db);
    // a KPI under a retired theme is retired with it: past figures still resolve, new ones are not offered
    const retiredThemes = new Set(themes.filter((t) => t.retiredAt !== null).map((t) => t.id));
    const out: CatalogFigure[] = [];
    for (const k of kpis.filter((k) => k.retiredAt === null && !retiredThemes.has(k.themeId))) {
      const r = await resolveKpi(ctx, { key: `kpi:${k.id}`, source: "kpi", arg: String(k.id) });
      if (r.ok) out.push({ ...r.figure, group: "指標（KPI）" });
    }
    return out;
  },
};

// ---------------------------------------------------------------- elderly customers

const elderlySource: FigureSource = {
  name: "elderly",
  async resolve(ctx, refs) {
    const counts = await elderlyHandlingCounts(ctx.db, { from: ctx.period.from, to: ctx.period.to });
    // No screen lists the customer-protection records yet: the figure carries no link until one does.
    const link = (_measure?: string): string | null => null;
    const out = new Map<string, Resolution>();
    for (const ref of refs) {
      if (ref.arg === null) {
        out.set(ref.key, {
          ok: true,
          figure: figure(ref.key, `高齢者対応の件数・${ctx.period.label}`, counts.total, link()),
        });
        continue;
      }
      const m = counts.byMeasure.find((b) => b.code === ref.arg);
      out.set(
        ref.key,
        m
          ? {
              ok: true,
              figure: figure(
                ref.key,
                `高齢者対応の件数（${m.name}）・${ctx.period.label}`,
                m.count,
                link(m.code),
              ),
            }
          : {
              ok: false,
              message: `{{${ref.key}}}: 高齢者対応の方法「${ref.arg}」はありません（${counts.byMeasure.map((b) => `${b.code}（${b.name}）`).join("、")}）`,
            },
      );
    }
    return out;
  },
  async catalog(ctx) {
    const counts = await elderlyHandlingCounts(ctx.db, { from: ctx.period.from, to: ctx.period.to });
    const refs: FigureRef[] = [
      { key: "elderly", source: "elderly", arg: null },
      ...counts.byMeasure.map((b) => ({ key: `elderly:${b.code}`, source: "elderly", arg: b.code })),
    ];
    const resolved = await this.resolve(ctx, refs);
    return [...resolved.values()].flatMap((r) => (r.ok ? [{ ...r.figure, group: "高齢者対応" }] : []));
  },
};

// ---------------------------------------------------------------- registry

/** Every source, by the name tokens use. */
export const FIGURE_SOURCES: readonly FigureSource[] = [
  voicesSource,
  improvementsSource,
  kpiSource,
  elderlySource,
];

/** Resolves each ref; unknown sources and arguments come back as messages. */
export async function resolveFigures(
  ctx: FigureContext,
  refs: FigureRef[],
): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const names = FIGURE_SOURCES.map((s) => s.name).join("、");
  const bySource = new Map<string, FigureRef[]>();
  for (const ref of refs) {
    if (!FIGURE_SOURCES.some((s) => s.name === ref.source)) {
      out.set(ref.key, {
        ok: false,
        message: `{{${ref.key}}}: 数値の種類「${ref.source}」はありません（使えるもの: ${names}）`,
      });
      continue;
    }
    bySource.set(ref.source, [...(bySource.get(ref.source) ?? []), ref]);
  }
  for (const source of FIGURE_SOURCES) {
    const mine = bySource.get(source.name);
    if (!mine) continue;
    for (const [k, v] of await source.resolve(ctx, mine)) out.set(k, v);
  }
  return out;
}

export async function figureCatalog(ctx: FigureContext): Promise<CatalogFigure[]> {
  const out: CatalogFigure[] = [];
  for (const source of FIGURE_SOURCES) out.push(...(await source.catalog(ctx)));
  return out;
}
