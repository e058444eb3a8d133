import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { loadDemo } from "../demo/load-demo.js";
import { fiscalYearOf } from "../domain/fiscal-period.js";
import { jstDate } from "../domain/jst.js";
import { reindexAll } from "../search/search-index.js";
import { parseSearchQuery } from "../search/search-text.js";
import { databaseFilesOf, dialectFor, dialectNamed } from "./dialect.js";

const dialects = await testDialects();

describe("the files of a database", () => {
  it("are the SQLite file and its WAL and shared-memory files, none in memory or on PostgreSQL", () => {
    expect(databaseFilesOf({ dialect: "sqlite", path: "./data/demo.sqlite" })).toEqual([
      "./data/demo.sqlite",
      "./data/demo.sqlite-wal",
      "./data/demo.sqlite-shm",
    ]);
    expect(databaseFilesOf({ dialect: "sqlite", path: ":memory:" })).toEqual([]);
    expect(databaseFilesOf({ dialect: "postgres", url: "postgres://koe@db.example.jp/koe" })).toEqual([]);
  });
});

describe.each(dialects)("the dialect adapter on %s", (dialect) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await loadDemo(tdb, { maxVoices: 400, now: new Date("2026-05-01T00:00:00Z") });
  }, 120_000);
  afterAll(async () => {
    await tdb?.drop();
  });

  it("is the one for the database's dialect", () => {
    expect(dialectFor(tdb.db).name).toBe(dialect);
    expect(dialectNamed(dialect)).toBe(dialectFor(tdb.db));
  });

  it("buckets timestamps by Japanese date, month and fiscal year as the domain rules do", async () => {
    const d = dialectFor(tdb.db);
    // Instants around midnight in Japan (15:00 UTC), month and year ends, and a leap day.
    const instants = [
      "2024-03-31T14:59:59.999Z",
      "2024-03-31T15:00:00.000Z",
      "2024-02-28T15:00:00.000Z",
      "2024-05-31T14:00:00.000Z",
      "2024-05-31T15:00:00.000Z",
      "2023-12-31T14:59:59.000Z",
      "2023-12-31T15:00:00.000Z",
      "2025-06-30T23:30:00.000Z",
    ];
    const ids = (
      await tdb.db.selectFrom("voices").select("id").orderBy("id").limit(instants.length).execute()
    ).map((r) => r.id);
    for (const [i, at] of instants.entries()) {
      await tdb.db
        .updateTable("voices")
        .set({ received_at: at })
        .where("id", "=", ids[i] as number)
        .execute();
    }
    const rows = await tdb.db
      .selectFrom("voices")
      .select([
        "received_at",
        d.jstDate(sql.ref("received_at")).as("day"),
        d.jstMonth(sql.ref("received_at")).as("month"),
        d.jstFiscalYear(sql.ref("received_at"), 4).as("fy4"),
        d.jstFiscalYear(sql.ref("received_at"), 6).as("fy6"),
        d.jstFiscalYear(sql.ref("received_at"), 1).as("fy1"),
        d.jstFiscalYear(sql.ref("received_at"), 12).as("fy12"),
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(300);
    const got = rows.map((r) => [r.day, r.month, r.fy4, r.fy6, r.fy1, r.fy12]);
    const want = rows.map((r) => {
      const day = jstDate(r.received_at);
      return [day, day.slice(0, 7), ...[4, 6, 1, 12].map((m) => fiscalYearOf(r.received_at, m))];
    });
    expect(got).toEqual(want);
    const byInstant = new Map(rows.map((r) => [new Date(r.received_at).toISOString(), r]));
    expect(byInstant.get("2024-03-31T14:59:59.999Z")).toMatchObject({ day: "2024-03-31", fy4: 2023 });
    expect(byInstant.get("2024-03-31T15:00:00.000Z")).toMatchObject({ day: "2024-04-01", fy4: 2024 });
    expect(byInstant.get("2024-02-28T15:00:00.000Z")).toMatchObject({ day: "2024-02-29", month: "2024-02" });
    expect(byInstant.get("2024-05-31T15:00:00.000Z")).toMatchObject({ month: "2024-06", fy6: 2024 });
    expect(byInstant.get("2023-12-31T15:00:00.000Z")).toMatchObject({
      month: "2024-01",
      fy1: 2024,
      fy12: 2023,
    });
    expect(() => d.jstFiscalYear(sql.ref("received_at"), 13)).toThrow(RangeError);
  });

  it("serialises transactions that take the same lock", async () => {
    const d = dialectFor(tdb.db);
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const firstHasLock = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = tdb.db.transaction().execute(async (trx) => {
      await d.lockUntilCommit(trx, "koe_import");
      order.push("1 locked");
      locked();
      await held;
      order.push("1 commits");
    });
    await firstHasLock;
    // SQLite has one connection: the second transaction waits for it; PostgreSQL waits for the advisory lock.
    const second = tdb.db.transaction().execute(async (trx) => {
      await d.lockUntilCommit(trx, "koe_import");
      order.push("2 locked");
    });
    await new Promise((r) => setTimeout(r, 300));
    order.push("released");
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["1 locked", "released", "1 commits", "2 locked"]);
  });

  it("hands out the raw handle only where prepared-statement bulk paths exist", async () => {
    const d = dialectFor(tdb.db);
    if (dialect === "sqlite") {
      expect(d.rawHandle(tdb)).toBe(tdb.sqlite);
      expect(d.rawHandle(tdb.db)).toBe(tdb.sqlite);
    } else {
      expect(d.rawHandle(tdb)).toBeUndefined();
      expect(d.rawHandle(tdb.db)).toBeUndefined();
    }
    // A transaction is not the opened instance: its caller already holds the connection.
    await tdb.db.transaction().execute(async (trx) => {
      expect(d.rawHandle(trx)).toBeUndefined();
    });
  });

  it("bulk-inserts rows with their ids, and later inserts continue after them", async () => {
    const d = dialectFor(tdb.db);
    const top = await tdb.db
      .selectFrom("customers")
      .select((eb) => eb.fn.max("id").as("m"))
      .executeTakeFirstOrThrow();
    const first = Number(top.m ?? 0) + 100;
    const customer = (id: number, name: string, kana: string) => ({
      id,
      name,
      kana,
      member_number: `M${id}`,
      phone: "03-1234-5678",
      email: null,
      prefecture: "東京都",
      address: "千代田区丸の内1-1-1",
      age_band: "40代",
      gender: "女性",
      contact_consent: 1,
    });
    const insert = d.bulkInserter(tdb, "customers", { batch: 2 });
    await insert.add(customer(first, "山田 花子", "ヤマダ ハナコ"));
    await insert.add(customer(first + 1, "佐藤 一郎", "サトウ イチロウ"));
    await insert.add(customer(first + 2, "鈴木 美咲", "スズキ ミサキ"));
    await insert.flush();
    expect(insert.count).toBe(3);
    await d.continueIdsAfter(tdb.db, ["customers"]);
    const next = await tdb.db
      .insertInto("customers")
      .values({ ...customer(0, "高橋 健", "タカハシ ケン"), id: undefined, member_number: "M-next" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(first + 3);
    const names = await tdb.db
      .selectFrom("customers")
      .select("name")
      .where("id", ">=", first)
      .orderBy("id")
      .execute();
    expect(names.map((r) => r.name)).toEqual(["山田 花子", "佐藤 一郎", "鈴木 美咲", "高橋 健"]);
  });

  it("rebuilds the search index with the same hits", async () => {
    const ft = dialectFor(tdb.db).fullText;
    const queries = ["電話", "説明 対応", "「口座振替」", "遅"].map((q) => parseSearchQuery(q));
    const before = await Promise.all(queries.map((t) => ft.topHits(tdb.db, t, 50, 0)));
    expect(before.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
    await sql`delete from voice_search`.execute(tdb.db);
    expect(await ft.countHits(tdb.db, queries[0] ?? [])).toBe(0);
    const voices = await tdb.db
      .selectFrom("voices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(await reindexAll(tdb)).toBe(Number(voices.n));
    expect(await Promise.all(queries.map((t) => ft.topHits(tdb.db, t, 50, 0)))).toEqual(before);
    expect(await ft.maxIndexedId(tdb.db)).toBe(
      Number(
        (
          await tdb.db
            .selectFrom("voices")
            .select((eb) => eb.fn.max("id").as("m"))
            .executeTakeFirstOrThrow()
        ).m,
      ),
    );
  });
});
