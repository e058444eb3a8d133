/**
 * Every database test runs on every database: SQLite in a temporary file and PostgreSQL in a database
 * created for the test and dropped after it. KOE_TEST_DIALECTS narrows the list (e.g. "sqlite").
 * With CI=true an unreachable PostgreSQL fails the run instead of skipping it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { prepareDatabase } from "../../src/bootstrap.js";
import { type Db, type Dialect, type KoeDatabase, openTarget } from "../../src/db/database.js";
import type { Database } from "../../src/db/schema.js";

export const PG_ADMIN_URL = process.env.KOE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function testDialects(): Promise<Dialect[]> {
  const wanted = (process.env.KOE_TEST_DIALECTS ?? "sqlite,postgres")
    .split(",")
    .map((s) => s.trim()) as Dialect[];
  const out: Dialect[] = [];
  for (const d of wanted) {
    if (d === "postgres" && !(await postgresReachable())) {
      if (process.env.CI === "true") {
        throw new Error(
          `PostgreSQL に接続できません（${PG_ADMIN_URL}）。CI では PostgreSQL のテストを省略できません`,
        );
      }
      console.warn(`PostgreSQL に接続できないため、PostgreSQL のテストを省略します（${PG_ADMIN_URL}）`);
      continue;
    }
    out.push(d);
  }
  return out;
}

export interface TestDatabase extends KoeDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated, seeded database with the first admin (admin@example.jp / admin-password-1); with
 * `{ prepared: false }` a database with nothing in it, not even the schema (a restore's target).
 */
export async function createTestDatabase(
  dialect: Dialect,
  opts: { prepared?: boolean } = {},
): Promise<TestDatabase> {
  const prepare = async (kdb: KoeDatabase) => {
    if (opts.prepared !== false) {
      await prepareDatabase(kdb, { email: "admin@example.jp", password: "admin-password-1" });
    }
  };
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "koe-test-"));
    const url = `sqlite:${join(dir, "koe.sqlite")}`;
    const kdb = await openTarget({ dialect: "sqlite", path: join(dir, "koe.sqlite") });
    await prepare(kdb);
    return {
      ...kdb,
      url,
      async drop() {
        await kdb.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `koe_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const kdb = await openTarget({ dialect: "postgres", url }, { poolSize: 5 });
  await prepare(kdb);
  return {
    ...kdb,
    url,
    async drop() {
      await kdb.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** How many rows a table holds (to show that a refused request wrote nothing). */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
