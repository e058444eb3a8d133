/** Text intelligence: the bigram full-text index, stored content words per voice, trained classifier models. */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code. The index rows are filled by the app
// (`koe search reindex`, registration, the demo loader); the migration only creates the structures.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  if (pg) {
    // doc = to_tsvector('simple', bigrams) || to_tsvector('simple', distinct unigrams); phrase queries use <->.
    await sql`create table voice_search (voice_id integer primary key references voices(id), doc tsvector not null)`.execute(
      db,
    );
    await sql`create index voice_search_doc on voice_search using gin (doc)`.execute(db);
  } else {
    // rowid = voice id; g = character bigrams per run of letters/digits, u = the distinct characters.
    await sql`create virtual table voice_search using fts5(g, u, tokenize = 'unicode61')`.execute(db);
    // Document frequency of each term, for picking the distinctive bigrams of a text (similar voices).
    await sql`create virtual table voice_search_vocab using fts5vocab(voice_search, row)`.execute(db);
  }

  // Content words (kuromoji) of each voice, filled in the background; a row exists once the voice was analysed.
  await db.schema
    .createTable("voice_words")
    .addColumn("voice_id", "integer", (c) => c.primaryKey().references("voices.id"))
    .addColumn("words", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("classifier_models")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("source", "varchar(40)", (c) => c.notNull())
    .addColumn("examples", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("model", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable("classifier_models").ifExists().execute();
  await db.schema.dropTable("voice_words").ifExists().execute();
  if (!pg) await sql`drop table if exists voice_search_vocab`.execute(db);
  await sql`drop table if exists voice_search`.execute(db);
}
