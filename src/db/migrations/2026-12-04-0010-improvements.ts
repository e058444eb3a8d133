/**
 * Staff insights (職員の気づき) and improvements (業務改善課題): the voices and insights behind each improvement
 * (many-to-many), and its append-only timeline of status changes and progress notes.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  const date = pg ? sql`date` : sql`text`;
  const idType = pg ? "serial" : "integer";
  const no = pg ? sql`false` : sql`0`;
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("staff_insights")
    .addColumn("id", idType, id)
    .addColumn("content", "text", (c) => c.notNull())
    // normalizeForSearch(content): searched with the voices' normalization (lower case, NFKC, one space)
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("staff_insights_created")
    .on("staff_insights")
    .columns(["created_at"])
    .execute();

  await db.schema
    .createTable("staff_insight_voices")
    .addColumn("insight_id", "integer", (c) => c.notNull().references("staff_insights.id"))
    .addColumn("voice_id", "integer", (c) => c.notNull().references("voices.id"))
    .addPrimaryKeyConstraint("staff_insight_voices_pk", ["insight_id", "voice_id"])
    .execute();

  await db.schema
    .createTable("improvements")
    .addColumn("id", idType, id)
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("owner_department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("owner_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("due_date", date, (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("drop_reason", "text")
    .addColumn("result", "text")
    .addColumn("completed_on", date)
    .addColumn("effect_verdict", "varchar(20)")
    .addColumn("effect_note", "text")
    .addColumn("is_public", bool, (c) => c.notNull().defaultTo(no))
    .addColumn("public_kind", "varchar(100)")
    .addColumn("public_voice", "text")
    .addColumn("public_result", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // 「声に基づく改善件数」 counts completed improvements by completion date.
  await db.schema
    .createIndex("improvements_status_completed")
    .on("improvements")
    .columns(["status", "completed_on"])
    .execute();

  await db.schema
    .createTable("improvement_voices")
    .addColumn("improvement_id", "integer", (c) => c.notNull().references("improvements.id"))
    .addColumn("voice_id", "integer", (c) => c.notNull().references("voices.id"))
    .addColumn("added_by", "integer", (c) => c.references("users.id"))
    .addColumn("added_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("improvement_voices_pk", ["improvement_id", "voice_id"])
    .execute();
  await db.schema
    .createIndex("improvement_voices_voice")
    .on("improvement_voices")
    .columns(["voice_id"])
    .execute();

  await db.schema
    .createTable("improvement_insights")
    .addColumn("improvement_id", "integer", (c) => c.notNull().references("improvements.id"))
    .addColumn("insight_id", "integer", (c) => c.notNull().references("staff_insights.id"))
    .addColumn("added_by", "integer", (c) => c.references("users.id"))
    .addColumn("added_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("improvement_insights_pk", ["improvement_id", "insight_id"])
    .execute();

  // Append-only: the app inserts rows and never updates or deletes them.
  await db.schema
    .createTable("improvement_events")
    .addColumn("id", idType, id)
    .addColumn("improvement_id", "integer", (c) => c.notNull().references("improvements.id"))
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("improvement_events_improvement")
    .on("improvement_events")
    .columns(["improvement_id", "id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "improvement_events",
    "improvement_insights",
    "improvement_voices",
    "improvements",
    "staff_insight_voices",
    "staff_insights",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
