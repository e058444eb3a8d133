/**
 * Property: the main write routes (voices: register, edit, workflow actions; improvements and their notes; surveys
 * and paper answers; KPI entries; activity records), given bodies generated from their zod schemas with realistic
 * values and real references (the world's departments, users, voices, label codes; dates in range; Japanese text),
 * mostly succeed, so the handlers' inner paths run: each success reads back (the record answers its GET), nothing
 * answers 500, and a refusal writes nothing. The share of successes per route is printed and must reach 30%.
 * write-routes-property.test.ts throws mostly broken bodies at every route; this suite is its valid half.
 * On every database; the seed is fixed (KOE_PROPERTY_SEED, KOE_PROPERTY_SCALE to run longer).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import { changedCounts, expectWellRefused, PROPERTY_SEED, runsPerRoute } from "../helpers/bad-input.js";
import { answerOf, type Caller, type PropertyWorld, propertyWorld } from "../helpers/property-fixture.js";
import { realisticHints, worldRefs } from "../helpers/realistic-bodies.js";
import { testDialects } from "../helpers/test-database.js";
import { arbitraryFor } from "../helpers/zod-arbitrary.js";

const dialects = await testDialects();
const RUNS = runsPerRoute(16);
const MIN_SHARE = 0.3;

interface Target {
  key: string;
  /** where the ids of the route's `:id` come from */
  ids?: (db: Db) => Promise<number[]>;
  callers: Caller[];
  query?: string;
  /** what only the record can tell: the version an edit was read at */
  current?: (db: Db, id: number) => Promise<Record<string, number>>;
}

const voiceVersion = async (db: Db, id: number) => {
  const v = await db.selectFrom("voices").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  return { version: v.version };
};

const TARGETS: Target[] = [
  { key: "POST /api/v1/voices", callers: ["cs", "admin"] },
  { key: "PATCH /api/v1/voices/:id", ids: voiceIds, callers: ["cs", "admin"], current: voiceVersion },
  { key: "POST /api/v1/voices/:id/actions", ids: voiceIds, callers: ["cs", "admin"] },
  { key: "POST /api/v1/improvements", callers: ["cs", "admin"] },
  { key: "PATCH /api/v1/improvements/:id", ids: idsOf("improvements"), callers: ["cs", "admin"] },
  { key: "POST /api/v1/improvements/:id/notes", ids: idsOf("improvements"), callers: ["cs", "admin"] },
  { key: "POST /api/v1/surveys", callers: ["cs", "admin"] },
  { key: "POST /api/v1/surveys/:id/answers", ids: idsOf("surveys"), callers: ["cs", "admin"] },
  {
    key: "PUT /api/v1/kpis/:id/entries",
    ids: manualKpiIds,
    callers: ["cs", "admin"],
    query: `?year=${new Date().getFullYear() - 1}`,
  },
  { key: "POST /api/v1/activities/events", callers: ["cs", "admin"] },
  { key: "POST /api/v1/activities/trainings", callers: ["cs", "admin"] },
  { key: "POST /api/v1/activities/staff", callers: ["cs", "admin"] },
];

