/**
 * Monthly business figures from other systems (保障相談件数, 新規契約件数, 早期消滅・失効件数, 継続率 by line with
 * numerator and denominator), saved from the grid or an imported file: every row is checked first and a bad row
 * stores nothing; a row for a month, metric and line already stored replaces it.
 */
import type { Db } from "../../db/database.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { BusinessFigureInput, BusinessMetric } from "./contract.js";
import { assertMonthNotFuture } from "./record-dates.js";

export function checkBusinessFigure(r: BusinessFigureInput, i: number, today: string): void {
  const at = (f: string) => `rows.${i}.${f}`;
  assertMonthNotFuture(r.month, today, at("month"));
  if (r.metric === "renewals") {
    if (!r.line)
      throw invalidInput({
        [at("line")]: `${i + 1}行目: 継続率には種目（自動車・火災など）を入力してください`,
      });
    if (r.denominator === null || r.denominator === 0)
      throw invalidInput({
        [at("denominator")]: `${i + 1}行目: 継続率には満期件数（分母）を入力してください`,
      });
    if (r.numerator > r.denominator)
      throw invalidInput({
        [at("numerator")]: `${i + 1}行目: 継続件数が満期件数を超えています（継続率が100%を超えます）`,
      });
  } else if (r.denominator !== null) {
    throw invalidInput({ [at("denominator")]: `${i + 1}行目: 件数の項目に分母は入力できません` });
  }
}

export async function saveBusinessFigures(
  db: Db,
  rows: BusinessFigureInput[],
  today: string,
): Promise<number> {
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    checkBusinessFigure(r, i, today);
    const key = `${r.month}|${r.metric}|${r.line}`;
    if (seen.has(key))
      throw invalidInput({ [`rows.${i}.month`]: `${i + 1}行目: 同じ月・項目・種目の行が重複しています` });
    seen.add(key);
  }
  const at = nowIso();
  for (const r of rows) {
    const figure = {
      numerator: r.numerator,
      denominator: r.metric === "renewals" ? r.denominator : null,
      updated_at: at,
    };
    // One statement replaces a stored figure: two saves of the same month at once must not both insert.
    await db
      .insertInto("business_figures")
      .values({ month: r.month, metric: r.metric, line: r.line, ...figure })
      .onConflict((oc) => oc.columns(["month", "metric", "line"]).doUpdateSet(figure))
      .execute();
  }
  return rows.length;
}

/** How many of these rows would replace a figure already stored (same month, metric and line). */
export async function countStoredFigures(db: Db, rows: BusinessFigureInput[]): Promise<number> {
  const months = [...new Set(rows.map((r) => r.month))];
  if (months.length === 0) return 0;
  const stored = await db
    .selectFrom("business_figures")
    .select(["month", "metric", "line"])
    .where("month", "in", months)
    .execute();
  const keys = new Set(stored.map((s) => `${s.month}|${s.metric}|${s.line}`));
  return rows.filter((r) => keys.has(`${r.month}|${r.metric}|${r.line}`)).length;
}

/** Deletes one stored monthly figure (a month's count, or one line's renewal figures). */
export async function deleteBusinessFigure(db: Db, id: number): Promise<void> {
  const r = await db.deleteFrom("business_figures").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("月次実績");
}

export async function listBusinessFigures(
  db: Db,
  range: { from?: string; to?: string; metric?: BusinessMetric },
) {
  let q = db
    .selectFrom("business_figures")
    .select(["id", "month", "metric", "line", "numerator", "denominator"]);
  if (range.from) q = q.where("month", ">=", range.from.slice(0, 7));
  if (range.to) q = q.where("month", "<=", range.to.slice(0, 7));
  if (range.metric) q = q.where("metric", "=", range.metric);
  return q.orderBy("month").orderBy("metric").orderBy("line").execute();
}
