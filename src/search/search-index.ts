/** Keeps the full-text index in step with voices: per voice inside the writing transaction, in bulk, or rebuilt. */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../db/database.js";
import { dialectFor, dialectNamed } from "../db/dialect.js";
import { sqliteDocumentInserter } from "../db/dialect-sqlite.js";
import { buildSearchDocument, type SearchDocument } from "./search-text.js";

export interface IndexItem {
  id: number;
  content: string;
}

/** Indexes (or re-indexes) one voice; call with the transaction that writes the voice. */
export async function indexVoice(trx: Db, id: number, content: string): Promise<void> {
  await indexVoices(trx, [{ id, content }]);
}

/** Indexes (or re-indexes) several voices with the given transaction or connection. */
export async function indexVoices(trx: Db, items: readonly IndexItem[]): Promise<void> {
  if (items.length === 0) return;
  const docs = items.map((it) => ({ id: it.id, ...buildSearchDocument(it.content) }));
  await dialectFor(trx).fullText.writeDocuments(trx, docs);
}

/** Prepared-statement indexer on the raw SQLite handle, for bulk loads inside an open transaction. */
export function sqliteBulkIndexer(raw: SQLite.Database): (id: number, content: string) => void {
  const insert = sqliteDocumentInserter(raw);
  // Bulk data repeats texts (demo, imports): build each distinct text's document once.
  let cache = new Map<string, SearchDocument>();
  return (id, content) => {
    let d = cache.get(content);
    if (!d) {
      d = buildSearchDocument(content);
      if (cache.size >= 100_000) cache = new Map();
      cache.set(content, d);
    }
    insert({ id, g: d.g, u: d.u });
  };
}

/** Rebuilds the whole index from the voices table; returns the number of voices indexed. */
export async function reindexAll(
  kdb: KoeDatabase,
  onProgress?: (done: number) => void,
  pageSize = 5000,
): Promise<number> {
  const { db } = kdb;
  const dialect = dialectNamed(kdb.dialect);
  let done = 0;
  // Where the driver offers its raw handle (SQLite), prepared statements in one transaction on it are fastest.
  const raw = dialect.rawHandle(kdb);
  if (raw) {
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
  } else {
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
  }
  await dialect.fullText.tidyAfterRebuild(db);
  return done;
}
