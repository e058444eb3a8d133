/**
 * PostgreSQL's side of the dialect adapter (dialect.ts): a pg pool behind Kysely, the tsvector search index with its
 * id-bucket lexemes, JST dates of timestamptz, advisory locks, multi-row inserts for bulk loads.
 */
import { Kysely, PostgresDialect, type RawBuilder, sql } from "kysely";
import pg from "pg";
import type { Db, KoeDatabase } from "./database.js";
import { redactUrl } from "./database-url.js";
import type { BulkInserter, BulkRow, BulkTable, DbDialect, FullTextSql, TableShape } from "./dialect.js";
import {
  type FullTextPhrase,
  type FullTextTerm,
  hasAlternatives,
  hasLoose,
  withoutLoose,
} from "./full-text-term.js";
import { preparedStatementsWanted, preparingClient, StatementNames } from "./pg-prepared.js";
import type { Database } from "./schema.js";

// PostgreSQL returns timestamps as Date and bigints as strings; koe works with ISO strings and numbers
// on both databases so that every layer above sees one behaviour.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp
pg.types.setTypeParser(1082, (v) => v); // date stays YYYY-MM-DD
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*))
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

/** The server each opened database connects to, so reader workers can open a pool of their own to it. */
const connectionUrls = new WeakMap<object, string>();

export async function openPostgres(url: string, opts: { poolSize?: number } = {}): Promise<KoeDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    // Frequent statements as named prepared statements (pg-prepared.ts), unless KOE_PG_PREPARE=off.
    ...(preparedStatementsWanted() ? { Client: preparingClient(new StatementNames()) } : {}),
  });
  // An idle connection closed by the server (restart, failover, a dropped test database) emits 'error' on the
  // pool; pg already discards that client, so this must not crash the process.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL に接続できません（${redactUrl(url)}）: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  connectionUrls.set(db, url);
  return { db, dialect: "postgres", close: () => db.destroy() };
}

function phraseQuery(p: FullTextPhrase): RawBuilder<unknown> {
  return p.char
    ? sql`plainto_tsquery('simple', ${p.char})`
    : p.bigrams.length === 1
      ? sql`plainto_tsquery('simple', ${p.bigrams[0]})`
      : sql`phraseto_tsquery('simple', ${p.bigrams.join(" ")})`;
}

// Word keys hold only letters/digits after their full-width prefix (word-keys.ts): quoted as lexemes, never parsed.
const keySetQuery = (groups: string[][]) =>
  sql`${groups.map((g) => `(${g.map((k) => `'${k}'`).join(" | ")})`).join(" & ")}::tsquery`;

/** One term: its phrase, OR-ed with its synonyms' phrases and word-key sets. */
function termQuery(t: FullTextTerm): RawBuilder<unknown> {
  if (!hasAlternatives(t)) return phraseQuery(t);
  const alts = [
    phraseQuery(t),
    ...(t.phrases ?? []).map(phraseQuery),
    ...[...(t.keySets ?? []), ...(t.looseKeySets ?? [])].map(keySetQuery),
  ];
  return sql`(${sql.join(alts, sql` || `)})`;
}

/** tsquery: each term (phrase (<->) of its bigrams, or its alternatives), AND-ed. */
function tsQuery(terms: FullTextTerm[]): RawBuilder<unknown> {
  return sql`(${sql.join(terms.map(termQuery), sql` && `)})`;
}

/**
 * -ts_rank (lower is better), and where terms also match by synonyms or words, 1,000 more for a voice that does not
 * hold every term's own phrase: exact phrases first. `doc` and `q` name the document and the query in scope.
 */
function rankOf(terms: FullTextTerm[], doc: RawBuilder<unknown>, q: RawBuilder<unknown>): RawBuilder<number> {
  const rank = sql<number>`-ts_rank(${doc}, ${q})`;
  if (!terms.some(hasAlternatives)) return rank;
  const exact = sql`(${sql.join(terms.map(phraseQuery), sql` && `)})`;
  // Loose matches (all words but one) after every voice matching all the words.
  const loose = hasLoose(terms)
    ? sql` when ${doc} @@ ${tsQuery(withoutLoose(terms))} then 1000 else 2000`
    : sql` else 1000`;
  return sql<number>`(${rank} + case when ${doc} @@ ${exact} then 0${loose} end)`;
}

