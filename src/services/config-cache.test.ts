// The taxonomy and settings kept in memory (config-cache.ts) on both databases: the generation moves with every
// change by any writer and only then, a second process sees a change at its next session or after the validity
// window, a change in this process is seen at once, and a rolled-back change never reaches the cache.
import { randomBytes } from "node:crypto";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { type KoeDatabase, openTarget } from "../db/database.js";
import { parseDatabaseUrl } from "../db/database-url.js";
import { INSURER_REPORT_RULE_KEY } from "../features/insurer-reports/rule-settings.js";
import { findSession, login } from "../features/users-and-settings/sessions.js";
import { getSettings, SETTINGS_KEYS, updateSettings } from "../features/users-and-settings/settings.js";
import { createLabel, taxonomyIndex, updateLabel } from "../features/users-and-settings/taxonomy.js";

/** Counts the statements sent through it (a plugin shares its Kysely's adapter, hence its cache). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of await testDialects()) {
  describe(`configuration cache on ${dialect}`, () => {
    let tdb: TestDatabase;
    let other: KoeDatabase;
    const generation = async (k: KoeDatabase = tdb) =>
      Number(
        (await k.db.selectFrom("config_generation").select("generation").executeTakeFirstOrThrow())
          .generation,
      );
    const complaintName = async (k: KoeDatabase) =>
      (await taxonomyIndex(k.db)).find("type", "complaint")?.name;
    const complaintId = async () =>
      (
        await tdb.db
          .selectFrom("taxonomy_labels")
          .select("id")
          .where("code", "=", "complaint")
          .executeTakeFirstOrThrow()
      ).id;

    beforeAll(async () => {
      tdb = await createTestDatabase(dialect);
      // Another app process on the same database: its own connection, its own cache.
      other = await openTarget(parseDatabaseUrl(tdb.url));
    });

    afterAll(async () => {
      await other.close();
      await tdb.drop();
    });

    it("moves the generation on a label, a department or a cached setting, not on a job's cursor", async () => {
      let g = await generation();
      await createLabel(tdb.db, "category", {
        code: `c${randomBytes(3).toString("hex")}`,
        name: "保険料の口座振替",
      });
      expect(await generation()).toBeGreaterThan(g);
      g = await generation();
      await tdb.db.updateTable("departments").set({ sort_order: 7 }).where("code", "=", "claims").execute();
      expect(await generation()).toBeGreaterThan(g);
      g = await generation();
      await updateSettings(tdb.db, { fiscalYearStartMonth: 1 });
      expect(await generation()).toBeGreaterThan(g);
      g = await generation();
      await tdb.db.insertInto("settings").values({ key: "testJobCursor", value: "42" }).execute();
      await tdb.db.updateTable("settings").set({ value: "43" }).where("key", "=", "testJobCursor").execute();
      await tdb.db.deleteFrom("settings").where("key", "=", "testJobCursor").execute();
      expect(await generation()).toBe(g);
      await tdb.db.deleteFrom("settings").where("key", "=", "fiscalYearStartMonth").execute();
      expect(await generation()).toBeGreaterThan(g);
    });

    it("moves the generation on every settings key kept in memory", async () => {
      for (const key of [...SETTINGS_KEYS, INSURER_REPORT_RULE_KEY]) {
        await tdb.db.deleteFrom("settings").where("key", "=", key).execute();
        const g = await generation();
        await tdb.db.insertInto("settings").values({ key, value: "null" }).execute();
        expect(await generation(), key).toBeGreaterThan(g);
        await tdb.db.deleteFrom("settings").where("key", "=", key).execute();
      }
    });

    it("answers a second read from memory, with no statement", async () => {
      const counter = new StatementCounter();
      const counted = tdb.db.withPlugin(counter);
      await taxonomyIndex(counted);
      await getSettings(counted);
      const before = counter.count;
      const [tax, settings] = [await taxonomyIndex(counted), await getSettings(counted)];
      expect(counter.count).toBe(before);
      expect(tax.find("type", "complaint")?.code).toBe("complaint");
      expect(settings.deadlineRules.complaint).toBeDefined();
    });

    it("sees its own process's change at once, and another process's at its next session", async () => {
      const id = await complaintId();
      const signedIn = await login(other.db, "admin@example.jp", "admin-password-1", "127.0.0.1");
      if (signedIn.kind !== "signed_in") throw new Error("expected a session");
      const { token } = signedIn;
      expect(await complaintName(other)).toBe("苦情");
      expect(await complaintName(tdb)).toBe("苦情");

      await updateLabel(tdb.db, "type", id, { name: "苦情・ご不満" });
      expect(await complaintName(tdb)).toBe("苦情・ご不満");
      // The other process learns of it from its next request's session query.
      await findSession(other.db, token);
      expect(await complaintName(other)).toBe("苦情・ご不満");

      // A read without a session in between trusts what it knows for a moment, then asks the database.
      await updateLabel(tdb.db, "type", id, { name: "苦情" });
      await sleep(400);
      expect(await complaintName(other)).toBe("苦情");
    });

    it("keeps nothing a rolled-back transaction read", async () => {
      const id = await complaintId();
      expect(await complaintName(tdb)).toBe("苦情");
      await expect(
        tdb.db.transaction().execute(async (trx) => {
          await updateLabel(trx, "type", id, { name: "取り消される名前" });
          expect((await taxonomyIndex(trx)).find("type", "complaint")?.name).toBe("取り消される名前");
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      expect(await complaintName(tdb)).toBe("苦情");
      await sql`select 1`.execute(tdb.db);
    });
  });
}
