/**
 * The newest voices holding all of some bigrams (similar voices' candidates), on every database: whatever stretch
 * of ids PostgreSQL reads first (sized by the share it is told), the answer is the newest hits, newest first.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, MIGRATION_NAMES, migrateTo, migrateToLatest } from "../../src/db/database.js";
import { dialectFor } from "../../src/db/dialect.js";
import { loadDemo } from "../../src/demo/load-demo.js";
import { searchBigrams } from "../../src/text/similarity.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

/** The last migration before 0005: the test undoes every later one (each migration's own down), newest first. */
const BEFORE_0005 = "2026-11-23-0004-list-indexes";

const dialects = await testDialects();

const recentBigramHits = (db: Db, bigrams: string[], limit: number, opts?: { share?: number }) =>
  dialectFor(db).fullText.recentBigramHits(db, bigrams, limit, opts);

describe.each(dialects)("newest hits of bigrams on %s", (dialect) => {
  let tdb: TestDatabase;
  let voices: { id: number; grams: Set<string> }[];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await loadDemo(tdb, { maxVoices: 3_500, now: new Date("2026-05-01T00:00:00Z") });
    const rows = await tdb.db.selectFrom("voices").select(["id", "content"]).orderBy("id", "desc").execute();
    voices = rows.map((r) => ({ id: r.id, grams: new Set(searchBigrams(r.content)) }));
  }, 120_000);
  afterAll(async () => {
    await tdb?.drop();
  });

  const newest = (grams: string[], limit: number) =>
    voices
      .filter((v) => grams.every((g) => v.grams.has(g)))
      .slice(0, limit)
      .map((v) => v.id);

  it("returns the newest hits when told about the share of recent voices holding the bigrams", async () => {
    expect(voices.length).toBeGreaterThan(3_000);
    const counts = new Map<string, number>();
    for (const v of voices) for (const g of v.grams) counts.set(g, (counts.get(g) ?? 0) + 1);
    const byCount = [...counts].filter(([g]) => [...g].length === 2).sort((a, b) => b[1] - a[1]);
    const common = byCount[0]?.[0] as string;
    const middle = byCount.find(([, n]) => n > 20 && n < 200)?.[0] as string;
    const rare = byCount.find(([, n]) => n <= 3)?.[0] as string;
    const recent = voices.slice(0, 1_000);
    for (const grams of [[common], [middle], [rare], [common, middle], ["鯨鯱"]]) {
      const share = recent.filter((v) => grams.every((g) => v.grams.has(g))).length / recent.length;
      // the share as a sample measures it, and off by a factor of four either way
      for (const told of [share, share * 4, share / 4]) {
        for (const limit of [5, 40]) {
          const got = await recentBigramHits(tdb.db, grams, limit, { share: told });
          expect(got, `${grams.join("+")} share ${told} limit ${limit}`).toEqual(newest(grams, limit));
        }
      }
    }
  });

  it("still returns voices holding the bigrams, newest first, when the share it is told is far too low", async () => {
    const counts = new Map<string, number>();
    for (const v of voices) for (const g of v.grams) counts.set(g, (counts.get(g) ?? 0) + 1);
    const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const got = await recentBigramHits(tdb.db, [common], 40, { share: 0 });
    const holding = new Set(voices.filter((v) => v.grams.has(common)).map((v) => v.id));
    expect(got).toHaveLength(40);
    expect(new Set(got).size).toBe(40);
    expect(got.every((id) => holding.has(id))).toBe(true);
    expect(got).toEqual([...got].sort((a, b) => b - a));
  });
  it.runIf(dialect === "postgres")(
    "migration 0005 names the id stretch in documents written before it",
    async () => {
      const missing = async () =>
        Number(
          (
            await sql<{ n: string }>`select count(*) as n from voice_search
            where not doc @@ ('#a' || (voice_id / 1000)::text || ' & #b' || (voice_id / 10000)::text
              || ' & #c' || (voice_id / 100000)::text)::tsquery`.execute(tdb.db)
          ).rows[0]?.n,
        );
      const withMarks = async () =>
        Number(
          (
            await sql<{ n: string }>`select count(*) as n from voice_search
            where exists (select 1 from unnest(doc) u where u.lexeme like '#%')`.execute(tdb.db)
          ).rows[0]?.n,
        );
      expect(await missing()).toBe(0);
      // As a database migrated up to 0004 held them: no bucket lexemes, and the later migrations not yet applied.
      await migrateTo(tdb.db, BEFORE_0005);
      expect(await withMarks()).toBe(0);
      expect(await missing()).toBe(voices.length);
      expect(await migrateToLatest(tdb.db)).toEqual(MIGRATION_NAMES.filter((n) => n > BEFORE_0005));
      expect(await missing()).toBe(0);
      const grams = [...(voices[0]?.grams ?? [])].slice(0, 1);
      expect(await recentBigramHits(tdb.db, grams, 5, { share: 0.5 })).toEqual(newest(grams, 5));
    },
  );
});
