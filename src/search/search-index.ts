/** Keeps the full-text index in step with voices: per voice inside the writing transaction, in bulk, or rebuilt. */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../db/database.js";
import { dialectOf, idBucketLexemes } from "./search-sql.js";
import { buildSearchDocument, type SearchDocument } from "./search-text.js";

export interface IndexItem {
  id: number;
  content: string;
}

const PG_BATCH = 500;

/** Indexes (or re-indexes) one voice; call with the transaction that writes the voice. */
export async function indexVoice(trx: Db, id: number, content: string): Promise<void> {
  await indexVoices(trx, [{ id, content }]);
}

/** Indexes (or re-indexes) several voices with the given transaction or connection. */
export async function indexVoices(trx: Db, items: readonly IndexItem[]): Promise<void> {
  if (items.length === 0) return;
  if (dialectOf(trx) === "postgres") {
    for (let i = 0; i < items.length; i += PG_BATCH) {
      const rows = items.slice(i, i + PG_BATCH).map((it) => {
        const d = buildSearchDocument(it.content);
        return sql`(${it.id}, to_tsvector('simple', ${d.g}) || to_tsvector('simple', ${d.u})
          || array_to_tsvector(${idBucketLexemes(it.id)}::text[]))`;
      });
      await sql`insert into voice_search (voice_id, doc) values ${sql.join(rows)}
        on conflict (voice_id) do update set doc = excluded.doc`.execute(trx);
    }
    return;
  }
  for (const it of items) {
    const d = buildSearchDocument(it.content);
    await sql`delete from voice_search where rowid = ${it.id}`.execute(trx);
    await sql`insert into voice_search (rowid, g, u) values (${it.id}, ${d.g}, ${d.u})`.execute(trx);
  }
}

/** Prepared-statement indexer on the raw SQLite handle, for bulk loads inside an open transaction. */
export function sqliteBulkIndexer(raw: SQLite.Database): (id: number, content: string) => void {
  const insert = raw.prepare("insert into voice_search (rowid, g, u) values (?, ?, ?)");
  // Bulk data repeats texts (demo, imports): build each distinct text's document once.
  let cache = new Map<string, SearchDocument>();
  return (id, content) => {
    let d = cache.get(content);
    if (!d) {
      d = buildSearchDocument(content);
      if (cache.size >= 100_000) cache = new Map();
      cache.set(content, d);
    }
    insert.run(id, d.g, d.u);
  };
}

/** Rebuilds the whole index from the voices table; returns the number of voices indexed. */
export async function reindexAll(
  kdb: KoeDatabase,
  onProgress?: (done: number) => void,
  pageSize = 5000,
): Promise<number> {
  const { db } = kdb;
  let done = 0;
  if (kdb.sqlite) {
    const raw = kdb.sqlite;
    const page = raw.prepare("select id, content from voices where id > ? order by id limit ?");
    raw.exec("begin");
    try {
      raw.exec("delete from voice_search");
      const add = sqliteBulkIndexer(raw);
      let last = 0;
      for (;;) {
        const rows = page.all(last, pageSize) as IndexItem[];
        if (rows.length === 0) break;
        for (const r of rows) add(r.id, r.content);
        last = (rows[rows.length - 1] as IndexItem).id;
        done += rows.length;
        onProgress?.(done);
      }
      raw.exec("commit");
    } catch (err) {
      raw.exec("rollback");
      throw err;
    }
    raw.exec("insert into voice_search(voice_search) values ('optimize')");
    return done;
  }
  await db.transaction().execute(async (trx) => {
    await sql`delete from voice_search`.execute(trx);
    let last = 0;
    for (;;) {
      const rows = await trx
        .selectFrom("voices")
        .select(["id", "content"])
        .where("id", ">", last)
        .orderBy("id")
        .limit(pageSize)
        .execute();
      if (rows.length === 0) break;
      await indexVoices(trx, rows);
      last = (rows[rows.length - 1] as IndexItem).id;
      done += rows.length;
      onProgress?.(done);
    }
  });
  await sql`analyze voice_search`.execute(db);
  return done;
}
