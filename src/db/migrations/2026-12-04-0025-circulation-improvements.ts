/**
 * 回覧 of an improvement, and the period a 声の日 digest covered.
 * - circulation_improvements: at most one improvement per circulation (a join table rather than a column, so
 *   down() needs no column drop, which SQLite refuses for a column under a foreign key).
 * - digest_runs.period_from / period_to: the instants the digest covered, so the next digest after downtime
 *   starts where the last one ended (null on rows written before this migration).
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable("circulation_improvements")
    .addColumn("circulation_id", "integer", (c) => c.primaryKey().references("circulations.id"))
    .addColumn("improvement_id", "integer", (c) => c.notNull().references("improvements.id"))
    .execute();
  await db.schema
    .createIndex("circulation_improvements_improvement")
    .on("circulation_improvements")
    .columns(["improvement_id", "circulation_id"])
    .execute();
  await db.schema.alterTable("digest_runs").addColumn("period_from", ts).execute();
  await db.schema.alterTable("digest_runs").addColumn("period_to", ts).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("digest_runs").dropColumn("period_to").execute();
  await db.schema.alterTable("digest_runs").dropColumn("period_from").execute();
  await db.schema.dropTable("circulation_improvements").execute();
}
