/**
 * Half-year reviews by FSA principle (顧客本位の業務運営, seed 002): one review per fiscal half, its items (principle,
 * the organisation's own numbering, plan, figures and facts, evaluation, next half's issue, examples), and the
 * figures captured when it was approved, so an approved review never changes when the data behind it does.
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
    .createTable("principle_reviews")
    .addColumn("id", idType, id)
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("half", "integer", (c) => c.notNull())
    // the half's days as they were when the review was created (the fiscal year's start month may change later)
    .addColumn("period_from", "varchar(10)", (c) => c.notNull())
    .addColumn("period_to", "varchar(10)", (c) => c.notNull())
    .addColumn("start_month", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addColumn("approved_by", "integer", (c) => c.references("users.id"))
    .addColumn("approved_at", ts)
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("principle_reviews_half", ["fiscal_year", "half"])
    .execute();

  await db.schema
    .createTable("principle_review_items")
    .addColumn("id", idType, id)
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("principle_reviews.id").onDelete("cascade"),
    )
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("principle", "integer", (c) => c.notNull())
    .addColumn("number", "varchar(40)", (c) => c.notNull())
    .addColumn("heading", "varchar(200)", (c) => c.notNull())
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("evaluation", "text", (c) => c.notNull())
    .addColumn("next_issue", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("principle_review_items_review")
    .on("principle_review_items")
    .columns(["review_id", "sort_order"])
    .execute();

  await db.schema
    .createTable("principle_review_examples")
    .addColumn("id", idType, id)
    .addColumn("item_id", "integer", (c) =>
      c.notNull().references("principle_review_items.id").onDelete("cascade"),
    )
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // the voice it was taken from (its text was copied with personal data removed); kept as a plain number so a
    // review never blocks anything done to the voice
    .addColumn("voice_id", "integer")
    .execute();
  await db.schema
    .createIndex("principle_review_examples_item")
    .on("principle_review_examples")
    .columns(["item_id", "sort_order"])
    .execute();

  await db.schema
    .createTable("principle_review_figures")
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("principle_reviews.id").onDelete("cascade"),
    )
    .addColumn("token", "varchar(100)", (c) => c.notNull())
    .addColumn("label", "varchar(300)", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("display", "varchar(60)", (c) => c.notNull())
    .addColumn("link", "varchar(1000)")
    .addColumn("captured_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("principle_review_figures_pk", ["review_id", "token"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("principle_review_figures").execute();
  await db.schema.dropTable("principle_review_examples").execute();
  await db.schema.dropTable("principle_review_items").execute();
  await db.schema.dropTable("principle_reviews").execute();
}
