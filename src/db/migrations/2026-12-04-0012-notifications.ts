/**
 * Notifications (in-app, with an optional mail each) and per-user mail preferences; the insurer report as a tracked
 * step of a voice (the insurer's answer date beside the existing sent date and answer).
 * - notifications.dedupe_key: a notification that must exist once (an overdue report per voice and user, a
 *   digest per department, week and user) carries a key; the unique index makes a second insert a no-op.
 * - notifications.mail_status: none | pending | sending | sent | failed — the mail outbox: a process claims a
 *   pending row by moving it to sending (a conditional update), so two processes never send the same mail.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable("notifications")
    .addColumn("id", pg ? "serial" : "integer", id)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("title", "varchar(300)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "varchar(300)")
    .addColumn("voice_id", "integer", (c) => c.references("voices.id"))
    .addColumn("dedupe_key", "varchar(200)")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("read_at", ts)
    .addColumn("mail_status", "varchar(10)", (c) => c.notNull().defaultTo("none"))
    .addColumn("mail_attempted_at", ts)
    .execute();
  await db.schema
    .createIndex("notifications_user_read")
    .on("notifications")
    .columns(["user_id", "read_at", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_dedupe")
    .on("notifications")
    .column("dedupe_key")
    .unique()
    .execute();
  await db.schema
    .createIndex("notifications_mail")
    .on("notifications")
    .columns(["mail_status", "id"])
    .execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("email", bool, (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();

  await db.schema.alterTable("voices").addColumn("insurer_answered_at", ts).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("voices").dropColumn("insurer_answered_at").execute();
  await db.schema.dropTable("notification_preferences").execute();
  await db.schema.dropTable("notifications").execute();
}
