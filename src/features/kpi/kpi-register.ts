/**
 * The KPI register: themes and KPIs (add, edit, retire — a retired KPI or theme keeps its history), the per-period entries
 * (hand-entered values with evidence, narratives), seed 001's template, and the register of a reporting year.
 * Every function takes `db` or the caller's transaction.
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { jstToday } from "../../domain/jst.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { Kpi, KpiEntryInput, KpiInput, KpiRegister, KpiSource, ThemePatch } from "./contract.js";
import { KPI_TEMPLATE } from "./kpi-template.js";
import { kpiTrend } from "./kpi-trend.js";
import { type KpiValueOptions, kpiValue } from "./kpi-value.js";
import { getKpiReporting, periodEntryKey, reportingPeriod } from "./reporting-period.js";

type KpiRow = {
  id: number;
  theme_id: number;
  number: number;
  name: string;
  unit: string;
  source: string;
  params: string;
  target: string | null;
  retired_at: string | null;
};

export const presentKpi = (r: KpiRow): Kpi => ({
  id: r.id,
  themeId: r.theme_id,
  number: r.number,
  name: r.name,
  unit: r.unit as Kpi["unit"],
  source: r.source as KpiSource,
  params: JSON.parse(r.params) as Record<string, unknown>,
  target: r.target,
  retiredAt: r.retired_at,
});

export interface KpiTheme {
  id: number;
  number: number;
  name: string;
  retiredAt: string | null;
}

/** A KPI may be put only under a theme in use (or stay under the retired one it already has: `current`). */
async function assertTheme(db: Db, themeId: number, current?: number): Promise<void> {
  const t = await db
    .selectFrom("kpi_themes")
    .select(["id", "name", "retired_at"])
    .where("id", "=", themeId)
    .executeTakeFirst();
  if (!t) throw invalidInput({ themeId: "指定のテーマがありません" });
  if (t.retired_at !== null && themeId !== current)
    throw invalidInput({ themeId: `テーマ「${t.name}」は廃止されています。指標は追加・移動できません` });
}

/** Training kinds, the department and the survey kind named in params must exist: an unknown one would count nothing, silently. */
async function assertParams(db: Db, params: KpiInput["params"]): Promise<void> {
  if (params.trainingKinds?.length) {
    const rows = await db
      .selectFrom("activity_labels")
      .select("code")
      .where("kind", "=", "training_kind")
      .where("code", "in", params.trainingKinds)
      .execute();
    const known = new Set(rows.map((r) => r.code));
    const unknown = params.trainingKinds.filter((k) => !known.has(k));
    if (unknown.length)
      throw invalidInput({ "params.trainingKinds": `研修の種類「${unknown.join("、")}」はありません` });
  }
  if (params.departmentId !== undefined) {
    const d = await db
      .selectFrom("departments")
      .select("id")
      .where("id", "=", params.departmentId)
      .executeTakeFirst();
    if (!d) throw invalidInput({ "params.departmentId": "指定の部署がありません" });
  }
  if (params.surveyKind) {
    const k = await db
      .selectFrom("survey_kinds")
      .select("id")
      .where("code", "=", params.surveyKind)
      .executeTakeFirst();
    if (!k)
      throw invalidInput({ "params.surveyKind": `アンケートの種類「${params.surveyKind}」はありません` });
  }
}

