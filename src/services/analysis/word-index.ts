/**
 * Stores each voice's content words (kuromoji, in a worker thread) in voice_words, in the background:
 * registration never waits for the analyzer. A voice without a row is "not yet analysed".
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { setUserDictionary } from "../../text/tokenizer.js";
import { tokenizeBatchInWorker } from "../../text/worker-pool.js";
import { getSettings } from "../settings.js";

const BATCH = 500;

/** Analyses up to `limit` voices that have no words yet (oldest id first); returns how many were stored. */
export async function indexMissingWords(db: Db, limit = BATCH): Promise<number> {
  const rows = await db
    .selectFrom("voices as v")
    .leftJoin("voice_words as w", "w.voice_id", "v.id")
    .select(["v.id", "v.content"])
    .where("w.voice_id", "is", null)
    .orderBy("v.id")
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  // Demo and imported texts repeat: analyse each distinct text once.
  const distinct = [...new Set(rows.map((r) => r.content))];
  // The admins' words, read each batch so every app process follows a change made on another.
  setUserDictionary((await getSettings(db)).userDictionary);
  const words = await tokenizeBatchInWorker(distinct);
  const byText = new Map(distinct.map((t, i) => [t, words[i] ?? []]));
  const values = rows.map((r) => ({
    voice_id: r.id,
    words: (byText.get(r.content) ?? []).map((w) => w.replace(/\s+/g, "")).join(" "),
  }));
  // A row written meanwhile (another process, an edit) wins; ours is skipped.
  for (let i = 0; i < values.length; i += 200) {
    await db
      .insertInto("voice_words")
      .values(values.slice(i, i + 200))
      .onConflict((oc) => oc.column("voice_id").doNothing())
      .execute();
  }
  return rows.length;
}

/** Analyses every voice lacking words; `onProgress` gets the running total. */
export async function indexAllMissingWords(db: Db, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await indexMissingWords(db);
    if (n === 0) return done;
    done += n;
    onProgress?.(done);
  }
}

/** Voices not yet analysed (shown beside the word statistics while the background job catches up). */
export async function countMissingWords(db: Db): Promise<number> {
  const r = await db
    .selectFrom("voices as v")
    .leftJoin("voice_words as w", "w.voice_id", "v.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("w.voice_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Forget a voice's words (its content changed); the background job analyses it again. */
export async function forgetWords(trx: Db, voiceId: number): Promise<void> {
  await sql`delete from voice_words where voice_id = ${voiceId}`.execute(trx);
}

/** After the user dictionary changed: every voice is analysed again, in the background. */
export async function forgetAllWords(db: Db): Promise<void> {
  await sql`delete from voice_words`.execute(db);
  wordsChanged();
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Tells a running background indexer (if any, in this process) that there is new text to analyse. */
export function wordsChanged(): void {
  for (const l of listeners) l();
}

/**
 * Runs the background indexer: catches up with every voice lacking words, then waits for wordsChanged()
 * (or polls every minute, for voices written by other processes). Returns a stop function.
 */
export function startWordIndexer(
  db: Db,
  log: (msg: string, err?: unknown) => void = () => undefined,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while (!stopped && (await indexMissingWords(db)) > 0) {
            // yield between batches so requests are served promptly
            await new Promise((r) => setImmediate(r));
          }
        } catch (err) {
          log("頻出語の解析に失敗しました", err);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, 60_000);
  timer.unref();
  listeners.add(run);
  setImmediate(run);
  return async () => {
    stopped = true;
    clearInterval(timer);
    listeners.delete(run);
    await running;
  };
}
