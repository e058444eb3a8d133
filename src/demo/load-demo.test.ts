/** The demo loader on every database: users for every role, voices with timelines, counters and search. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../tests/helpers/test-database.js";
import { login } from "../features/users-and-settings/sessions.js";
import { getSettings } from "../features/users-and-settings/settings.js";
import { listVoices } from "../features/voices/list-voices.js";
import { nextReceiptNumber } from "../features/voices/receipt-numbers.js";
import { loadDemo } from "./load-demo.js";

const dialects = await testDialects();

describe.each(dialects)("demo loader on %s", (dialect) => {
  let tdb: TestDatabase;
  let result: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    result = await loadDemo(tdb, { now: new Date("2026-11-20T03:00:00Z"), maxVoices: 3000 });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("creates a login for every role and loads voices with their timelines", async () => {
    expect(new Set(result.users.map((u) => u.role))).toEqual(
      new Set(["admin", "cs", "lead", "staff", "viewer"]),
    );
    const s = await login(tdb.db, "staff.call-center@demo.koe.jp", result.password, null);
    expect(s.kind === "signed_in" && s.user.role).toBe("staff");
    expect(result.voices).toBe(3000);
    expect(result.events).toBeGreaterThan(3000 * 3);
    const noCreated = await tdb.db
      .selectFrom("voices as v")
      .select("v.id")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("voice_events as e")
              .select("e.id")
              .whereRef("e.voice_id", "=", "v.id")
              .where("e.kind", "=", "created"),
          ),
        ),
      )
      .execute();
    expect(noCreated).toHaveLength(0);
  });

  it("closes demo complaints only through a second person's approval after a response", async () => {
    const closedComplaints = await tdb.db
      .selectFrom("voices as v")
      .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
      .select(["v.id", "v.resolved_by", "v.response_count"])
      .where("t.code", "=", "complaint")
      .where("v.status", "=", "closed")
      .execute();
    expect(closedComplaints.length).toBeGreaterThan(0);
    for (const c of closedComplaints) {
      expect(c.response_count).toBeGreaterThan(0);
      const approval = await tdb.db
        .selectFrom("voice_events")
        .select("actor_id")
        .where("voice_id", "=", c.id)
        .where("kind", "=", "approved")
        .executeTakeFirstOrThrow();
      expect(approval.actor_id).not.toBe(c.resolved_by);
    }
  });

  it("continues receipt numbers after the demo and indexes the demo texts for search", async () => {
    const last = await tdb.db
      .selectFrom("voices")
      .select("receipt_number")
      .where("fiscal_year", "=", 2022)
      .orderBy("receipt_number", "desc")
      .executeTakeFirstOrThrow();
    const next = await nextReceiptNumber(tdb.db, 2022);
    expect(Number(next.slice(5))).toBe(Number(last.receipt_number.slice(5)) + 1);
    const admin = { id: 1, role: "admin" as const, departmentId: null };
    const hits = await listVoices(tdb.db, admin, { q: "共済" });
    expect(hits.total).toBeGreaterThan(0);
  });
});

describe.each(dialects)("demo loader --as-of on %s", (dialect) => {
  let tdb: TestDatabase;
  let result: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    result = await loadDemo(tdb, { asOf: "2023-05-31", maxVoices: 1500 });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("stores the federation's June start month in the settings and numbers FY2019 from June 2019", async () => {
    expect((await getSettings(tdb.db)).fiscalYearStartMonth).toBe(6);
    expect(result.voices).toBe(1500);
    expect(result.fiscalYears).toEqual([2019]);
    const first = await tdb.db
      .selectFrom("voices")
      .select(["receipt_number", "fiscal_year", "received_at"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect(first.receipt_number).toBe("2019-000001");
    expect(first.fiscal_year).toBe(2019);
    // the first voice of FY2019 is received on or after 1 June 2019 in Japan
    expect(first.received_at >= "2019-05-31T15:00:00.000Z").toBe(true);
    expect(first.received_at < "2019-06-08T15:00:00.000Z").toBe(true);
  });

  it("refuses asOf together with now", async () => {
    await expect(loadDemo(tdb, { asOf: "2023-05-31", now: new Date() })).rejects.toThrow(RangeError);
  });
});
