/** The search index in SQL: FTS5 MATCH expressions on SQLite, tsquery on PostgreSQL, and ranked hit tables. */
import { PostgresAdapter, type RawBuilder, sql } from "kysely";
import type { Db, Dialect } from "../db/database.js";
import type { SearchTerm } from "./search-text.js";

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// Bigrams and characters hold only letters/digits/marks (see searchBigrams), so they never contain quotes.
const ftsPhrase = (tokens: string[]) => `"${tokens.join(" ")}"`;

/** FTS5 query: AND of `g : "b1 b2 …"` phrases and `u : "c"` characters. */
export function ftsMatch(terms: SearchTerm[]): string {
  return terms
    .map((t) => (t.char ? `u : ${ftsPhrase([t.char])}` : `g : ${ftsPhrase(t.bigrams)}`))
    .join(" AND ");
}

/** PostgreSQL tsquery: phrase (<->) of each term's bigrams, AND-ed. */
export function tsQuery(terms: SearchTerm[]): RawBuilder<unknown> {
  const parts = terms.map((t) =>
    t.char
      ? sql`plainto_tsquery('simple', ${t.char})`
      : t.bigrams.length === 1
        ? sql`plainto_tsquery('simple', ${t.bigrams[0]})`
        : sql`phraseto_tsquery('simple', ${t.bigrams.join(" ")})`,
  );
  return sql`(${sql.join(parts, sql` && `)})`;
}

/** Condition on `v.id` usable in any query over `voices as v`. */
export function searchCondition(dialect: Dialect, terms: SearchTerm[]): RawBuilder<boolean> {
  if (dialect === "postgres")
    return sql<boolean>`v.id in (select voice_id from voice_search where doc @@ ${tsQuery(terms)})`;
  return sql<boolean>`v.id in (select rowid from voice_search where voice_search match ${ftsMatch(terms)} limit -1)`;
}

/** Voice ids known to bound a set of hits (inclusive). */
export interface IdRange {
  lo: number;
  hi: number;
}

/**
 * A derived table `(id, rank)` of the voices matching the terms; lower rank is better on both databases
 * (bm25 on SQLite, the negated ts_rank on PostgreSQL). `within` limits the hits to an id range: FTS5 then reads
 * only that stretch of each doclist (bm25's statistics stay those of the whole index, so ranks do not change).
 */
export function searchHits(
  dialect: Dialect,
  terms: SearchTerm[],
  within?: IdRange,
): RawBuilder<{ id: number; rank: number }> {
  if (dialect === "postgres") {
    return sql`(select voice_id as id, -ts_rank(doc, t.q) as rank from voice_search, (select ${tsQuery(terms)} as q) as t where doc @@ t.q)`;
  }
  const range = within ? sql` and rowid >= ${within.lo} and rowid <= ${within.hi}` : sql``;
  // Bigram matches weigh more than single characters.
  return sql`(select rowid as id, bm25(voice_search, 1.0, 0.2) as rank from voice_search where voice_search match ${ftsMatch(terms)}${range} limit -1)`;
}

