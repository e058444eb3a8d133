/**
 * The access matrix (issue 17): every /api/v1 route × every caller (nobody signed in, and each role) × a record
 * of the caller's own department and of another, checked against the route's declared policy
 * (src/http/access-policy.ts): allowed → neither 401 nor 403 (nor a server error), refused → 401 when nobody is
 * signed in, else 403; and no answer carries a customer's name, kana, member number, phone, e-mail or address
 * that the caller may not see (canSeeCustomer), nor any customer's at all where the policy says "none". A route
 * registered without a declared policy, or declared without a call in FIXTURES
 * (tests/helpers/access-matrix-fixtures.ts, one file per area under tests/helpers/access-matrix/), fails here.
 *
 * The records the calls aim at belong to the コールセンター department; "own" calls come from users of that
 * department, "other" calls from the same roles in 東京支所. Calls that change or use up a record get a fresh one.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canSeeCustomer } from "../../src/domain/roles.js";
import { ACCESS_POLICIES, type AccessPolicy } from "../../src/http/access-policy.js";
import type { RouteKey } from "../../src/shared/api-routes.js";
import {
  type Answer,
  CALLERS,
  type Cell,
  CUSTOMERS,
  createWorld,
  FIXTURES,
  type Fixture,
  type MatrixClient,
  matrixClient,
  OWN,
  RELATIONS,
  revealing,
  type World,
} from "../helpers/access-matrix-fixtures.js";
import { testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

/** Every declared route; logging out last, since it ends the sessions every other call uses. */
// The routes that end the caller's session (a sign-in ends the session its cookie brings) run last, each after
// fresh sign-ins, so every route is called signed in.
const LOGOUTS: RouteKey[] = ["POST /api/v1/session", "DELETE /api/v1/session/all", "DELETE /api/v1/session"];
const ROUTES = [
  ...(Object.keys(ACCESS_POLICIES) as RouteKey[]).filter((r) => !LOGOUTS.includes(r)),
  ...LOGOUTS,
];
const CELLS = ROUTES.length * CALLERS.length * RELATIONS.length;

/** What the policy expects of one cell: allowed, or the status of the refusal. */
function expected(policy: AccessPolicy, cell: Cell, targetDepartment: number): "allowed" | 401 | 403 {
  if (policy.caller === "public") return "allowed";
  if (!cell.member) return 401;
  const actor = cell.member.actor;
  if (policy.caller !== "signed-in" && !policy.caller(actor)) return 403;
  if (policy.department && !policy.department(actor, { departmentId: targetDepartment, assigneeId: null }))
    return 403;
  return "allowed";
}

describe.each(dialects)("the access matrix on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let client: MatrixClient;
  let w: World;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    client = matrixClient(app);
    w = await createWorld(tdb, client);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("declares a policy and a call for every registered /api/v1 route", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
          .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      );
    expect(registered.filter((r) => !(r in ACCESS_POLICIES))).toEqual([]);
    expect(ROUTES.filter((r) => !registered.includes(r))).toEqual([]);
    expect(ROUTES.filter((r) => !(r in FIXTURES))).toEqual([]);
  });

  it(`${ROUTES.length} routes × ${CALLERS.length} callers × ${RELATIONS.length} departments = ${CELLS} cells: allow, deny and masking`, async () => {
    const problems: string[] = [];
    let n = 0;
    let succeeded = 0;
    const notSucceeded: string[] = [];
    const slow: [string, number][] = [];
    for (const route of ROUTES) {
      if (LOGOUTS.includes(route))
        for (const caller of CALLERS)
          if (caller !== "anonymous")
            for (const relation of RELATIONS) {
              const m = w.members[caller][relation];
              m.session = await client.login(m.email);
            }
      const started = performance.now();
      const policy: AccessPolicy = ACCESS_POLICIES[route];
      const [method] = route.split(" ") as [string];
      const cells: Cell[] = CALLERS.flatMap((caller) =>
        RELATIONS.map((relation) => {
          n += 1;
          return { caller, relation, member: caller === "anonymous" ? null : w.members[caller][relation], n };
        }),
      );
      // A read's cells run together, as concurrent requests to a server do (and sign-ins, each as another
      // person); a write's one after another, so each answer depends on the policy, not on a race of writes.
      const answer1 = async (cell: Cell) => {
        const req = await (FIXTURES[route] as Fixture)(w, cell);
        return client.call(cell.member?.session ?? null, { ...req, method: req.method ?? method });
      };
      const answers: Answer[] = [];
      if (method === "GET" || route === "POST /api/v1/session")
        answers.push(...(await Promise.all(cells.map(answer1))));
      else for (const cell of cells) answers.push(await answer1(cell));
      for (const [k, cell] of cells.entries()) {
        const answer = answers[k] as Answer;
        const { caller, relation, member } = cell;
        const want = expected(policy, cell, w.dept[OWN] as number);
        const where = `${route} as ${caller} (${relation})`;
        if (want === "allowed") {
          if (answer.status === 401 || answer.status === 403 || answer.status >= 500)
            problems.push(`${where}: allowed, answered ${answer.status} ${answer.text.slice(0, 160)}`);
          else if (answer.status < 300) succeeded += 1;
          else notSucceeded.push(`${where}: ${answer.status} ${answer.text.slice(0, 120)}`);
        } else if (answer.status !== want) {
          problems.push(
            `${where}: refused (${want}), answered ${answer.status} ${answer.text.slice(0, 160)}`,
          );
        }
        for (const [department, customer] of Object.entries(CUSTOMERS)) {
          const hidden =
            policy.customer === "none" ||
            member === null ||
            !canSeeCustomer(member.actor, { departmentId: w.dept[department] as number });
          if (!hidden) continue;
          const leaked = revealing(customer).filter((text) => answer.text.includes(text));
          if (leaked.length > 0)
            problems.push(`${where}: shows ${department}'s customer (${leaked.join(", ")})`);
        }
      }
      slow.push([route, Math.round(performance.now() - started)]);
    }
    expect(n).toBe(CELLS);
    slow.sort((a, b) => b[1] - a[1]);
    console.info(`slowest routes (ms, 12 cells each): ${JSON.stringify(slow.slice(0, 12))}`);
    if (notSucceeded.length > 0)
      console.info(`allowed but not 2xx (${notSucceeded.length}):\n${notSucceeded.join("\n")}`);
    console.info(`access matrix on ${dialect}: ${CELLS} cells, ${succeeded} allowed calls answered 2xx`);
    expect(problems).toEqual([]);
  }, 240_000);
});
