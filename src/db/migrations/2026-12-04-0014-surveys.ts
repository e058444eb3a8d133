/**
 * Satisfaction surveys: editable survey kinds, surveys (questions as JSON: a survey is read whole), one-time
 * respondent links, answers (one row each, with the respondent's attributes and the headline value copied out so
 * results group by index) and answer items (one row per question value, with the answer's time copied in so a
 * period's distribution is read from one index).
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
const KINDS: [code: string, name: string, department: string | null][] = [
  ["members", "加入者向け", "cs"],
  ["payment", "お支払い時", "claims"],
  ["servicing", "保全対応時", "servicing"],
  ["staff_quality", "担当者品質", "sales"],
  ["other", "その他", "cs"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("survey_kinds")
    .addColumn("id", idType, id)
    .addColumn("code", "varchar(60)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    // where a dissatisfied answer's voice goes when the answer names no department (a department code:
    // departments are seeded after the migrations, so a fresh database has none to point at yet)
    .addColumn("department_code", "varchar(60)")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  for (const [i, [code, name, dept]] of KINDS.entries()) {
    await db
      .insertInto("survey_kinds")
      .values({ code, name, department_code: dept, active: 1, sort_order: (i + 1) * 10, created_at: at })
      .execute();
  }

  await db.schema
    .createTable("surveys")
    .addColumn("id", idType, id)
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("kind_id", "integer", (c) => c.notNull().references("survey_kinds.id"))
    .addColumn("intro", "text", (c) => c.notNull())
    .addColumn("purpose_notice", "text", (c) => c.notNull())
    // [{key, type, label, required, options?, headline?}]: read and written whole with the survey
    .addColumn("questions", "text", (c) => c.notNull())
    // YYYY-MM-DD in JST, inclusive; null: open from creation / until closed by hand
    .addColumn("opens_on", "varchar(10)")
    .addColumn("closes_on", "varchar(10)")
    .addColumn("closed_at", ts)
    // the code in the public link (/s/CODE): not guessable from the id
    .addColumn("public_code", "varchar(40)", (c) => c.notNull().unique())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("survey_links")
    .addColumn("id", idType, id)
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    // printed on the letter beside the QR code; worthless once used, so kept readable for reprints
    .addColumn("code", "varchar(20)", (c) => c.notNull().unique())
    .addColumn("respondent_name", "varchar(100)")
    .addColumn("age_band", "varchar(20)")
    .addColumn("prefecture", "varchar(10)")
    .addColumn("product_line_id", "integer", (c) => c.references("taxonomy_labels.id"))
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    .addColumn("staff_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("used_at", ts)
    .execute();

  await db.schema
    .createTable("survey_answers")
    .addColumn("id", idType, id)
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    // the answer id: given by an import or paper entry, generated otherwise; the same id is stored once
    .addColumn("answer_key", "varchar(100)", (c) => c.notNull())
    .addColumn("source", "varchar(20)", (c) => c.notNull())
    .addColumn("link_id", "integer", (c) => c.unique().references("survey_links.id"))
    .addColumn("answered_at", ts, (c) => c.notNull())
    .addColumn("headline_value", "integer")
    .addColumn("age_band", "varchar(20)")
    .addColumn("prefecture", "varchar(10)")
    .addColumn("product_line_id", "integer", (c) => c.references("taxonomy_labels.id"))
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    .addColumn("staff_id", "integer", (c) => c.references("users.id"))
    // contact details only when the respondent consented to their use (APPI); they become the voice's customer
    .addColumn("contact", "text")
    .addColumn("voice_id", "integer", (c) => c.references("voices.id"))
    .addColumn("entered_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("survey_answers_key", ["survey_id", "answer_key"])
    .execute();

  await db.schema
    .createTable("survey_answer_items")
    .addColumn("answer_id", "integer", (c) => c.notNull().references("survey_answers.id"))
    .addColumn("survey_id", "integer", (c) => c.notNull())
    .addColumn("answered_at", ts, (c) => c.notNull())
    .addColumn("question_key", "varchar(40)", (c) => c.notNull())
    // the 1–5 level, or the chosen option's index; null for a free-text answer
    .addColumn("value", "integer")
    .addColumn("text", "text")
    .execute();

  // A period's headline figures and breakdowns: index-only reads of the answers in range.
  const answerCols = pg
    ? "(survey_id, answered_at) include (headline_value, age_band, prefecture, product_line_id, department_id, staff_id, voice_id)"
    : "(survey_id, answered_at, headline_value, age_band, prefecture, product_line_id, department_id, staff_id, voice_id)";
  await sql.raw(`create index survey_answers_period on survey_answers ${answerCols}`).execute(db);
  const itemCols = pg
    ? "(survey_id, answered_at) include (question_key, value)"
    : "(survey_id, answered_at, question_key, value)";
  await sql.raw(`create index survey_answer_items_period on survey_answer_items ${itemCols}`).execute(db);
  await db.schema
    .createIndex("survey_answer_items_answer")
    .on("survey_answer_items")
    .column("answer_id")
    .execute();
  await db.schema.createIndex("survey_links_survey").on("survey_links").column("survey_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["survey_answer_items", "survey_answers", "survey_links", "surveys", "survey_kinds"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
