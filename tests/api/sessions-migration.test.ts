/**
 * Migration 0031 (session last use, two-factor columns, recovery codes, login challenges) goes down and up again
 * on every database, with sessions and recovery codes in it: existing sessions survive the way up and use their
 * login time as their last use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from "../../src/db/database.js";
import { findSession } from "../../src/features/users-and-settings/sessions.js";
import { clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const M0031 = "2026-12-04-0031-sessions-two-factor";
const BEFORE_0031 = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(M0031) - 1] ?? "";

describe.each(dialects)("migration 0031 on %s", (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("goes down and up again; a session from before keeps working", async () => {
    expect(MIGRATION_NAMES).toContain(M0031);
    const users = await seedUsers(tdb);
    const app = await testApp(tdb);
    const cs = await clientAs(app, "cs@example.jp");
    await tdb.db
      .insertInto("recovery_codes")
      .values({ user_id: users.cs.id, code_hash: "0".repeat(64), created_at: new Date().toISOString() })
      .execute();
    await app.close();

    await migrateTo(tdb.db, BEFORE_0031);
    const tables = (await tdb.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain("recovery_codes");
    expect(tables).not.toContain("login_challenges");
    const sessionColumns = (await tdb.db.introspection.getTables())
      .find((t) => t.name === "sessions")
      ?.columns.map((c) => c.name);
    expect(sessionColumns).not.toContain("last_seen_at");

    // 0031 and every migration after it (going down to before 0031 undid them too)
    expect(await migrateToLatest(tdb.db)).toEqual(MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(M0031)));
    const token = decodeURIComponent((cs.cookie ?? "").split("=")[1] ?? "");
    const session = await findSession(tdb.db, token);
    expect(session?.user.email).toBe("cs@example.jp");
  });
});