/** Number of voices matching the terms (no other filter). */
export async function countSearchHits(db: Db, dialect: Dialect, terms: SearchTerm[]): Promise<number> {
  const q =
    dialect === "postgres"
      ? sql<{ n: number }>`select count(*) as n from voice_search where doc @@ ${tsQuery(terms)}`
      : sql<{
          n: number;
        }>`select count(*) as n from voice_search where voice_search match ${ftsMatch(terms)}`;
  const r = await q.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Above this many hits a keyword search shows the newest first and the total as a lower bound (「2,000件以上」), on
 * both engines: deciding takes that many hits examined, and ranking them all costs every hit's index entry (SQLite:
 * bm25 over 電話's 183,068 hits took 170–260 ms at 1M) or heap row (PostgreSQL, ~2–5 µs a row, even to count).
 * 2,000 keeps words with broad filters under 100 ms at 1M on both (bench/search.ts); more hits than that are for
 * narrowing, not for reading in order of relevance.
 */
export const SEARCH_CAP = 2_000;

/** Hits counted up to cap + 1. */
export async function countSearchHitsCapped(db: Db, terms: SearchTerm[], cap: number): Promise<number> {
  const r =
    dialectOf(db) === "postgres"
      ? await sql<{ n: number }>`select count(*) as n from (select 1 from voice_search
          where doc @@ ${tsQuery(terms)} limit ${cap + 1}) x`.execute(db)
      : await sql<{ n: number }>`select count(*) as n from (select 1 from voice_search
          where voice_search match ${ftsMatch(terms)} limit ${cap + 1}) x`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Ids of the best-ranked voices matching the terms (no other filter), best first. */
export async function topSearchHits(
  db: Db,
  dialect: Dialect,
  terms: SearchTerm[],
  limit: number,
  offset: number,
): Promise<number[]> {
  const q =
    dialect === "postgres"
      ? sql<{ id: number }>`select voice_id as id from voice_search, (select ${tsQuery(terms)} as q) as t
          where doc @@ t.q order by ts_rank(doc, t.q) desc, voice_id desc limit ${limit} offset ${offset}`
      : sql<{ id: number }>`select rowid as id from voice_search where voice_search match ${ftsMatch(terms)}
          order by bm25(voice_search, 1.0, 0.2), rowid desc limit ${limit} offset ${offset}`;
  return (await q.execute(db)).rows.map((r) => Number(r.id));
}

/** Ids of the newest (or oldest) voices matching the terms (no other filter), walking the received_at index. */
export async function latestSearchHits(
  db: Db,
  dialect: Dialect,
  terms: SearchTerm[],
  limit: number,
  offset: number,
  ascending: boolean,
  opts: { walk?: boolean } = {},
): Promise<number[]> {
  const dir = ascending ? sql`asc` : sql`desc`;
  // SQLite would otherwise sort every hit; walking the index and stopping at the page is ~10x faster. PostgreSQL
  // walks when told the hits are common (its estimate for phrases is far too low): coalesce(…) hides the GIN index.
  const match = opts.walk
    ? sql`coalesce(s.doc @@ ${tsQuery(terms)}, false)`
    : sql`s.doc @@ ${tsQuery(terms)}`;
  const q =
    dialect === "postgres"
      ? sql<{ id: number }>`select v.id from voices v
          where exists (select 1 from voice_search s where s.voice_id = v.id and ${match})
          order by v.received_at ${dir}, v.id ${dir} limit ${limit} offset ${offset}`
      : sql<{ id: number }>`select v.id from voices v indexed by voices_received_at
          where ${searchCondition(dialect, terms)}
          order by v.received_at ${dir}, v.id ${dir} limit ${limit} offset ${offset}`;
  return (await q.execute(db)).rows.map((r) => Number(r.id));
}

/**
 * PostgreSQL's documents also hold three lexemes naming the voice's stretch of ids: `#a<id / 1,000>`,
 * `#b<id / 10,000>` and `#c<id / 100,000>`. Content never yields them (its lexemes are letters and digits only).
 * AND-ed with a query they let the GIN index itself keep only the hits among the newest voices, so the bitmap heap
 * scan visits those rows alone (each visit costs ~2–5 µs) instead of every hit of a common bigram.
 */
const ID_BUCKETS = [
  ["#a", 1_000],
  ["#b", 10_000],
  ["#c", 100_000],
] as const;

export function idBucketLexemes(id: number): string[] {
  return ID_BUCKETS.map(([name, size]) => `${name}${Math.floor(id / size)}`);
}

/**
 * At most this many bucket lexemes in a query. GIN checks every operand of the tsquery for every posting it meets,
 * so operands cost more than the postings of a coarser bucket: the 8 rarest bigrams AND 11 `#b` buckets took 32 ms,
 * AND 2 `#c` buckets 12 ms (1M voices); 6 instead of 12 lowered bench/similar.ts p95 by ~5 ms, same answers.
 */
const MAX_BUCKETS = 6;

/** tsquery literal: any of the buckets covering ids lo..hi, of the finest size that needs at most MAX_BUCKETS. */
function bucketQuery(lo: number, hi: number): string {
  const [name, size] =
    ID_BUCKETS.find(([, size]) => Math.floor(hi / size) - Math.floor(lo / size) < MAX_BUCKETS) ??
    ID_BUCKETS[2];
  const names: string[] = [];
  for (let b = Math.floor(lo / size); b <= Math.floor(hi / size); b++) names.push(`'${name}${b}'`);
  return names.join(" | ");
}

/** The highest voice id in the search index (0 when empty). */
export async function maxIndexedId(db: Db): Promise<number> {
  const top =
    dialectOf(db) === "postgres"
      ? await sql<{ m: number | null }>`select max(voice_id) as m from voice_search`.execute(db)
      : await sql<{ m: number | null }>`select max(rowid) as m from voice_search`.execute(db);
  return Number(top.rows[0]?.m ?? 0);
}

/** past this many ids, bucket postings cost the GIN scan more than they save */
const WIDE = 100_000;
/**
 * the stretch searched first is sized to hold MARGIN × limit hits: every id in it costs a bucket posting and every
 * hit a heap visit (1.5 instead of 2: bench/similar.ts at 1M p95 ~3 ms lower, answers 132 / 51 instead of 131 / 49)
 */
const MARGIN = 1.5;
/** the whole index is read unsorted up to PROBE × limit hits (a bitmap heap scan stops there) */
const PROBE = 8;

const newestFirst = (rows: { id: number }[], limit: number) =>
  rows
    .map((x) => Number(x.id))
    .sort((x, y) => y - x)
    .slice(0, limit);

/**
 * Newest voices containing all the bigrams. SQLite walks the index backwards and stops at `limit`. PostgreSQL
 * first looks among the newest voices through the id-bucket lexemes: a stretch sized by `share` (the bigrams' share
 * among recent voices) to hold about 1.5 × `limit` hits, widened by the density found while it holds fewer. When
 * that density says the whole index holds few hits, or the stretch grows past WIDE ids (bucket postings then cost
 * more than they save), a small index (at most WIDE ids) is read whole and sorted; a large one unsorted up to
 * 8 × `limit` hits, newest first: all the hits when there are fewer, else (the share was far too low) hits but not
 * the newest.
 */
export async function recentBigramHits(
  db: Db,
  bigrams: string[],
  limit: number,
  opts: { share?: number; maxId?: number } = {},
): Promise<number[]> {
  if (dialectOf(db) === "postgres") {
    const q = sql`to_tsquery('simple', ${bigrams.map((b) => `'${b}'`).join(" & ")})`;
    const max = opts.maxId ?? (await maxIndexedId(db));
    let span = Math.max(1_000, Math.ceil((MARGIN * limit) / Math.max(opts.share ?? 0, 1e-4)));
    while (span < max && span < WIDE) {
      const r = await sql<{ id: number }>`select voice_id as id from voice_search
        where doc @@ (${q} && ${bucketQuery(max - span, max)}::tsquery) order by voice_id desc limit ${limit}`.execute(
        db,
      );
      const found = r.rows.length;
      if (found >= limit) return r.rows.map((x) => Number(x.id));
      if ((found * max) / span <= 4 * limit) break;
      span = Math.ceil((span * MARGIN * limit) / Math.max(found, 1));
    }
    if (max <= WIDE) {
      // A small index: every hit, sorted, is cheap.
      const r = await sql<{ id: number }>`select voice_id as id from voice_search where doc @@ ${q}
        order by voice_id desc limit ${limit}`.execute(db);
      return r.rows.map((x) => Number(x.id));
    }
    const probe = PROBE * limit;
    const all = await sql<{ id: number }>`select voice_id as id from voice_search where doc @@ ${q}
      limit ${probe}`.execute(db);
    // All the hits, or (more than `probe`: bigrams common only in old voices, against the share) the first `probe`
    // of them in the table's order, the oldest. Reading back from the newest instead cost p95 +10–50 ms at 1M for
    // 2–3% more originals found (bench/similar.ts), so similar voices take these.
    return newestFirst(all.rows, limit);
  }
  const match = bigrams.map((g) => `g : ${ftsPhrase([g])}`).join(" AND ");
  const r = await sql<{ id: number }>`select rowid as id from voice_search
    where voice_search match ${match} order by rowid desc limit ${limit}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
