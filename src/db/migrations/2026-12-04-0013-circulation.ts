/**
 * 回覧 (circulation): a message with a set of voices (or a note only) sent to recipients who confirm reading it
 * (既読) and may comment; and the weekly 声の日 digest's claimed runs.
 * - circulation_recipients.reminded_at: set once by the reminder job with a conditional update, so a reminder
 *   goes out once even with several processes.
 * - digest_runs: one row per department and week (unique): the process whose insert wins sends that digest,
 *   in the same transaction as the row, so each digest goes out exactly once.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const date = pg ? sql`date` : sql`text`;
  const serial = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("circulations")
    .addColumn("id", serial, id)
    .addColumn("sender_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("voice_query", "varchar(2000)")
    .addColumn("remind_after_days", "integer")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circulations_sender")
    .on("circulations")
    .columns(["sender_id", "id"])
    .execute();

  await db.schema
    .createTable("circulation_voices")
    .addColumn("circulation_id", "integer", (c) => c.notNull().references("circulations.id"))
    .addColumn("voice_id", "integer", (c) => c.notNull().references("voices.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("circulation_voices_pk", ["circulation_id", "voice_id"])
    .execute();

  await db.schema
    .createTable("circulation_recipients")
    .addColumn("circulation_id", "integer", (c) => c.notNull().references("circulations.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("read_at", ts)
    .addColumn("reminded_at", ts)
    .addPrimaryKeyConstraint("circulation_recipients_pk", ["circulation_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("circulation_recipients_user")
    .on("circulation_recipients")
    .columns(["user_id", "circulation_id"])
    .execute();
  await db.schema
    .createIndex("circulation_recipients_unread")
    .on("circulation_recipients")
    .columns(["read_at", "reminded_at"])
    .execute();

  await db.schema
    .createTable("circulation_comments")
    .addColumn("id", serial, id)
    .addColumn("circulation_id", "integer", (c) => c.notNull().references("circulations.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circulation_comments_circulation")
    .on("circulation_comments")
    .columns(["circulation_id", "id"])
    .execute();

  await db.schema
    .createTable("digest_runs")
    .addColumn("id", serial, id)
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("week_of", date, (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("recipients", "integer", (c) => c.notNull())
    .addUniqueConstraint("digest_runs_department_week", ["department_id", "week_of"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("digest_runs").execute();
  await db.schema.dropTable("circulation_comments").execute();
  await db.schema.dropTable("circulation_recipients").execute();
  await db.schema.dropTable("circulation_voices").execute();
  await db.schema.dropTable("circulations").execute();
}
