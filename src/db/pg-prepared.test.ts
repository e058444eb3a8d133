// Frequent statements become named prepared statements on PostgreSQL (pg-prepared.ts): which texts get a name, that
// PostgreSQL really holds them, and that a migration changing a table under a prepared `select *` costs at most the
// one transaction it happens in.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { type KoeDatabase, openTarget } from "./database.js";
import { preparedStatementsWanted, StatementNames } from "./pg-prepared.js";

describe("StatementNames", () => {
  const select = 'select "id" from "voices" where "id" = $1';

  it("names a text on its third use, and the same name every time after", () => {
    const names = new StatementNames();
    expect(names.nameFor(select)).toBeNull();
    expect(names.nameFor(select)).toBeNull();
    const name = names.nameFor(select);
    expect(name).toMatch(/^koe_\d+$/);
    expect(names.nameFor(select)).toBe(name);
    expect(names.nameFor(`${select} limit 1`)).toBeNull();
  });

  it("never names transaction control, DDL, several statements or bulk texts", () => {
    const names = new StatementNames();
    const never = [
      "begin",
      "commit",
      "rollback",
      "create table t (id int)",
      "select 1; select 2",
      `insert into "voices" values ${Array.from({ length: 2_000 }, (_, i) => `($${i + 1})`).join(", ")}`,
    ];
    for (const text of never) for (let i = 0; i < 5; i++) expect(names.nameFor(text)).toBeNull();
    expect(names.size).toBe(0);
  });

  it("hands out at most 400 names, never the same name twice, and forgets a refused text for good", () => {
    const names = new StatementNames();
    const issued = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const text = `select ${i} as n from "voices" where "id" = $1`;
      names.nameFor(text);
      names.nameFor(text);
      const name = names.nameFor(text);
      if (name) issued.add(name);
    }
    expect(issued.size).toBe(400);
    names.refuse('select 0 as n from "voices" where "id" = $1');
    expect(names.size).toBe(399);
    for (let i = 0; i < 5; i++)
      expect(names.nameFor('select 0 as n from "voices" where "id" = $1')).toBeNull();
    const fresh = 'select "receipt_number" from "voices" where "id" = $1';
    names.nameFor(fresh);
    names.nameFor(fresh);
    const name = names.nameFor(fresh);
    expect(name).not.toBeNull();
    expect(issued.has(name as string)).toBe(false);
  });

  it("is on unless KOE_PG_PREPARE says off, and a wrong value is a clear error", () => {
    expect(preparedStatementsWanted({})).toBe(true);
    expect(preparedStatementsWanted({ KOE_PG_PREPARE: "on" })).toBe(true);
    expect(preparedStatementsWanted({ KOE_PG_PREPARE: "OFF" })).toBe(false);
    expect(preparedStatementsWanted({ KOE_PG_PREPARE: "false" })).toBe(false);
    expect(() => preparedStatementsWanted({ KOE_PG_PREPARE: "sometimes" })).toThrow(/KOE_PG_PREPARE/);
  });
});

const onPostgres = (await testDialects()).includes("postgres");

describe.runIf(onPostgres)("prepared statements on PostgreSQL", () => {
  let tdb: TestDatabase;
  let one: KoeDatabase;
  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map(
      (r) => r.statement,
    );
  // biome-ignore lint/suspicious/noExplicitAny: a table of this test only, not in koe's schema
  const members = () => (one.db as any).selectFrom("members").selectAll().where("id", "=", 1);

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres", { prepared: false });
    // One connection, so every statement below runs on the backend whose prepared statements it reads.
    one = await openTarget({ dialect: "postgres", url: tdb.url }, { poolSize: 1 });
    await sql`create table members (id integer primary key, name text not null)`.execute(one.db);
    await sql`insert into members values (1, '山田 花子'), (2, '佐藤 一郎')`.execute(one.db);
  });

  afterAll(async () => {
    await one.close();
    await tdb.drop();
  });

  it("holds a statement sent three times as a prepared statement, with the same answers", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await members().execute());
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify([{ id: 1, name: "山田 花子" }])]),
    );
    expect((await prepared()).some((s) => s.includes('from "members"'))).toBe(true);
  });

  it("answers a prepared select * after a migration added a column (outside a transaction)", async () => {
    await sql`alter table members add column kana text`.execute(one.db);
    expect(await members().execute()).toEqual([{ id: 1, name: "山田 花子", kana: null }]);
    // From now on that text is sent unnamed.
    expect(await members().execute()).toEqual([{ id: 1, name: "山田 花子", kana: null }]);
  });

  it("fails only the transaction a changed table's prepared statement ran in", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test's own table
    const byName = (db: any) =>
      db.selectFrom("members").selectAll().where("name", "=", "佐藤 一郎").execute();
    for (let i = 0; i < 3; i++) await byName(one.db);
    await sql`alter table members add column phone text`.execute(one.db);
    await expect(one.db.transaction().execute((trx) => byName(trx))).rejects.toMatchObject({ code: "0A000" });
    expect(await one.db.transaction().execute((trx) => byName(trx))).toEqual([
      { id: 2, name: "佐藤 一郎", kana: null, phone: null },
    ]);
  });
});
