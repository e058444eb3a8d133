/**
 * The 確認待ち queue holds two kinds of voices (issue 16 §3): those that fired the 「苦情の可能性」 flag, and those the
 * model could hardly decide (its two most likely types close together), which teach a retraining the most. Each row
 * says why it is queued, what koe suggested and how close the runner-up was.
 */
import type { Kysely } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // "flag" (P(complaint) reached the threshold) or "low_margin"; rows queued before this migration were flags.
  await db.schema
    .alterTable("complaint_reviews")
    .addColumn("reason", "varchar(20)", (c) => c.notNull().defaultTo("flag"))
    .execute();
  // the type koe suggested (null on rows queued before: those were flags, whose suggestion is complaint)
  await db.schema.alterTable("complaint_reviews").addColumn("suggested_code", "varchar(60)").execute();
  // the most likely type's probability minus the runner-up's
  await db.schema.alterTable("complaint_reviews").addColumn("margin", "real").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("complaint_reviews").dropColumn("margin").execute();
  await db.schema.alterTable("complaint_reviews").dropColumn("suggested_code").execute();
  await db.schema.alterTable("complaint_reviews").dropColumn("reason").execute();
}
