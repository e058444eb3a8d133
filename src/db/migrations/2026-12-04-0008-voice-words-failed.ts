/**
 * voice_words.failed: the analyzer could not analyse the voice's text. Its row (with no words) keeps the
 * background indexer from trying it again every minute and the word statistics from counting it as 解析待ち;
 * editing the voice's content deletes the row, so the new text is analysed again.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // A constant default: both engines add the column without rewriting the table.
  await db.schema
    .alterTable("voice_words")
    .addColumn("failed", pg ? sql`boolean` : sql`integer`, (c) =>
      c.notNull().defaultTo(pg ? sql`false` : sql`0`),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("voice_words").dropColumn("failed").execute();
}
