/**
 * How the voice list answers a keyword query on each database: which hits to count and rank, and when there are too
 * many to rank, the newest with the total as a lower bound (「2,000件以上」). The SQL is the dialect adapter's
 * (src/db/dialect*.ts); the choice of path follows its capabilities. docs/decisions-search.md explains the paths.
 */
import type { Db } from "../db/database.js";
import { dialectFor, type FullTextSql, type IdQuery, type IdRange } from "../db/dialect.js";
import type { VoiceSort } from "../shared/constants.js";
import type { SearchTerm } from "./search-text.js";

/**
 * Above this many hits a keyword search shows the newest first and the total as a lower bound (「2,000件以上」), on
 * both engines: deciding takes that many hits examined, and ranking them all costs every hit's index entry (SQLite:
 * bm25 over 電話's 183,068 hits took 170–260 ms at 1M) or heap row (PostgreSQL, ~2–5 µs a row, even to count).
 * 2,000 keeps words with broad filters under 100 ms at 1M on both (bench/search.ts); more hits than that are for
 * narrowing, not for reading in order of relevance.
 */
export const SEARCH_CAP = 2_000;

/**
 * Where ranking reads the index alone (SQLite's bm25: 10,000 hits in ~20 ms at 1M), counts and ranks stay exact up
 * to this many hits; where each hit costs a row (PostgreSQL), they stop at the cap.
 */
const EXACT_FROM_INDEX = 10_000;

export interface KeywordSearchOptions {
  /** above this many search hits the newest are shown, with the total as a lower bound (default SEARCH_CAP) */
  searchCap?: number;
  /** where the index alone ranks, exact up to this many hits (default EXACT_FROM_INDEX, never below searchCap) */
  exactUpTo?: number;
}

export interface KeywordQuery {
  terms: SearchTerm[];
  sort: VoiceSort;
  page: number;
  limit: number;
  /**
   * The list's other filters, absent when there are none: `passing()` selects the ids of the voices passing them,
   * `newest()` the ids of those also matching the terms, newest first.
   */
  filters?: { passing: () => IdQuery; newest: () => IdQuery };
}

/** A page of hits, in order; `totalCapped`: more than `total` hits, shown newest first. */
export interface KeywordHits {
  ids: number[];
  total: number;
  totalCapped?: true;
}

/**
 * The page of voice ids a keyword query shows, or undefined when the list orders the hits itself (by deadline or
 * last update, or by date with other filters: the terms are then one more condition of the list's query).
 */
export async function searchVoiceIds(
  db: Db,
  q: KeywordQuery,
  opts: KeywordSearchOptions = {},
): Promise<KeywordHits | undefined> {
  const ft = dialectFor(db).fullText;
  const { terms, sort, page, limit } = q;
  const offset = (page - 1) * limit;
  const cap = opts.searchCap ?? SEARCH_CAP;
  const exact = ft.rowPerHit ? cap : Math.max(cap, opts.exactUpTo ?? EXACT_FROM_INDEX);

  if (q.filters) {
    return sort === "relevance"
      ? rankedAmongFilters(db, ft, terms, q.filters, { page, limit, cap, exact })
      : undefined;
  }
  // Nothing but words. Where every hit costs a row, newest-first searches also count only up to the cap.
  if (sort === "relevance" || (ft.rowPerHit && sort === "received_desc")) {
    // More hits than the cap: the newest, and 「2,000件以上」.
    const n = await ft.countHits(db, terms, exact);
    if (n > exact) {
      // Newest first by walking the newest voices: with more than `cap` hits this beat collecting and sorting every
      // hit at 1,000,000 voices even for words in 0.3% of them (bench/search.ts: 遅い 47 vs 82 ms).
      const ids = await ft.newestHits(db, terms, { limit, offset, ascending: false, walk: true });
      return { ids, total: exact, totalCapped: true };
    }
  }
  if (sort === "relevance") {
    // The index alone counts and ranks; the page's rows are read by id.
    const [total, ids] = await Promise.all([ft.countHits(db, terms), ft.topHits(db, terms, limit, offset)]);
    return { ids, total };
  }
  if (sort === "received_desc" || sort === "received_asc") {
    const [total, ids] = await Promise.all([
      ft.countHits(db, terms),
      ft.newestHits(db, terms, { limit, offset, ascending: sort === "received_asc" }),
    ]);
    return { ids, total };
  }
  return undefined;
}

/**
 * Words + filters, by relevance. When too many voices pass both to rank, the newest are shown, newest first, with
 * the cap as a lower bound (「2,000件以上」), as for words alone.
 * - Each hit costs a row (PostgreSQL): one pass reads the hits passing the filters, ranked, and stops after cap + 1.
 * - The index ranks (SQLite): the hits are filtered by the set of voices passing the filters (read from their
 *   covering indexes). A rank needs every hit's bm25, so it is computed only for narrow filters (at most `exact`
 *   voices: their id range also bounds the scan of the index, since voices are numbered as they arrive and a period
 *   is a stretch of ids), at most `exact` hits of the words, or at most `cap` voices passing both (found by walking
 *   the filters newest first, probing the hit set).
 */
async function rankedAmongFilters(
  db: Db,
  ft: FullTextSql,
  terms: SearchTerm[],
  filters: NonNullable<KeywordQuery["filters"]>,
  o: { page: number; limit: number; cap: number; exact: number },
): Promise<KeywordHits> {
  const { page, limit, cap, exact } = o;
  const offset = (page - 1) * limit;
  const onPage = (ids: number[]) => ids.slice(offset, page * limit);
  // Newest first, walking the filters and probing the hit set: for a set too large to rank.
  const newestCapped = async (): Promise<KeywordHits> => ({
    ids: (await filters.newest().limit(limit).offset(offset).execute()).map((r) => r.id),
    total: cap,
    totalCapped: true,
  });
  if (ft.rowPerHit) {
    // A second pass to count would double the heap visits.
    const ranked = await ft.rankedHitsAmong(db, terms, filters.passing(), { limit: cap + 1 });
    if (ranked.length > cap) return newestCapped();
    return { ids: onPage(ranked), total: ranked.length };
  }
  let within: IdRange | undefined;
  const narrow = await db
    .selectFrom(
      filters
        .passing()
        .limit(exact + 1)
        .as("f"),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.min<number>("f.id").as("lo"),
      eb.fn.max<number>("f.id").as("hi"),
    ])
    .executeTakeFirstOrThrow();
  if (Number(narrow.n) === 0) return { ids: [], total: 0 };
  if (Number(narrow.n) <= exact) within = { lo: Number(narrow.lo), hi: Number(narrow.hi) };
  else if ((await ft.countHits(db, terms, exact)) > exact) {
    // Broad filters and many hits: walk the filters newest first, probing the hit set, up to cap + 1.
    const newest = (
      await filters
        .newest()
        .limit(cap + 1)
        .execute()
    ).map((r) => r.id);
    if (newest.length > cap) {
      return page * limit <= newest.length
        ? { ids: onPage(newest), total: cap, totalCapped: true }
        : newestCapped();
    }
    if (newest.length === 0) return { ids: [], total: 0 };
    within = { lo: Math.min(...newest), hi: Math.max(...newest) };
  }
  const ranked = await ft.rankedHitsAmong(db, terms, filters.passing(), within ? { within } : {});
  return { ids: onPage(ranked), total: ranked.length };
}
