/**
 * Approving a review (cs or an admin): the half must be over and every item must have its plan, figures and facts,
 * and evaluation. The figures are computed one last time and stored with the review in the same transaction;
 * from then on the review shows those numbers and refuses every edit.
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { halfIsOver, itemName, REQUIRED_FOR_APPROVAL } from "../../domain/principle-review.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput, staleVersion } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { liveFigures, periodOf, reviewRefs, reviewRow } from "./read-review.js";

export async function approveReview(
  trx: Db,
  actor: Actor,
  id: number,
  input: { version: number },
  opts: { now?: Date; ip?: string | null } = {},
): Promise<void> {
  const now = opts.now ?? new Date();
  const row = await reviewRow(trx, id);
  if (row.status === "approved")
    throw new AppError("transition_refused", "この振り返りはすでに承認されています");
  if (row.version !== input.version) throw staleVersion();
  const period = periodOf(row);
  if (!halfIsOver(period, jstToday(now)))
    throw new AppError(
      "transition_refused",
      `${period.label}（${period.rangeLabel}）が終わるまで承認できません（数値が確定していないため）`,
    );

  const items = await trx
    .selectFrom("principle_review_items")
    .select(["principle", "number", "plan", "facts", "evaluation"])
    .where("review_id", "=", id)
    .orderBy("sort_order")
    .execute();
  const fields: Record<string, string> = {};
  items.forEach((item, i) => {
    for (const [f, label] of REQUIRED_FOR_APPROVAL)
      if (item[f].trim() === "") fields[`items.${i}.${f}`] = `${itemName(item)}の${label}を入力してください`;
  });
  if (items.length === 0) fields.items = "項目が1つもありません";
  if (Object.keys(fields).length > 0)
    throw invalidInput(
      fields,
      "承認するには、すべての項目の取り組み課題・【数値・事実】・【評価】が必要です",
    );

  const updated = await trx
    .updateTable("principle_reviews")
    .set({ status: "approved", approved_by: actor.id, approved_at: nowIso(), version: row.version + 1 })
    .where("id", "=", id)
    .where("version", "=", input.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();

  const figures = await liveFigures(trx, period, reviewRefs(items), now);
  const capturedAt = nowIso();
  if (figures.length)
    await trx
      .insertInto("principle_review_figures")
      .values(
        figures.map((f) => ({
          review_id: id,
          token: f.key,
          label: f.label,
          value: f.value,
          display: f.display,
          link: f.link,
          captured_at: capturedAt,
        })),
      )
      .execute();
  await recordAudit(trx, {
    userId: actor.id,
    action: "principle_review_approved",
    detail: `${period.label}（数値${figures.length}件を確定）`,
    ip: opts.ip ?? null,
  });
}
