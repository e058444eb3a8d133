/**
 * Stores each voice's content words (kuromoji, in a worker thread) in voice_words, in the background:
 * registration never waits for the analyzer. A voice without a row is "not yet analysed"; a row with `failed` set
 * means the analyzer failed on that text (it is not tried again until the content changes).
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { fillMissingWordKeys, forgetAllWordKeys } from "../../search/word-key-index.js";
import { setUserDictionary } from "../../text/tokenizer.js";
import { tokenizeBatchInWorker } from "../../text/worker-pool.js";
import { getSettings } from "../users-and-settings/settings.js";

const BATCH = 500;
// A text the analyzer always handles: when every text of a batch fails, this tells a broken analyzer from bad texts.
const PROBE = "共済金の請求について電話しました。";

export interface IndexOptions {
  /** Voices per batch (default 500). */
  limit?: number;
  /**
   * Told the ids of voices the analyzer failed on. They are stored as analysed with no words and `failed` set, so
   * they are not tried again every minute nor shown as 解析待ち; editing the content analyses them again.
   */
  onFailed?: (voiceIds: number[]) => void;
  /** Content words per text: the worker thread (tokenizeBatchInWorker) unless a test injects a failure. */
  analyse?: (texts: string[]) => Promise<string[][]>;
  /**
   * Only these voices (just written or edited): looked up by id instead of scanning every voice for one without
   * words, which at a million voices is a full pass over both tables.
   */
  ids?: readonly number[];
  /** Only voices with a greater id (the minute's poll: those written since the last pass), by the primary key. */
  afterId?: number;
}

/**
 * Content words per text, null where the analyzer failed. One call for the batch; if that fails, one call per
 * text, so a bad text costs only itself. If every text fails alone and so does PROBE, the analyzer itself is broken
 * (dictionary missing, worker crashing): that error is thrown and nothing is marked.
 */
async function analyseEach(
  texts: string[],
  analyse: (texts: string[]) => Promise<string[][]>,
): Promise<(string[] | null)[]> {
  try {
    return await analyse(texts);
  } catch {
    const out: (string[] | null)[] = [];
    for (const text of texts) {
      try {
        out.push((await analyse([text]))[0] ?? []);
      } catch {
        out.push(null);
      }
    }
    if (out.every((w) => w === null)) await analyse([PROBE]);
    return out;
  }
}

/**
 * Analyses up to `limit` voices that have no words yet (oldest id first); returns how many were stored, failed
 * ones included. A voice the analyzer fails on does not stop the others (see IndexOptions.onFailed).
 */
export async function indexMissingWords(db: Db, opts: IndexOptions = {}): Promise<number> {
  if (opts.ids?.length === 0) return 0;
  let q = db
    .selectFrom("voices as v")
    .leftJoin("voice_words as w", "w.voice_id", "v.id")
    .select(["v.id", "v.content"])
    .where("w.voice_id", "is", null);
  if (opts.ids) q = q.where("v.id", "in", opts.ids);
  if (opts.afterId !== undefined) q = q.where("v.id", ">", opts.afterId);
  const rows = await q
    .orderBy("v.id")
    .limit(opts.limit ?? BATCH)
    .execute();
  if (rows.length === 0) return 0;
  // Demo and imported texts repeat: analyse each distinct text once.
  const distinct = [...new Set(rows.map((r) => r.content))];
  // The admins' words, read each batch so every app process follows a change made on another.
  setUserDictionary((await getSettings(db)).userDictionary);
  const words = await analyseEach(distinct, opts.analyse ?? tokenizeBatchInWorker);
  const byText = new Map(distinct.map((t, i) => [t, words[i] ?? null]));
  const stored = rows.map((r) => ({ voiceId: r.id, words: byText.get(r.content) ?? null }));
  await storeWords(db, stored);
  const failedIds = stored.filter((s) => s.words === null).map((s) => s.voiceId);
  if (failedIds.length > 0) opts.onFailed?.(failedIds);
  return rows.length;
}

/**
 * Stores voices' content words (null: the analyzer failed on that text, stored as failed). A row written meanwhile
 * (another process, an edit) wins; ours is skipped. Registration calls it in its transaction with the words it
 * analysed together with the search keys, so the background job has nothing left to do for a new voice.
 */
export async function storeWords(
  db: Db,
  rows: readonly { voiceId: number; words: string[] | null }[],
): Promise<void> {
  const values = rows.map((r) =>
    r.words
      ? { voice_id: r.voiceId, words: r.words.map((x) => x.replace(/\s+/g, "")).join(" "), failed: 0 }
      : { voice_id: r.voiceId, words: "", failed: 1 },
  );
  for (let i = 0; i < values.length; i += 200) {
    await db
      .insertInto("voice_words")
      .values(values.slice(i, i + 200))
      .onConflict((oc) => oc.column("voice_id").doNothing())
      .execute();
  }
}

