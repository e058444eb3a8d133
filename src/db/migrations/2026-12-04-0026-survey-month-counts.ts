/**
 * A survey's answers counted per JST month, so a period's results read a few thousand counts instead of every
 * answer (issue 13: results p95 < 200 ms at 100,000 answers; features/surveys/answer-counts.ts keeps them in each
 * answer's transaction and says what each dim means). The counts of the answers already stored are filled here.
 * A partial index finds the answers that became voices (a few per cent) without reading the others.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

const BREAKDOWNS: [dim: string, column: string][] = [
  ["age_band", "age_band"],
  ["prefecture", "prefecture"],
  ["product_line", "product_line_id"],
  ["department", "department_id"],
  ["staff", "staff_id"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("survey_month_counts")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id"))
    .addColumn("month", "varchar(7)", (c) => c.notNull())
    .addColumn("dim", "varchar(20)", (c) => c.notNull())
    .addColumn("key", "varchar(100)", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_month_counts_pk", ["survey_id", "month", "dim", "key", "value"])
    .execute();

  // Frozen in time: the JST month of a stored timestamp, in each dialect's own words (Japan has no daylight saving).
  const month = pg
    ? "to_char(answered_at at time zone 'Asia/Tokyo', 'YYYY-MM')"
    : "strftime('%Y-%m', answered_at, '+9 hours')";
  const fill = (select: string) =>
    sql.raw(`insert into survey_month_counts (survey_id, month, dim, key, value, n) ${select}`).execute(db);
  await fill(
    `select survey_id, ${month}, 'answers', '', coalesce(headline_value, 0), count(*) from survey_answers
     group by survey_id, ${month}, coalesce(headline_value, 0)`,
  );
  for (const [dim, column] of BREAKDOWNS)
    await fill(
      `select survey_id, ${month}, '${dim}', cast(${column} as varchar(100)), coalesce(headline_value, 0), count(*)
       from survey_answers where ${column} is not null
       group by survey_id, ${month}, cast(${column} as varchar(100)), coalesce(headline_value, 0)`,
    );
  await fill(
    `select survey_id, ${month}, 'item', question_key, value, count(*) from survey_answer_items
     where value is not null group by survey_id, ${month}, question_key, value`,
  );
  await fill(
    `select survey_id, ${month}, 'answered', question_key, 0, count(distinct answer_id) from survey_answer_items
     group by survey_id, ${month}, question_key`,
  );

  await db.schema
    .createIndex("survey_answers_voices")
    .on("survey_answers")
    .columns(["survey_id", "answered_at", "voice_id"])
    .where(sql.ref("voice_id"), "is not", null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("survey_answers_voices").ifExists().execute();
  await db.schema.dropTable("survey_month_counts").ifExists().execute();
}
