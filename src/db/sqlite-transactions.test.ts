// SQLite transactions take the write lock at `begin` (dialect-sqlite.ts): a use case that reads, then writes,
// inside the caller's transaction is not failed by another process writing the same file in between.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KoeDatabase, openTarget } from "./database.js";

describe("SQLite transactions", () => {
  let dir: string;
  let kdb: KoeDatabase;
  let other: SQLite.Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "koe-sqlite-tx-"));
    const path = join(dir, "koe.sqlite");
    kdb = await openTarget({ dialect: "sqlite", path });
    await sql`create table counters (name text primary key, value integer not null)`.execute(kdb.db);
    await sql`insert into counters values ('receipt', 0)`.execute(kdb.db);
    // another process on the same file (e.g. `koe import` beside `koe serve`), which does not wait for locks
    other = new SQLite(path);
    other.pragma("busy_timeout = 0");
  });

  afterAll(async () => {
    other.close();
    await kdb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("hold the write lock from begin, so a read-then-write transaction is never overtaken", async () => {
    let otherWrite: string | null = null;
    await kdb.db.transaction().execute(async (trx) => {
      const before = await sql<{ value: number }>`select value from counters where name = 'receipt'`.execute(
        trx,
      );
      try {
        other.prepare("update counters set value = value + 100 where name = 'receipt'").run();
        otherWrite = "written";
      } catch (err) {
        otherWrite = (err as { code?: string }).code ?? "error";
      }
      await sql`update counters set value = ${(before.rows[0]?.value ?? 0) + 1} where name = 'receipt'`.execute(
        trx,
      );
    });
    // the other writer was told the database is locked; it can retry once this transaction has committed
    expect(otherWrite).toBe("SQLITE_BUSY");
    other.prepare("update counters set value = value + 100 where name = 'receipt'").run();
    const after = await sql<{ value: number }>`select value from counters where name = 'receipt'`.execute(
      kdb.db,
    );
    expect(after.rows[0]?.value).toBe(101);
  });
});
