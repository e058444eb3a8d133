/**
 * Property: every write route of the API (from the route table), given bodies generated from its own zod schema and
 * mutated (wrong types, missing fields, huge strings, NUL and control characters, lone surrogates, full-width
 * digits, extra fields, unreadable JSON), by any role, never answers 500, refuses in written Japanese naming the
 * field, and a refused request changes no table's row count. On every database; the seed is fixed and printed
 * with any counterexample (KOE_PROPERTY_SEED, KOE_PROPERTY_SCALE to hunt longer).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedCounts, expectWellRefused, PROPERTY_SEED, runsPerRoute } from "../helpers/bad-input.js";
import {
  addressArbitrary,
  answerOf,
  type Caller,
  callerArbitrary,
  type PropertyWorld,
  pathArbitrary,
  propertyWorld,
} from "../helpers/property-fixture.js";
import { type ApiRoute, FILE_ROUTES } from "../helpers/route-table.js";
import { testDialects } from "../helpers/test-database.js";
import {
  arbitraryFor,
  BROKEN_BODIES,
  mutate,
  mutationArbitrary,
  schemaValidSamples,
} from "../helpers/zod-arbitrary.js";

const dialects = await testDialects();

/** Runs per route with a body schema; a route without one has only broken bodies to vary. */
const RUNS = runsPerRoute(24);
const RUNS_WITHOUT_BODY = runsPerRoute(6);

/**
 * Routes whose success is expensive or ends the caller's session: the same properties with fewer runs
 * (training a model, retraining; the session routes log callers in and out).
 */
const FEW_RUNS = new Set([
  "POST /api/v1/model/train",
  "POST /api/v1/model/retrain",
  "DELETE /api/v1/session",
]);

interface WriteRequest {
  caller: Caller;
  address: string;
  path: string;
  payload: string;
  contentType: string;
}

function requestArbitrary(route: ApiRoute, world: PropertyWorld): fc.Arbitrary<WriteRequest> {
  const body = route.schema.body;
  const bases = body ? schemaValidSamples(body, PROPERTY_SEED) : [];
  const mutatedValid: fc.Arbitrary<string>[] = bases.length
    ? [
        fc
          .tuple(fc.constantFrom(...bases), mutationArbitrary, fc.nat())
          .map(([v, m, pick]) => mutate(v, m, pick)),
      ]
    : [];
  const payload: fc.Arbitrary<string> = body
    ? fc.oneof(
        ...mutatedValid.map((arbitrary) => ({ arbitrary, weight: 5 })),
        { arbitrary: arbitraryFor(body).map((v) => JSON.stringify(v)), weight: 2 },
        {
          arbitrary: fc
            .tuple(arbitraryFor(body), mutationArbitrary, fc.nat())
            .map(([v, m, pick]) => mutate(v, m, pick)),
          weight: 5,
        },
        { arbitrary: fc.constantFrom(...BROKEN_BODIES), weight: 1 },
      )
    : fc.oneof(fc.constant("{}"), fc.constantFrom(...BROKEN_BODIES));
  return fc.record({
    caller: callerArbitrary,
    address: addressArbitrary,
    path: pathArbitrary(route, world.known),
    payload,
    contentType: fc.oneof(
      { arbitrary: fc.constant("application/json"), weight: 12 },
      { arbitrary: fc.constant("application/json; charset=shift_jis"), weight: 1 },
      { arbitrary: fc.constant("text/plain"), weight: 1 },
    ),
  });
}

describe.each(dialects)("write routes with generated bodies on %s", (dialect) => {
  let world: PropertyWorld;

  beforeAll(async () => {
    world = await propertyWorld(dialect);
  });
  afterAll(async () => {
    await world?.app.close();
    await world?.tdb.drop();
  });

  it("walks the app's own routes: the table is every /api/v1 route of the built app's OpenAPI document", async () => {
    const doc = JSON.parse((await world.app.inject({ method: "GET", url: "/api/openapi.json" })).body) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      )
      .sort();
    expect(world.routes.map((r) => r.key).sort()).toEqual(documented);
  });

  it(`never 500, refusals in Japanese naming the field, nothing written when refused (seed ${PROPERTY_SEED})`, async () => {
    const routes = world.routes.filter(
      (r) => r.method !== "GET" && !FILE_ROUTES.has(r.key) && !r.url.startsWith("/api/v1/session"),
    );
    // the session routes last: logging out must not cut the others short
    const session = world.routes.filter((r) => r.method !== "GET" && r.url.startsWith("/api/v1/session"));
    expect(routes.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let total = 0;
    const withBases = routes.filter(
      (r) => r.schema.body && schemaValidSamples(r.schema.body, PROPERTY_SEED, 300, 1).length > 0,
    ).length;
    const statuses = new Map<number, number>();
    for (const route of [...routes, ...session]) {
      const numRuns = FEW_RUNS.has(route.key) ? 3 : route.schema.body ? RUNS : RUNS_WITHOUT_BODY;
      total += numRuns;
      const details = await fc.check(
        fc.asyncProperty(requestArbitrary(route, world), async (req) => {
          const client = world.clients[req.caller];
          const before = await world.counts();
          const res = await world.app.inject({
            method: route.method,
            url: req.path,
            remoteAddress: req.address,
            headers: {
              cookie: client.cookie ?? "",
              "x-csrf-token": client.csrf ?? "",
              "content-type": req.contentType,
            },
            payload: req.payload,
          });
          const answer = answerOf(res);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = `${route.method} ${req.path} as ${req.caller} → ${answer.status}`;
          expectWellRefused(answer, what);
          if (answer.status >= 400) {
            expect(changedCounts(before, await world.counts()), `${what}: partial write`).toEqual({});
          }
        }),
        { numRuns, seed: PROPERTY_SEED, endOnFailure: true },
      );
      if (details.failed)
        failures.push(
          `${route.key}: ${String((details.errorInstance as Error | undefined)?.message).slice(0, 1500)}\n` +
            (fc.defaultReportMessage(details) ?? "").slice(0, 2000),
        );
    }
    console.info(
      `write routes on ${dialect}: ${routes.length + session.length} routes (${withBases} with schema-valid bodies to mutate), ${total} runs` +
        `; answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 300_000);
});