function idsOf(table: "improvements" | "surveys") {
  return async (db: Db) => (await db.selectFrom(table).select("id").execute()).map((r) => r.id);
}
async function voiceIds(db: Db) {
  const rows = await db.selectFrom("voices").select("id").where("status", "!=", "voided").execute();
  return rows.map((r) => r.id);
}
async function manualKpiIds(db: Db) {
  const rows = await db
    .selectFrom("kpis")
    .select("id")
    .where("source", "=", "manual")
    .where("retired_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

describe.each(dialects)("main write routes with realistic generated bodies on %s", (dialect) => {
  let world: PropertyWorld;

  beforeAll(async () => {
    world = await propertyWorld(dialect);
    const admin = world.clients.admin;
    // the KPIs of the template, for their entries
    const template = await admin.post("/api/v1/kpis/template", {});
    if (template.status >= 300)
      throw new Error(`KPI template: ${template.status} ${JSON.stringify(template.body)}`);
    // a KPI whose value is entered by hand, beside the template's computed ones
    const theme = await world.tdb.db
      .selectFrom("kpi_themes")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    for (const [number, name] of [
      [90, "お客さま向け説明会の参加者満足度"],
      [91, "苦情対応研修の受講率"],
    ] as const) {
      const kpi = await admin.post("/api/v1/kpis", {
        themeId: theme.id,
        number,
        name,
        unit: "%",
        source: "manual",
      });
      if (kpi.status !== 201) throw new Error(`manual KPI: ${kpi.status} ${JSON.stringify(kpi.body)}`);
    }
    // an improvement to edit and annotate before any is proposed by the run
    const refs = await worldRefs(world.tdb.db);
    const imp = await admin.post("/api/v1/improvements", {
      title: "電話がつながりにくい時間帯の解消",
      problem: "月曜午前の電話が何度かけてもつながらない。",
      ownerDepartmentId: refs.departmentIds[0],
      dueDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
      voiceIds: refs.voiceIds.slice(0, 1),
    });
    if (imp.status !== 201) throw new Error(`improvement: ${imp.status} ${JSON.stringify(imp.body)}`);
  }, 300_000);
  afterAll(async () => {
    await world?.app.close();
    await world?.tdb.drop();
  });

  it(`most realistic bodies succeed and read back; refusals write nothing (seed ${PROPERTY_SEED})`, async () => {
    const shares: string[] = [];
    const low: string[] = [];
    const failures: string[] = [];
    for (const target of TARGETS) {
      const route = world.routes.find((r) => r.key === target.key);
      expect(route, target.key).toBeDefined();
      if (!route?.schema.body) throw new Error(`${target.key}: no body schema`);
      const refs = await worldRefs(world.tdb.db);
      const ids = target.ids ? await target.ids(world.tdb.db) : [0];
      expect(ids.length, `${target.key}: records to address`).toBeGreaterThan(0);
      const getKey = target.key.includes(":id")
        ? `GET ${route.url.replace(/\/:id\/.*$/, "/:id")}`
        : `GET ${route.url}/:id`;
      const readBack = world.routes.some((r) => r.key === getKey);
      let ok = 0;
      let runs = 0;
      const details = await fc.check(
        fc.asyncProperty(
          arbitraryFor(route.schema.body, 0, realisticHints(refs)),
          fc.constantFrom(...ids),
          fc.constantFrom(...target.callers),
          async (body, id, caller) => {
            runs++;
            const client = world.clients[caller];
            const path = route.url.replace(":id", String(id));
            if (target.current && body && typeof body === "object" && !Array.isArray(body))
              Object.assign(body, await target.current(world.tdb.db, id));
            const before = await world.counts();
            const res = await world.app.inject({
              method: route.method,
              url: `${path}${target.query ?? ""}`,
              headers: {
                cookie: client.cookie ?? "",
                "x-csrf-token": client.csrf ?? "",
                "content-type": "application/json",
              },
              payload: JSON.stringify(body),
            });
            const answer = answerOf(res);
            const what = `${route.method} ${path} as ${caller} → ${answer.status}`;
            expectWellRefused(answer, what);
            if (answer.status >= 400) {
              if (process.env.KOE_PROPERTY_DEBUG)
                console.info(
                  what,
                  JSON.stringify(body).slice(0, 300),
                  JSON.stringify(answer.body).slice(0, 300),
                );
              expect(changedCounts(before, await world.counts()), `${what}: partial write`).toEqual({});
              return;
            }
            ok++;
            if (!readBack) return;
            const created = (answer.body as { id?: unknown } | null)?.id;
            const readPath = target.key.includes(":id")
              ? path.replace(/\/(\d+)\/.*$/, "/$1")
              : `${route.url}/${String(created)}`;
            const back = await client.get(readPath);
            expect(back.status, `${what}: ${readPath} reads back`).toBe(200);
          },
        ),
        { numRuns: RUNS, seed: PROPERTY_SEED, endOnFailure: true },
      );
      if (details.failed)
        failures.push(
          `${target.key}: ${String((details.errorInstance as Error | undefined)?.message).slice(0, 1500)}\n` +
            (fc.defaultReportMessage(details) ?? "").slice(0, 2000),
        );
      const share = runs ? ok / runs : 0;
      shares.push(`${target.key} ${Math.round(share * 100)}% (${ok}/${runs})`);
      if (share < MIN_SHARE) low.push(target.key);
    }
    console.info(`valid writes on ${dialect}, success share per route:\n  ${shares.join("\n  ")}`);
    expect(failures, failures.join("\n\n")).toEqual([]);
    expect(low, `routes under ${MIN_SHARE * 100}%:\n${shares.join("\n")}`).toEqual([]);
  }, 300_000);
});
