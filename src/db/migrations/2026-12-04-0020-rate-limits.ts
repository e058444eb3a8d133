/**
 * Request limits (the public form's per-address limits) counted in the database, so several app processes behind
 * one load balancer share one count instead of each allowing the limit again.
 */
import type { Kysely } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit_counters")
    // route and client address, e.g. "POST /api/v1/public/voices|203.0.113.7"
    .addColumn("key", "varchar(300)", (c) => c.primaryKey())
    // epoch milliseconds: the same number on both engines, compared without time-zone arithmetic
    .addColumn("window_started_at", "bigint", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rate_limit_counters_window")
    .on("rate_limit_counters")
    .column("window_started_at")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_counters").execute();
}
