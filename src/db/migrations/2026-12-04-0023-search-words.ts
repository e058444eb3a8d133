/**
 * Search by words (issue 16): each voice's normalised word keys with the surfaces they came from (the search index
 * holds the keys beside the bigrams; this table lets a rebuild reuse them and snippets mark the surfaces), and the
 * synonym groups admins edit, applied at query time. Voices without a row are analysed by the background job.
 */
import { type Kysely, PostgresAdapter } from "kysely";

const DEFAULT_GROUPS = ["共済金 保険金", "掛金 保険料", "証書 証券", "解約 脱退"];

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("voice_word_keys")
    .addColumn("voice_id", "integer", (c) => c.primaryKey().references("voices.id").onDelete("cascade"))
    // JSON [[key, surface], …]: each normalised word key and the text's surface it came from
    .addColumn("entries", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_synonyms")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    // the words of one group, space-separated (each matches the others)
    .addColumn("words", "text", (c) => c.notNull())
    .addColumn("updated_at", pg ? "timestamptz" : "text", (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto("search_synonyms")
    .values(DEFAULT_GROUPS.map((words) => ({ words, updated_at: at })))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_synonyms").execute();
  await db.schema.dropTable("voice_word_keys").execute();
}
