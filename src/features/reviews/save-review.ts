/**
 * Saving a draft: its items replace the stored ones, all or nothing. Every embedded figure must parse and be known
 * to its source (the message names the item's field); an approved review refuses every edit, and a version read
 * before someone else's save is refused as stale.
 */

import type { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { itemName, parseFigureText } from "../../domain/principle-review.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput, staleVersion } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import type { updateReviewInput } from "./contract.js";
import { resolveFigures } from "./figure-sources.js";
import { periodOf, reviewRefs, reviewRow } from "./read-review.js";

type SaveInput = z.output<typeof updateReviewInput>;

export const APPROVED_IS_FROZEN = "承認済みの振り返りは変更できません（承認時の数値で確定しています）";

export async function saveReview(
  trx: Db,
  actor: Actor,
  id: number,
  input: SaveInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<void> {
  const now = opts.now ?? new Date();
  const row = await reviewRow(trx, id);
  if (row.status === "approved") throw new AppError("transition_refused", APPROVED_IS_FROZEN);
  if (row.version !== input.version) throw staleVersion();

  // Tokens that do not parse, then tokens their source does not know: each reported on its item's field.
  const fields: Record<string, string> = {};
  input.items.forEach((item, i) => {
    for (const f of ["facts", "evaluation"] as const) {
      const parsed = parseFigureText(item[f]);
      if (!parsed.ok) fields[`items.${i}.${f}`] = `${itemName(item)}: ${parsed.message}`;
    }
  });
  if (Object.keys(fields).length === 0) {
    const resolved = await resolveFigures(
      { db: trx, period: periodOf(row), today: jstToday(now) },
      reviewRefs(input.items),
    );
    input.items.forEach((item, i) => {
      for (const f of ["facts", "evaluation"] as const)
        for (const ref of reviewRefs([{ facts: item[f], evaluation: "" }])) {
          const r = resolved.get(ref.key);
          if (r && !r.ok) fields[`items.${i}.${f}`] ??= `${itemName(item)}: ${r.message}`;
        }
    });
  }
  if (Object.keys(fields).length > 0) throw invalidInput(fields, "数値の埋め込みに誤りがあります");

  const updated = await trx
    .updateTable("principle_reviews")
    .set({ updated_at: nowIso(), version: row.version + 1 })
    .where("id", "=", id)
    .where("version", "=", input.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();

  const old = await trx
    .selectFrom("principle_review_items")
    .select("id")
    .where("review_id", "=", id)
    .execute();
  if (old.length) {
    const oldIds = old.map((o) => o.id);
    await trx.deleteFrom("principle_review_examples").where("item_id", "in", oldIds).execute();
    await trx.deleteFrom("principle_review_items").where("id", "in", oldIds).execute();
  }
  for (const [i, item] of input.items.entries()) {
    const { id: itemId } = await trx
      .insertInto("principle_review_items")
      .values({
        review_id: id,
        sort_order: i + 1,
        principle: item.principle,
        number: item.number,
        heading: item.heading,
        plan: item.plan,
        facts: item.facts,
        evaluation: item.evaluation,
        next_issue: item.nextIssue,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (item.examples.length)
      await trx
        .insertInto("principle_review_examples")
        .values(
          item.examples.map((e, k) => ({
            item_id: itemId,
            sort_order: k + 1,
            title: e.title,
            body: e.body,
            voice_id: e.voiceId ?? null,
          })),
        )
        .execute();
  }
  await recordAudit(trx, {
    userId: actor.id,
    action: "principle_review_saved",
    detail: `${periodOf(row).label}（${input.items.length}項目）`,
    ip: opts.ip ?? null,
  });
}