/** Analyses every voice lacking words; `onProgress` gets the running total, `onFailed` and `opts` as in indexMissingWords. */
export async function indexAllMissingWords(
  db: Db,
  onProgress?: (done: number) => void,
  onFailed?: (voiceIds: number[]) => void,
  opts: Pick<IndexOptions, "analyse"> = {},
): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await indexMissingWords(db, { ...opts, onFailed });
    if (n === 0) return done;
    done += n;
    onProgress?.(done);
  }
}

/** The highest voice id (0 when there is none): where the minute's poll starts next time. */
async function highestVoiceId(db: Db): Promise<number> {
  const r = await db
    .selectFrom("voices")
    .select((eb) => eb.fn.max("id").as("top"))
    .executeTakeFirst();
  return Number(r?.top ?? 0);
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

/** After the user dictionary changed: every voice is analysed again (words and search word keys), in the background. */
export async function forgetAllWords(db: Db): Promise<void> {
  await sql`delete from voice_words`.execute(db);
  await forgetAllWordKeys(db);
  wordsChanged();
}

type Listener = (voiceIds?: readonly number[]) => void;
const listeners = new Set<Listener>();

/**
 * Tells a running background indexer (if any, in this process) that there is new text to analyse: in the voices
 * given, or anywhere (an import, a dictionary change) when none are given.
 */
export function wordsChanged(voiceIds?: readonly number[]): void {
  for (const l of listeners) l(voiceIds);
}

/**
 * How far below the highest id the minute's poll looks again: a registration that took its id before the last pass
 * may commit after it.
 */
const RECHECK_IDS = 1_000;

/** Which voices a pass looks at: those named, those above an id (the minute's poll), or every voice. */
type Scope = { ids: readonly number[] } | { afterId: number } | { all: true };

/**
 * Runs the background indexer: catches up with every voice lacking words, then lacking search word keys, then
 * waits for wordsChanged() (or polls every minute, for voices written by other processes). A change in named voices
 * is analysed by id, and the minute's poll looks only at voices above the highest id the last pass saw (less
 * RECHECK_IDS): only the start and an unnamed change (an import) scan every voice, which at a million voices is a
 * full pass over three tables. Returns a stop function.
 */
export function startWordIndexer(
  db: Db,
  log: (msg: string, err?: unknown) => void = () => undefined,
  opts: Pick<IndexOptions, "analyse"> & { pollMs?: number } = {},
): () => Promise<void> {
  const { pollMs = 60_000, ...indexOpts } = opts;
  let stopped = false;
  let running: Promise<void> | null = null;
  // Ids only: the text is personal data and stays out of the log.
  const onFailed = (ids: number[]) =>
    log(`頻出語の解析ができなかった声があります（ID: ${ids.join(", ")}）。内容が変わるまで解析しません`);
  // What the next pass does: every voice (a scan), the voices named since the last pass, the poll, or several.
  let scanAll = true;
  let poll = false;
  const named = new Set<number>();
  // Every voice up to this id was looked at by a scan or a poll of this process (null: none has finished yet).
  let checkedUpTo: number | null = null;
  let again = false;

  const pass = async (scope: Scope) => {
    const only = "ids" in scope ? { ids: scope.ids } : "afterId" in scope ? { afterId: scope.afterId } : {};
    while (!stopped && (await indexMissingWords(db, { ...indexOpts, onFailed, ...only })) > 0) {
      // yield between batches so requests are served promptly
      await new Promise((r) => setImmediate(r));
      if ("ids" in scope) break;
    }
    // Then the search word keys of voices written before migration 0023 or while the analyzer failed.
    while (!stopped && (await fillMissingWordKeys(db, undefined, only)) > 0) {
      await new Promise((r) => setImmediate(r));
      if ("ids" in scope) break;
    }
  };

  const run = (voiceIds?: readonly number[], polled = false) => {
    if (stopped) return;
    if (voiceIds) for (const id of voiceIds) named.add(id);
    else if (polled) poll = true;
    else scanAll = true;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // Named voices fit one batch; more than that (a burst) is left to a scan, as is a poll before any scan.
        const full = scanAll || named.size > BATCH || (poll && checkedUpTo === null);
        const ids = full ? [] : [...named];
        const polling = !full && poll && checkedUpTo !== null ? checkedUpTo : null;
        scanAll = false;
        poll = false;
        named.clear();
        try {
          // Read before the pass: a voice written during it is above this, and the next poll looks at it.
          const top = full || polling !== null ? await highestVoiceId(db) : null;
          if (ids.length > 0) await pass({ ids });
          if (full) await pass({ all: true });
          else if (polling !== null) await pass({ afterId: polling });
          if (top !== null && !stopped) checkedUpTo = Math.max(0, top - RECHECK_IDS);
        } catch (err) {
          log("頻出語の解析に失敗しました", err);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(() => run(undefined, true), pollMs);
  timer.unref();
  listeners.add(run);
  setImmediate(() => run());
  return async () => {
    stopped = true;
    clearInterval(timer);
    listeners.delete(run);
    await running;
  };
}
