/**
 * Sessions with an idle timeout (each session remembers when it was last used) and optional TOTP two-factor
 * login: the user's secret and when it was confirmed, the last time step used (a code works once), hashed
 * recovery codes, and the short-lived challenge between the password and the code.
 */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  await db.schema.alterTable("sessions").addColumn("last_seen_at", ts).execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  // base32 secret; set at enrolment, in force once totp_enabled_at is set (after the first code is confirmed)
  await db.schema.alterTable("users").addColumn("totp_secret", "varchar(100)").execute();
  await db.schema.alterTable("users").addColumn("totp_enabled_at", ts).execute();
  // the 30-second step of the last code accepted: the same code cannot be replayed
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "varchar(100)", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("used_at", ts)
    .execute();
  await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("login_challenges")
    .addColumn("token_hash", "varchar(100)", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "varchar(100)")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_challenges").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.alterTable("users").dropColumn("totp_last_step").execute();
  await db.schema.alterTable("users").dropColumn("totp_enabled_at").execute();
  await db.schema.alterTable("users").dropColumn("totp_secret").execute();
  await db.schema.dropIndex("sessions_user").execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
}
