/**
 * PostgreSQL: each search document also names its voice's stretch of ids (`#a<id / 1,000>`, `#b<id / 10,000>`,
 * `#c<id / 100,000>`), so searches for the newest hits of common words visit only recent rows (see
 * recentBigramHits). SQLite's FTS5 already reads rowid ranges directly: nothing to do there.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Rewriting every document is cheaper with the GIN index rebuilt afterwards than updated row by row.
  await sql`drop index if exists voice_search_doc`.execute(db);
  await sql`update voice_search set doc = doc || array_to_tsvector(array[
    '#a' || (voice_id / 1000)::text, '#b' || (voice_id / 10000)::text, '#c' || (voice_id / 100000)::text])`.execute(
    db,
  );
  await sql`create index voice_search_doc on voice_search using gin (doc)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`update voice_search
    set doc = ts_delete(doc, array(select lexeme from unnest(doc) where lexeme like '#%'))`.execute(db);
}
