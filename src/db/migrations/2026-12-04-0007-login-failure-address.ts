/**
 * Login throttling by client address as well as by e-mail: each failed login remembers the address it came from,
 * so one address guessing many accounts slows down too.
 */
import type { Kysely } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // an IPv6 address with zone or an IPv4-mapped one fits in 100 characters
  await db.schema.alterTable("login_failures").addColumn("ip", "varchar(100)").execute();
  await db.schema.createIndex("login_failures_ip_at").on("login_failures").columns(["ip", "at"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("login_failures_ip_at").execute();
  await db.schema.alterTable("login_failures").dropColumn("ip").execute();
}
