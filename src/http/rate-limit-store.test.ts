/**
 * The database rate-limit store on every database: counts in the database until an address is over its limit,
 * then refuses that address from memory until the window the database started ends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { databaseRateLimitStore, ExceededWindows } from "./rate-limit-store.js";

interface Counted {
  current: number;
  ttl: number;
}

describe("ExceededWindows", () => {
  it("refuses a key noted over its limit until its window ends, then forgets it", () => {
    const w = new ExceededWindows();
    expect(w.refuse("POST /form|192.0.2.1", 1_000)).toBeUndefined();
    w.note("POST /form|192.0.2.1", { current: 5, ttl: 9_000 }, 5, 1_000);
    expect(w.size).toBe(0); // at the limit, not over it
    w.note("POST /form|192.0.2.1", { current: 6, ttl: 9_000 }, 5, 1_000);
    expect(w.refuse("POST /form|192.0.2.1", 2_000)).toEqual({ current: 7, ttl: 8_000 });
    expect(w.refuse("POST /form|192.0.2.1", 9_999)).toEqual({ current: 8, ttl: 1 });
    expect(w.refuse("POST /form|192.0.2.2", 2_000)).toBeUndefined();
    expect(w.refuse("POST /form|192.0.2.1", 10_000)).toBeUndefined();
    expect(w.size).toBe(0);
  });

  it("stays bounded when many addresses are over their limit", () => {
    const w = new ExceededWindows(100);
    for (let i = 0; i < 1_000; i++)
      w.note(`POST /form|10.0.${i >> 8}.${i & 255}`, { current: 6, ttl: 60_000 }, 5, 0);
    expect(w.size).toBeLessThanOrEqual(100);
    // the newest are kept
    expect(w.refuse("POST /form|10.0.3.231", 1)).toBeDefined();
  });
});

describe.each(await testDialects())("the database rate-limit store on %s", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const hits = async (key: string) =>
    Number(
      (
        await tdb.db
          .selectFrom("rate_limit_counters")
          .select("hits")
          .where("key", "=", key)
          .executeTakeFirst()
      )?.hits ?? 0,
    );

  it("stops asking the database once an address is over the limit, and asks again in the next window", async () => {
    const Store = databaseRateLimitStore(tdb.db);
    const store = new Store().child({ routeInfo: { method: "POST", url: "/api/v1/public/voices" } });
    const incr = (windowMs: number) =>
      new Promise<Counted>((resolve, reject) =>
        store.incr("198.51.100.7", (err, r) => (err ? reject(err) : resolve(r as Counted)), windowMs, 3),
      );
    const key = "POST /api/v1/public/voices|198.51.100.7";
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) counts.push((await incr(400)).current);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // the database counted up to the first refusal only
    expect(await hits(key)).toBe(4);
    await new Promise((r) => setTimeout(r, 450));
    expect((await incr(400)).current).toBe(1);
    expect(await hits(key)).toBe(1);
  });

  it("still counts across processes: another process's store sees the count in the database", async () => {
    const A = databaseRateLimitStore(tdb.db);
    const B = databaseRateLimitStore(tdb.db);
    const route = { routeInfo: { method: "POST", url: "/api/v1/public/surveys/answers" } };
    const a = new A().child(route);
    const b = new B().child(route);
    const incr = (s: typeof a) =>
      new Promise<Counted>((resolve, reject) =>
        s.incr("203.0.113.9", (err, r) => (err ? reject(err) : resolve(r as Counted)), 60_000, 2),
      );
    expect((await incr(a)).current).toBe(1);
    expect((await incr(b)).current).toBe(2);
    expect((await incr(a)).current).toBe(3); // over: A now refuses from memory
    expect((await incr(b)).current).toBe(4); // B learns it from the database
    expect((await incr(b)).current).toBe(5);
    expect(await hits("POST /api/v1/public/surveys/answers|203.0.113.9")).toBe(4);
  });
});
