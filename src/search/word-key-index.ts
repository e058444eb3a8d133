/**
 * The voices' word keys (issue 16) beside the bigrams: analysed in the tokenizer's worker thread, kept in
 * voice_word_keys (key and surface pairs) and in each voice's search document. Written with the voice when the
 * analyzer answers; a voice without a row (existing voices after migration 0023, a failed analysis, a changed user
 * dictionary) is analysed by the background job, whose progress is the count of voices still without one.
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { dialectFor, type IndexDocument } from "../db/dialect.js";
import type { WordKeyEntry } from "../text/word-keys.js";
import { documentKeysInWorker } from "../text/worker-pool.js";
import { buildSearchDocument, withWordKeys } from "./search-text.js";

const BATCH = 500;

export interface KeyedItem {
  id: number;
  content: string;
}

/** Each text's key entries, or null for every text when the analyzer fails (the background job retries). */
export async function analyseForKeys(texts: readonly string[]): Promise<(WordKeyEntry[] | null)[]> {
  const distinct = [...new Set(texts)];
  const byText = new Map<string, WordKeyEntry[]>();
  try {
    for (let i = 0; i < distinct.length; i += BATCH) {
      const part = distinct.slice(i, i + BATCH);
      const entries = await documentKeysInWorker(part);
      part.forEach((t, k) => {
        byText.set(t, entries[k] ?? []);
      });
    }
  } catch {
    return texts.map(() => null);
  }
  return texts.map((t) => byText.get(t) ?? null);
}

/** The search document of a text with its keys (none yet when `entries` is null). */
export function keyedDocument(id: number, content: string, entries: WordKeyEntry[] | null): IndexDocument {
  const doc = buildSearchDocument(content);
  return {
    id,
    ...(entries
      ? withWordKeys(
          doc,
          entries.map(([k]) => k),
        )
      : doc),
  };
}

/**
 * Writes the search documents of some voices with their word keys, and the key rows; with the voices' writing
 * transaction. A voice the analyzer could not read gets its bigrams alone and no row, so the background job
 * analyses it later.
 */
export async function writeKeyedDocuments(trx: Db, items: readonly KeyedItem[]): Promise<void> {
  if (items.length === 0) return;
  await writeAnalysedDocuments(trx, items, await analyseForKeys(items.map((i) => i.content)));
}

/** As writeKeyedDocuments, with each item's key entries already analysed (null: the analyzer failed on it). */
export async function writeAnalysedDocuments(
  trx: Db,
  items: readonly KeyedItem[],
  entries: readonly (WordKeyEntry[] | null)[],
): Promise<void> {
  const docs = items.map((it, k) => keyedDocument(it.id, it.content, entries[k] ?? null));
  await dialectFor(trx).fullText.writeDocuments(trx, docs);
  await storeKeyRows(
    trx,
    items.map((it, k) => ({ id: it.id, entries: entries[k] ?? null })),
  );
}

async function storeKeyRows(trx: Db, rows: { id: number; entries: WordKeyEntry[] | null }[]): Promise<void> {
  const failed = rows.filter((r) => !r.entries).map((r) => r.id);
  for (let i = 0; i < failed.length; i += BATCH) {
    await trx
      .deleteFrom("voice_word_keys")
      .where("voice_id", "in", failed.slice(i, i + BATCH))
      .execute();
  }
  const values = rows.flatMap((r) =>
    r.entries ? [{ voice_id: r.id, entries: JSON.stringify(r.entries) }] : [],
  );
  for (let i = 0; i < values.length; i += BATCH) {
    await trx
      .insertInto("voice_word_keys")
      .values(values.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.column("voice_id").doUpdateSet((eb) => ({ entries: eb.ref("excluded.entries") })),
      )
      .execute();
  }
}

/**
 * Analyses up to `limit` voices without word keys (oldest first) and rewrites their search documents; returns how
 * many were done. Throws when the analyzer fails (the caller logs and tries again later).
 */
export async function fillMissingWordKeys(
  db: Db,
  limit = BATCH,
  /**
   * only these voices (just written), looked up by id instead of a scan of every voice; or only those above an id
   * (the background indexer's poll)
   */
  only: { ids?: readonly number[]; afterId?: number } = {},
): Promise<number> {
  if (only.ids?.length === 0) return 0;
  let q = db
    .selectFrom("voices as v")
    .leftJoin("voice_word_keys as k", "k.voice_id", "v.id")
    .select(["v.id", "v.content"])
    .where("k.voice_id", "is", null);
  if (only.ids) q = q.where("v.id", "in", only.ids);
  if (only.afterId !== undefined) q = q.where("v.id", ">", only.afterId);
  const rows = await q.orderBy("v.id").limit(limit).execute();
  if (rows.length === 0) return 0;
  const entries = await analyseForKeys(rows.map((r) => r.content));
  if (entries.some((e) => e === null)) throw new Error("単語索引の解析に失敗しました");
  await db.transaction().execute(async (trx) => {
    // An edit meanwhile rewrote the document and its row: those voices are left as they are now.
    const done = new Set(
      (
        await trx
          .selectFrom("voice_word_keys")
          .select("voice_id")
          .where(
            "voice_id",
            "in",
            rows.map((r) => r.id),
          )
          .execute()
      ).map((r) => r.voice_id),
    );
    const current = new Map(
      (
        await trx
          .selectFrom("voices")
          .select(["id", "content"])
          .where(
            "id",
            "in",
            rows.map((r) => r.id),
          )
          .execute()
      ).map((r) => [r.id, r.content]),
    );
    const todo = rows.flatMap((r, k) =>
      !done.has(r.id) && current.get(r.id) === r.content
        ? [{ id: r.id, content: r.content, entries: entries[k] ?? [] }]
        : [],
    );
    await dialectFor(trx).fullText.writeDocuments(
      trx,
      todo.map((t) => keyedDocument(t.id, t.content, t.entries)),
    );
    await storeKeyRows(trx, todo);
  });
  return rows.length;
}

/** Analyses every voice lacking word keys; `onProgress` gets the running total. */
export async function fillAllMissingWordKeys(db: Db, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await fillMissingWordKeys(db);
    if (n === 0) return done;
    done += n;
    onProgress?.(done);
  }
}

/** How far the word index is: voices still without word keys, of all voices. */
export async function wordKeyProgress(db: Db): Promise<{ pending: number; total: number }> {
  const r = await db
    .selectFrom("voices as v")
    .leftJoin("voice_word_keys as k", "k.voice_id", "v.id")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("v.id").filterWhere("k.voice_id", "is", null).as("pending"),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(r.pending), total: Number(r.total) };
}

/** Every voice is analysed again in the background (the user dictionary changed). */
export async function forgetAllWordKeys(db: Db): Promise<void> {
  await sql`delete from voice_word_keys`.execute(db);
}

/** The key entries stored for some voices (for highlighting the surfaces a word match found). */
export async function storedKeyEntries(db: Db, ids: readonly number[]): Promise<Map<number, WordKeyEntry[]>> {
  const out = new Map<number, WordKeyEntry[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("voice_word_keys")
    .select(["voice_id", "entries"])
    .where("voice_id", "in", [...ids])
    .execute();
  for (const r of rows) out.set(r.voice_id, JSON.parse(r.entries) as WordKeyEntry[]);
  return out;
}
