/**
 * Published reports (issue 15): a report of one kind for one period and version, its ordered sections (generated
 * blocks with their settings, or free text), the voices staff chose to feature (with the text edited for
 * publication), and the finished document frozen as JSON when the report is approved.
 */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("reports")
    .addColumn("id", idType, id)
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    // 0 for a whole year, 1 上期 / 2 下期 for the half-year review
    .addColumn("half", "integer", (c) => c.notNull().defaultTo(0))
    // the period as it was when the report was created (the fiscal year's start month may change later)
    .addColumn("period_key", "varchar(20)", (c) => c.notNull())
    .addColumn("period_label", "varchar(100)", (c) => c.notNull())
    .addColumn("period_from", "varchar(10)", (c) => c.notNull())
    .addColumn("period_to", "varchar(10)", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("organisation_name", "varchar(200)", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    // the version this one was made from (a new version of an approved or published report)
    .addColumn("previous_id", "integer", (c) => c.references("reports.id"))
    // optimistic lock for edits, separate from the report's version (edition) number
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addColumn("approved_by", "integer", (c) => c.references("users.id"))
    .addColumn("approved_at", ts)
    .addColumn("published_by", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", ts)
    .addUniqueConstraint("reports_kind_period_version", ["kind", "period_key", "version"])
    .execute();

  await db.schema
    .createTable("report_sections")
    .addColumn("id", idType, id)
    .addColumn("report_id", "integer", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    // generated | text
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    // which generated block (type_totals, kpi_table…); "text" for free text
    .addColumn("block", "varchar(40)", (c) => c.notNull())
    .addColumn("heading", "varchar(200)", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_sections_report")
    .on("report_sections")
    .columns(["report_id", "sort_order"])
    .execute();

  await db.schema
    .createTable("report_featured_voices")
    .addColumn("id", idType, id)
    .addColumn("section_id", "integer", (c) =>
      c.notNull().references("report_sections.id").onDelete("cascade"),
    )
    .addColumn("sort_order", "integer", (c) => c.notNull())
    // a plain number, so a report never blocks anything done to the voice
    .addColumn("voice_id", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("reply", "text", (c) => c.notNull())
    .addColumn("attribution", "varchar(100)", (c) => c.notNull())
    .addColumn("theme", "varchar(200)", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_featured_voices_section")
    .on("report_featured_voices")
    .columns(["section_id", "sort_order"])
    .execute();

  await db.schema
    .createTable("report_snapshots")
    .addColumn("report_id", "integer", (c) => c.primaryKey().references("reports.id").onDelete("cascade"))
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_snapshots").execute();
  await db.schema.dropTable("report_featured_voices").execute();
  await db.schema.dropTable("report_sections").execute();
  await db.schema.dropTable("reports").execute();
}