/**
 * Each document also holds three lexemes naming the voice's stretch of ids: `#a<id / 1,000>`, `#b<id / 10,000>` and
 * `#c<id / 100,000>`. Content never yields them (its lexemes are letters and digits only). AND-ed with a query
 * they let the GIN index itself keep only the hits among the newest voices, so the bitmap heap scan visits those
 * rows alone (each visit costs ~2–5 µs) instead of every hit of a common bigram.
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

async function maxIndexedId(db: Db): Promise<number> {
  const top = await sql<{ m: number | null }>`select max(voice_id) as m from voice_search`.execute(db);
  return Number(top.rows[0]?.m ?? 0);
}

const PG_BATCH = 500;

const fullText: FullTextSql = {
  rowPerHit: true,
  idBuckets: true,

  condition: (terms) =>
    sql<boolean>`v.id in (select voice_id from voice_search where doc @@ ${tsQuery(terms)})`,

  hits: (terms) =>
    sql`(select voice_id as id, ${rankOf(terms, sql`doc`, sql`t.q`)} as rank from voice_search, (select ${tsQuery(terms)} as q) as t where doc @@ t.q)`,

  async countHits(db, terms, upTo) {
    const q =
      upTo === undefined
        ? sql<{ n: number }>`select count(*) as n from voice_search where doc @@ ${tsQuery(terms)}`
        : sql<{ n: number }>`select count(*) as n from (select 1 from voice_search
          where doc @@ ${tsQuery(terms)} limit ${upTo + 1}) x`;
    const r = await q.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  async topHits(db, terms, limit, offset) {
    const q = sql<{
      id: number;
    }>`select voice_id as id from voice_search, (select ${tsQuery(terms)} as q) as t
          where doc @@ t.q order by ${rankOf(terms, sql`doc`, sql`t.q`)}, voice_id desc limit ${limit} offset ${offset}`;
    return (await q.execute(db)).rows.map((r) => Number(r.id));
  },

  async newestHits(db, terms, { limit, offset, ascending, walk }) {
    const dir = ascending ? sql`asc` : sql`desc`;
    // coalesce(…) hides the GIN index, so the planner walks the received_at index and probes each voice.
    const match = walk ? sql`coalesce(s.doc @@ ${tsQuery(terms)}, false)` : sql`s.doc @@ ${tsQuery(terms)}`;
    const q = sql<{ id: number }>`select v.id from voices v
          where exists (select 1 from voice_search s where s.voice_id = v.id and ${match})
          order by v.received_at ${dir}, v.id ${dir} limit ${limit} offset ${offset}`;
    return (await q.execute(db)).rows.map((r) => Number(r.id));
  },

  // One pass over the hits among the given voices: each hit costs a heap visit, so a second pass to count would
  // double the cost; ts_rank is computed only for the hits that pass. Sorted here, as they are few.
  async rankedHitsAmong(db, terms, among, o = {}) {
    const limit = o.limit === undefined ? sql`` : sql` limit ${o.limit}`;
    const hits = await sql<{
      id: number;
      rank: number;
    }>`select s.voice_id as id, ${rankOf(terms, sql`s.doc`, sql`t.q`)} as rank
      from voice_search s, (select ${tsQuery(terms)} as q) t
      where s.doc @@ t.q and s.voice_id in (${among})${limit}`.execute(db);
    return hits.rows
      .map((r) => ({ id: Number(r.id), rank: Number(r.rank) }))
      .sort((a, b) => a.rank - b.rank || b.id - a.id)
      .map((r) => r.id);
  },

  /**
   * First looks among the newest voices through the id-bucket lexemes: a stretch sized by `share` (the bigrams'
   * share among recent voices) to hold about 1.5 × `limit` hits, widened by the density found while it holds fewer.
   * When that density says the whole index holds few hits, or the stretch grows past WIDE ids (bucket postings then
   * cost more than they save), a small index (at most WIDE ids) is read whole and sorted; a large one unsorted up
   * to 8 × `limit` hits, newest first: all the hits when there are fewer, else (the share was far too low) hits but
   * not the newest.
   */
  async recentBigramHits(db, bigrams, limit, opts = {}) {
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
  },

  maxIndexedId,

  async writeDocuments(trx, docs) {
    for (let i = 0; i < docs.length; i += PG_BATCH) {
      const rows = docs.slice(i, i + PG_BATCH).map(
        (d) => sql`(${d.id}, to_tsvector('simple', ${d.g}) || to_tsvector('simple', ${d.u})
          || array_to_tsvector(${[...idBucketLexemes(d.id), ...(d.keys ? d.keys.split(" ") : [])]}::text[]))`,
      );
      await sql`insert into voice_search (voice_id, doc) values ${sql.join(rows)}
        on conflict (voice_id) do update set doc = excluded.doc`.execute(trx);
    }
  },

  async tidyAfterRebuild(db) {
    await sql`analyze voice_search`.execute(db);
  },
};

