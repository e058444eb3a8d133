/**
 * The classifier learning from the organisation (issue 16): corrections of suggested types and categories, the
 * 確認待ち queue of imported and public-form voices that fired the 「苦情の可能性」 flag, and which trained model is
 * in use (`activated_at`: the newest activated model is used; a model that scored worse is kept but never
 * activated; restoring the previous model clears the current one's mark).
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("classifier_corrections")
    .addColumn("id", idType, id)
    .addColumn("voice_id", "integer", (c) => c.notNull().references("voices.id"))
    // "type" or "category"
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("suggested_code", "varchar(60)", (c) => c.notNull())
    .addColumn("chosen_code", "varchar(60)")
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("classifier_corrections_at")
    .on("classifier_corrections")
    .column("at")
    .execute();

  await db.schema
    .createTable("complaint_reviews")
    .addColumn("id", idType, id)
    .addColumn("voice_id", "integer", (c) => c.notNull().unique().references("voices.id"))
    .addColumn("p_complaint", "real", (c) => c.notNull())
    .addColumn("flagged_at", ts, (c) => c.notNull())
    .addColumn("confirmed_at", ts)
    .addColumn("confirmed_by", "integer", (c) => c.references("users.id"))
    .addColumn("confirmed_type", "varchar(60)")
    .execute();
  await db.schema
    .createIndex("complaint_reviews_open")
    .on("complaint_reviews")
    .columns(["confirmed_at", "flagged_at"])
    .execute();

  await db.schema.alterTable("classifier_models").addColumn("activated_at", ts).execute();
  await db.schema.alterTable("classifier_models").addColumn("evaluation", "text").execute();
  // Models trained before this migration were used as soon as they were saved.
  await sql`update classifier_models set activated_at = created_at`.execute(db);
  // The queue starts from voices created from now on, not every voice ever imported.
  await sql`insert into settings (key, value)
    select 'complaintReviewCursor', cast(coalesce(max(id), 0) as varchar(20)) from voice_events`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("settings").where("key", "=", "complaintReviewCursor").execute();
  await db.schema.alterTable("classifier_models").dropColumn("evaluation").execute();
  await db.schema.alterTable("classifier_models").dropColumn("activated_at").execute();
  await db.schema.dropTable("complaint_reviews").ifExists().execute();
  await db.schema.dropTable("classifier_corrections").ifExists().execute();
}
