/** Keeps the full-text index in step with voices: per voice inside the writing transaction, in bulk, or rebuilt. */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../db/database.js";
import { dialectNamed } from "../db/dialect.js";
import { sqliteDocumentInserter } from "../db/dialect-sqlite.js";
import { buildSearchDocument, type SearchDocument, withWordKeys } from "./search-text.js";
import { writeKeyedDocuments } from "./word-key-index.js";

export interface IndexItem {
  id: number;
  content: string;
}

/** Indexes (or re-indexes) one voice; call with the transaction that writes the voice. */
export async function indexVoice(trx: Db, id: number, content: string): Promise<void> {
  await indexVoices(trx, [{ id, content }]);
}

/**
 * Indexes (or re-indexes) several voices with the given transaction or connection: bigrams and word keys
 * (word-key-index.ts; a voice the analyzer cannot read now gets its keys from the background job).
 */
export async function indexVoices(trx: Db, items: readonly IndexItem[]): Promise<void> {
  await writeKeyedDocuments(trx, items);
}

/**
 * Prepared-statement indexer on the raw SQLite handle, for bulk loads inside an open transaction; `keys`, when
 * known (a rebuild), are the voice's word keys.
 */
export function sqliteBulkIndexer(
  raw: SQLite.Database,
): (id: number, content: string, keys?: string[]) => void {
  const insert = sqliteDocumentInserter(raw);
  // Bulk data repeats texts (demo, imports): build each distinct text's document once.
  let cache = new Map<string, SearchDocument>();
  return (id, content, keys) => {
    let d = cache.get(content);
    if (!d) {
      d = buildSearchDocument(content);
      if (cache.size >= 100_000) cache = new Map();
      cache.set(content, d);
    }
    insert({ id, ...(keys ? withWordKeys(d, keys) : d) });
  };
}

interface KeyedRow extends IndexItem {
  entries: string | null;
}

/** The keys of a voice_word_keys row's entries (undefined without a row). */
function keysOf(entries: string | null): string[] | undefined {
  return entries === null ? undefined : (JSON.parse(entries) as [string, string][]).map(([k]) => k);
}

/** Rebuilds the whole index from the voices table and the stored word keys; returns the number of voices indexed. */
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
    const page = raw.prepare(
      `select v.id, v.content, k.entries from voices v left join voice_word_keys k on k.voice_id = v.id
       where v.id > ? order by v.id limit ?`,
    );
    raw.exec("begin");
    try {
      raw.exec("delete from voice_search");
      const add = sqliteBulkIndexer(raw);
      let last = 0;
      for (;;) {
        const rows = page.all(last, pageSize) as KeyedRow[];
        if (rows.length === 0) break;
        for (const r of rows) add(r.id, r.content, keysOf(r.entries));
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
          .selectFrom("voices as v")
          .leftJoin("voice_word_keys as k", "k.voice_id", "v.id")
          .select(["v.id", "v.content", "k.entries"])
          .where("v.id", ">", last)
          .orderBy("v.id")
          .limit(pageSize)
          .execute();
        if (rows.length === 0) break;
        // The stored keys are reused: a rebuild never waits for the analyzer.
        await dialect.fullText.writeDocuments(
          trx,
          rows.map((r) => {
            const doc = buildSearchDocument(r.content);
            const keys = keysOf(r.entries);
            return { id: r.id, ...(keys ? withWordKeys(doc, keys) : doc) };
          }),
        );
        last = (rows[rows.length - 1] as IndexItem).id;
        done += rows.length;
        onProgress?.(done);
      }
    });
  }
  await dialect.fullText.tidyAfterRebuild(db);
  return done;
}