export async function createTheme(db: Db, input: { number: number; name: string }): Promise<number> {
  const r = await db
    .insertInto("kpi_themes")
    .values({ number: input.number, name: input.name, retired_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Renames or renumbers a theme; past registers show the new name (the theme is the same policy pillar). */
export async function updateTheme(db: Db, id: number, patch: ThemePatch): Promise<KpiTheme> {
  const row = await db
    .updateTable("kpi_themes")
    .set({
      ...(patch.number !== undefined && { number: patch.number }),
      ...(patch.name !== undefined && { name: patch.name }),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("テーマ");
  return { id: row.id, number: row.number, name: row.name, retiredAt: row.retired_at };
}

/**
 * Retiring a theme retires its KPIs with it for the years after (like retiring each KPI): registers of the years
 * it was in force still show it and its KPIs, and every KPI's values and history stay readable. Restoring brings
 * back the KPIs that were not retired on their own.
 */
export async function retireTheme(db: Db, id: number, retired: boolean): Promise<KpiTheme> {
  const row = await db
    .updateTable("kpi_themes")
    .set({ retired_at: retired ? nowIso() : null })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("テーマ");
  return { id: row.id, number: row.number, name: row.name, retiredAt: row.retired_at };
}

export async function createKpi(db: Db, input: KpiInput): Promise<Kpi> {
  await assertTheme(db, input.themeId);
  await assertParams(db, input.params);
  const row = await db
    .insertInto("kpis")
    .values({
      theme_id: input.themeId,
      number: input.number,
      name: input.name,
      unit: input.unit,
      source: input.source,
      params: JSON.stringify(input.params),
      target: input.target,
      created_at: nowIso(),
      retired_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentKpi(row);
}

export async function updateKpi(db: Db, id: number, patch: Partial<KpiInput>): Promise<Kpi> {
  const old = await db.selectFrom("kpis").select("theme_id").where("id", "=", id).executeTakeFirst();
  if (!old) throw notFound("指標");
  if (patch.themeId !== undefined) await assertTheme(db, patch.themeId, old.theme_id);
  if (patch.params !== undefined) await assertParams(db, patch.params);
  const row = await db
    .updateTable("kpis")
    .set({
      ...(patch.themeId !== undefined && { theme_id: patch.themeId }),
      ...(patch.number !== undefined && { number: patch.number }),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.unit !== undefined && { unit: patch.unit }),
      ...(patch.source !== undefined && { source: patch.source }),
      ...(patch.params !== undefined && { params: JSON.stringify(patch.params) }),
      ...(patch.target !== undefined && { target: patch.target }),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentKpi(row);
}

/** Retiring keeps the KPI and its entries: past registers still show it; years after it do not. */
export async function retireKpi(db: Db, id: number, retired: boolean): Promise<Kpi> {
  const row = await db
    .updateTable("kpis")
    .set({ retired_at: retired ? nowIso() : null })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("指標");
  return presentKpi(row);
}

export async function listKpis(db: Db): Promise<{ themes: KpiTheme[]; kpis: Kpi[] }> {
  const themes = (
    await db
      .selectFrom("kpi_themes")
      .select(["id", "number", "name", "retired_at"])
      .orderBy("number")
      .orderBy("id")
      .execute()
  ).map((t) => ({ id: t.id, number: t.number, name: t.name, retiredAt: t.retired_at }));
  const kpis = await db
    .selectFrom("kpis")
    .selectAll()
    .orderBy("theme_id")
    .orderBy("number")
    .orderBy("id")
    .execute();
  return { themes, kpis: kpis.map(presentKpi) };
}

/** Seed 001's five themes and 13 KPIs; refused when the register already has KPIs (it would duplicate them). */
export async function applyKpiTemplate(db: Db): Promise<number> {
  const existing = await db.selectFrom("kpis").select("id").limit(1).executeTakeFirst();
  if (existing)
    throw invalidInput({ template: "指標がすでに登録されています。ひな形は空の一覧にだけ適用できます" });
  let n = 0;
  for (const theme of KPI_TEMPLATE) {
    const themeId = await createTheme(db, theme);
    for (const k of theme.kpis) {
      await createKpi(db, { ...k, themeId, params: k.params ?? {}, target: null });
      n++;
    }
  }
  return n;
}

/** Stores a period's hand-entered value, breakdown, evidence or narrative (only the fields given). */
export async function saveKpiEntry(
  db: Db,
  kpiId: number,
  period: Period,
  input: KpiEntryInput,
  userId: number | null,
  today: string,
): Promise<void> {
  const kpi = await db
    .selectFrom("kpis")
    .select(["id", "unit", "source"])
    .where("id", "=", kpiId)
    .executeTakeFirst();
  if (!kpi) throw notFound("指標");
  if (period.from > today) throw invalidInput({ period: "未来の期間の値は入力できません" });
  if (input.value != null && kpi.unit === "%" && input.value > 100)
    throw invalidInput({ value: "率は0〜100の範囲で入力してください" });
  if (input.value != null && kpi.unit !== "%" && !Number.isInteger(input.value))
    throw invalidInput({ value: `${kpi.unit}の値は整数で入力してください` });
  if (input.value !== undefined && kpi.source !== "manual")
    throw invalidInput({ value: "この指標の値は記録から計算されます。手入力はできません" });
  for (const [i, b] of (input.breakdown ?? []).entries())
    if (kpi.unit === "%" && b.value > 100)
      throw invalidInput({ [`breakdown.${i}.value`]: "率は0〜100の範囲で入力してください" });
  const key = periodEntryKey(period);
  const values = {
    ...(input.value !== undefined && { value: input.value }),
    ...(input.breakdown !== undefined && { breakdown: JSON.stringify(input.breakdown) }),
    ...(input.evidence !== undefined && { evidence: input.evidence }),
    ...(input.narrative !== undefined && { narrative: input.narrative }),
    updated_by: userId,
    updated_at: nowIso(),
  };
  // One statement: two saves of the same period at once must not both find no row and both insert.
  await db
    .insertInto("kpi_entries")
    .values({
      kpi_id: kpiId,
      period_key: key,
      value: null,
      breakdown: null,
      evidence: null,
      narrative: null,
      ...values,
    })
    .onConflict((oc) => oc.columns(["kpi_id", "period_key"]).doUpdateSet(values))
    .execute();
}

/**
 * The register of a reporting year: every KPI that was in force during it (retired ones whose retirement came
 * after the year began stay, with their values), by theme. A retired theme counts as retiring its KPIs then.
 */
export async function kpiRegister(db: Db, year: number, opts: KpiValueOptions = {}): Promise<KpiRegister> {
  const period = await reportingPeriod(db, year);
  const reporting = await getKpiReporting(db);
  const { themes, kpis } = await listKpis(db);
  const inForce = (retiredAt: string | null) => retiredAt === null || retiredAt.slice(0, 10) >= period.from;
  const out: KpiRegister["themes"] = [];
  for (const t of themes) {
    if (!inForce(t.retiredAt)) continue;
    const values = [];
    for (const k of kpis.filter((x) => x.themeId === t.id && inForce(x.retiredAt))) {
      const value = await kpiValue(db, k.id, period, opts);
      values.push({ ...value, trend: await kpiTrend(db, value, period, opts.today ?? jstToday()) });
    }
    if (values.length) out.push({ ...t, kpis: values });
  }
  return { year, reporting, themes: out };
}
