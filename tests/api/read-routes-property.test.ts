/**
 * Property: every read route of the API (from the route table), given query strings generated from its own zod
 * schema and broken (unknown and repeated keys, wrong types, full-width digits, huge values, broken percent
 * escapes, encoded NUL and lone surrogates) and strange path ids, by any role, never answers 500, refuses in
 * written Japanese naming the parameter, and writes nothing but the audit log. On every database; the seed is
 * fixed and printed with any counterexample (KOE_PROPERTY_SEED, KOE_PROPERTY_SCALE to hunt longer).
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
import type { ApiRoute } from "../helpers/route-table.js";
import { testDialects } from "../helpers/test-database.js";
import { arbitraryFor } from "../helpers/zod-arbitrary.js";

const dialects = await testDialects();

const RUNS = runsPerRoute(20);
const RUNS_WITHOUT_QUERY = runsPerRoute(6);

/** Values a query parameter gets instead of what it expects; already percent-encoded (or deliberately broken). */
const STRANGE_VALUES = [
  "",
  "abc",
  "-1",
  "0",
  "1.5",
  "1e400",
  "NaN",
  "Infinity",
  encodeURIComponent("１２"),
  "9999999999999999999999",
  "2025-13-45",
  encodeURIComponent("令和99年13月"),
  "%",
  "%ZZ",
  "%E3%81",
  "%00",
  "%07%1B",
  "%C2%85",
  "%ED%A0%80",
  "%C0%AF",
  "%EF%BF%BF",
  encodeURIComponent("苦情\u3000窓口"),
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent("*"),
  encodeURIComponent("me,none,1,2,3"),
] as const;

type QueryMutation =
  | { kind: "strange"; key: string | null; value: string }
  | { kind: "huge"; key: string | null; length: number }
  | { kind: "repeat"; key: string | null };

const EXTRA_KEYS = ["extra", "__proto__", "constructor", "page[]", "limit[0]", "q%00"];

function queryArbitrary(route: ApiRoute): fc.Arbitrary<string> {
  const schema = route.schema.querystring;
  const shape =
    (schema?._zod.def as unknown as { shape?: Record<string, never> } | undefined)?.shape ?? undefined;
  const keys = Object.keys(shape ?? {});
  const keyArb = fc.oneof(
    { arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constant(null), weight: 4 },
    { arbitrary: fc.constantFrom(...EXTRA_KEYS), weight: 1 },
  );
  const mutation: fc.Arbitrary<QueryMutation> = fc.oneof(
    fc.record({
      kind: fc.constant("strange" as const),
      key: keyArb,
      value: fc.constantFrom(...STRANGE_VALUES),
    }),
    fc.record({
      kind: fc.constant("huge" as const),
      key: keyArb,
      length: fc.integer({ min: 1_000, max: 30_000 }),
    }),
    fc.record({ kind: fc.constant("repeat" as const), key: keyArb }),
  );
  const valid = schema ? arbitraryFor(schema) : fc.constant({});
  return fc
    .tuple(valid, fc.array(mutation, { maxLength: 3 }), fc.boolean())
    .map(([value, mutations, mutateIt]) => {
      const pairs: [string, string][] = [];
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
          if (v === null || v === undefined) continue;
          for (const item of Array.isArray(v) ? v : [v])
            pairs.push([
              k,
              encodeURIComponent(typeof item === "object" ? JSON.stringify(item) : String(item)),
            ]);
        }
      }
      if (mutateIt || !schema)
        for (const m of mutations) {
          const key = m.key ?? "extra";
          const at = pairs.findIndex(([k]) => k === key);
          if (m.kind === "repeat") {
            pairs.push([key, at >= 0 ? (pairs[at]?.[1] ?? "1") : "1"], [key, "2"]);
            continue;
          }
          const v = m.kind === "huge" ? encodeURIComponent("あ".repeat(m.length)) : m.value;
          if (at >= 0) pairs[at] = [key, v];
          else pairs.push([key, v]);
        }
      return pairs.map(([k, v]) => `${k}=${v}`).join("&");
    });
}

interface ReadRequest {
  caller: Caller;
  address: string;
  path: string;
  query: string;
}

describe.each(dialects)("read routes with generated query strings on %s", (dialect) => {
  let world: PropertyWorld;

  beforeAll(async () => {
    world = await propertyWorld(dialect);
  });
  afterAll(async () => {
    await world?.app.close();
    await world?.tdb.drop();
  });

  it(`never 500, refusals in Japanese naming the parameter, nothing written (seed ${PROPERTY_SEED})`, async () => {
    const routes = world.routes.filter((r) => r.method === "GET");
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let total = 0;
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const numRuns = route.schema.querystring ? RUNS : RUNS_WITHOUT_QUERY;
      total += numRuns;
      const arb: fc.Arbitrary<ReadRequest> = fc.record({
        caller: callerArbitrary,
        address: addressArbitrary,
        path: pathArbitrary(route, world.known),
        query: queryArbitrary(route),
      });
      const details = await fc.check(
        fc.asyncProperty(arb, async (req) => {
          const client = world.clients[req.caller];
          const before = await world.counts();
          const url = req.query ? `${req.path}?${req.query}` : req.path;
          const res = await world.app.inject({
            method: "GET",
            url,
            remoteAddress: req.address,
            headers: { cookie: client.cookie ?? "" },
          });
          const answer = answerOf(res);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = `GET ${url.slice(0, 300)} as ${req.caller} → ${answer.status}`;
          expectWellRefused(answer, what);
          // a read writes nothing (the audit log of who viewed what is left out of the counts)
          expect(changedCounts(before, await world.counts()), `${what}: a read wrote`).toEqual({});
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
      `read routes on ${dialect}: ${routes.length} routes, ${total} runs` +
        `; answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 300_000);
});
