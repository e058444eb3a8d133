/**
 * 外部ID is unique in the database (migration 0022): a second voice with the same id is refused by the index, an
 * import that loses a race to another import answers 409 in Japanese and writes nothing, and the migration refuses
 * a database whose voices already share an id, naming it.
 */
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from "../../src/db/database.js";
import { isUniqueViolation } from "../../src/db/dialect.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const M0022 = "2026-12-04-0022-audit-chain-external-id";
const BEFORE_0022 = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(M0022) - 1] ?? "";
const HEADER = "受付日時,受付チャネル,種別,分類,部署,内容,外部ID";
const csv = (ids: string[]) =>
  Buffer.from(
    `${[HEADER, ...ids.map((id) => `2025/6/1,call_center,request,servicing,call_center,外部IDの確認 ${id},${id}`)].join("\n")}\n`,
  );

describe.each(await testDialects())("外部ID unique on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;

  beforeEach(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
  });
  afterEach(async () => {
    await app?.close();
    await tdb?.drop();
  });

  const register = async (n: number) => {
    const r = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt: "2025/6/2 9:15",
      channel: "counter",
      type: "request",
      category: "servicing",
      department: "cs",
      content: `外部IDのない声 ${n}`,
    });
    expect(r.status).toBe(201);
    return r.body.id;
  };
  const upload = async (file: Buffer) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/imports?dryRun=false",
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "application/octet-stream",
        "x-file-name": "ids.csv",
      },
      payload: file,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const withId = async (id: string) =>
    (await tdb.db.selectFrom("voices").select("id").where("external_id", "=", id).execute()).length;

  it("refuses a second voice with the same 外部ID; voices without one never collide", async () => {
    const [a, b, c] = [await register(1), await register(2), await register(3)];
    await tdb.db.updateTable("voices").set({ external_id: "SYS-1" }).where("id", "=", a).execute();
    const err = await tdb.db
      .updateTable("voices")
      .set({ external_id: "SYS-1" })
      .where("id", "=", b)
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).not.toBeNull();
    expect(isUniqueViolation(err, "external_id")).toBe(true);
    expect(isUniqueViolation(err, "receipt_number")).toBe(false);
    expect(await withId("SYS-1")).toBe(1);
    expect(c).toBeGreaterThan(0);
  });

  it("two imports of one file at once: each 外部ID once, never a 500", { timeout: 60_000 }, async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `PAIR-${i}`);
    const answers = await Promise.all([upload(csv(ids)), upload(csv(ids))]);
    for (const a of answers) {
      expect([200, 409]).toContain(a.status);
      if (a.status === 409)
        expect(a.body.error.message).toContain("同じ外部IDの声が、別の取り込みで同時に登録されました");
    }
    for (const id of ids) expect(await withId(id)).toBe(1);
  });

  it.runIf(dialect === "postgres")(
    "an import that loses the race to another writer answers 409 in Japanese and writes nothing",
    { timeout: 60_000 },
    async () => {
      const other = await register(1);
      let release = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      // Another writer holds RACE-1, not yet committed: the import cannot see it and collides at the index.
      const holder = tdb.db.transaction().execute(async (trx) => {
        await trx.updateTable("voices").set({ external_id: "RACE-1" }).where("id", "=", other).execute();
        await gate;
      });
      const before = (await tdb.db.selectFrom("voices").select("id").execute()).length;
      const answer = upload(csv(["RACE-0", "RACE-1", "RACE-2"]));
      await new Promise((r) => setTimeout(r, 1500));
      release();
      await holder;
      const res = await answer;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("conflict");
      expect(res.body.error.fields.externalId).toContain("もう一度取り込むと");
      expect((await tdb.db.selectFrom("voices").select("id").execute()).length).toBe(before);
      expect(await withId("RACE-0")).toBe(0);

      // Run again: the row now registered is skipped, the others are imported.
      const again = await upload(csv(["RACE-0", "RACE-1", "RACE-2"]));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ imported: 2, skipped: 1 });
    },
  );

  it("the migration refuses voices that already share a 外部ID, naming it, and applies once fixed", async () => {
    const [a, b] = [await register(1), await register(2)];
    await migrateTo(tdb.db, BEFORE_0022);
    await tdb.db.updateTable("voices").set({ external_id: "DUP-7" }).where("id", "in", [a, b]).execute();
    await expect(migrateToLatest(tdb.db)).rejects.toThrow(/外部IDが同じ声が複数あります（『DUP-7』）/);
    await tdb.db.updateTable("voices").set({ external_id: null }).where("id", "=", b).execute();
    expect(await migrateToLatest(tdb.db)).toContain(M0022);
  });
});