/** Multi-row inserts of `batch` rows through Kysely. */
class PostgresBulkInserter implements BulkInserter {
  private rows: BulkRow[] = [];
  count = 0;
  constructor(
    private readonly db: Db,
    private readonly table: BulkTable,
    private readonly batch: number,
    private readonly beforeFlush?: () => Promise<void>,
  ) {}
  async add(row: BulkRow) {
    this.rows.push(row);
    if (this.rows.length >= this.batch) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    await this.beforeFlush?.();
    const rows = this.rows;
    this.rows = [];
    this.count += rows.length;
    // The rows are built for this table's columns by the caller; Kysely cannot check a union of tables.
    await this.db
      .insertInto(this.table)
      .values(rows as never)
      .execute();
  }
}

function monthsBeforeStart(startMonth: number): number {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError(`fiscal year start month must be an integer 1-12: ${startMonth}`);
  return startMonth - 1;
}

export const postgresDialect: DbDialect = {
  name: "postgres",
  fullText,
  // A fixed +09:00 (Japan has no daylight saving): the same dates as 'Asia/Tokyo' without a time-zone lookup per
  // row, ~3× faster over a fiscal year's voices (the handling figures' deadline sums: 47 → 16 ms at 1M voices).
  jstDate: (column) => sql<string | null>`((${column}) at time zone interval '+09:00')::date`,
  jstMonth: (column) => sql<string | null>`to_char((${column}) at time zone interval '+09:00', 'YYYY-MM')`,
  // Moving the date back by the months before the start month leaves the fiscal year's name as the calendar year.
  jstFiscalYear: (column, startMonth) =>
    sql<
      number | null
    >`extract(year from ((${column}) at time zone 'Asia/Tokyo') - make_interval(months => ${monthsBeforeStart(startMonth)}))::int`,
  // The reads' row parsing and JavaScript (the rising words count a year of voices' words) would hold the
  // server's event loop for tens of milliseconds; reader workers with their own small pool take them off it.
  readerTarget(db) {
    const url = connectionUrls.get(db);
    return url ? { dialect: "postgres", url } : undefined;
  },
  async lockUntilCommit(trx, key) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
  },
  writesInWith: true,
  rawHandle: () => undefined,
  bulkInserter: (kdb, table, o = {}) =>
    new PostgresBulkInserter(kdb.db, table, o.batch ?? 500, o.beforeFlush),
  async continueIdsAfter(db, tables) {
    for (const t of tables) {
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select coalesce(max(id), 1) from ${sql.table(t)}))`.execute(
        db,
      );
    }
  },
  async describeTables(db) {
    const columns = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db);
    const keys = await sql<{ table_name: string; column_name: string }>`
      select cl.relname as table_name, a.attname as column_name
      from pg_index i
      join pg_class cl on cl.oid = i.indrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
      join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum
      where i.indisprimary and n.nspname = current_schema()
      order by cl.relname, k.position`.execute(db);
    const refs = await sql<{ table_name: string; column_name: string; referenced: string }>`
      select cl.relname as table_name, a.attname as column_name, rc.relname as referenced
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_class rc on rc.oid = c.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and n.nspname = current_schema()`.execute(db);
    const tables = new Map<string, TableShape>();
    const nullable = new Map<string, boolean>();
    for (const c of columns.rows) {
      const t = tables.get(c.table_name) ?? {
        name: c.table_name,
        columns: [],
        primaryKey: [],
        references: [],
      };
      t.columns.push(c.column_name);
      tables.set(c.table_name, t);
      nullable.set(`${c.table_name}.${c.column_name}`, c.is_nullable === "YES");
    }
    for (const k of keys.rows) tables.get(k.table_name)?.primaryKey.push(k.column_name);
    for (const r of refs.rows) {
      tables.get(r.table_name)?.references.push({
        column: r.column_name,
        table: r.referenced,
        nullable: nullable.get(`${r.table_name}.${r.column_name}`) ?? true,
      });
    }
    return [...tables.values()];
  },
  async beginReadSnapshot(conn) {
    await sql`begin isolation level repeatable read read only`.execute(conn);
  },
};
