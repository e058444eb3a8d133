/** Starting the review of a half: one per half, never for a half to come, from seed 002's template. */
import type { Db } from "../../db/database.js";
import { parsePeriodQuery } from "../../domain/analysis-period.js";
import { jstToday } from "../../domain/jst.js";
import { halfHasBegun, reviewTemplate } from "../../domain/principle-review.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { getSettings } from "../users-and-settings/settings.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { CreateReviewInput } from "./contract.js";

export async function createReview(
  trx: Db,
  actor: Actor,
  input: CreateReviewInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const { fiscalYearStartMonth: startMonth } = await getSettings(trx);
  const parsed = parsePeriodQuery({ period: input.period }, { startMonth, now });
  if (!parsed.ok) throw invalidInput({ period: parsed.fields.period ?? "期間の形式が正しくありません" });
  const period = parsed.period;
  if (period.kind !== "half")
    throw invalidInput({
      period: "振り返りの期間は上期か下期で指定してください（例: fy2025h1、2025年度上期）",
    });
  if (!halfHasBegun(period, jstToday(now)))
    throw invalidInput({
      period: `${period.label}（${period.rangeLabel}）はまだ始まっていません。始まった半期の振り返りだけを作成できます`,
    });
  const existing = await trx
    .selectFrom("principle_reviews")
    .select("id")
    .where("fiscal_year", "=", period.fiscalYear)
    .where("half", "=", period.half)
    .executeTakeFirst();
  if (existing) throw new AppError("conflict", `${period.label}の振り返りはすでにあります`);

  const at = nowIso();
  const { id } = await trx
    .insertInto("principle_reviews")
    .values({
      fiscal_year: period.fiscalYear,
      half: period.half,
      period_from: period.from,
      period_to: period.to,
      start_month: startMonth,
      status: "draft",
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      approved_by: null,
      approved_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const tax = await taxonomyIndex(trx);
  const types = tax.taxonomy.type.filter((t) => t.active);
  const template = reviewTemplate(types);
  await trx
    .insertInto("principle_review_items")
    .values(
      template.map((t, i) => ({
        review_id: id,
        sort_order: i + 1,
        principle: t.principle,
        number: t.number,
        heading: t.heading,
        plan: "",
        facts: t.facts,
        evaluation: "",
        next_issue: "",
      })),
    )
    .execute();
  await recordAudit(trx, {
    userId: actor.id,
    action: "principle_review_created",
    detail: period.label,
    ip: opts.ip ?? null,
  });
  return id;
}
