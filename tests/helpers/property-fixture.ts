/**
 * The world the property suites throw requests at, on one database: the app, a signed-in client per role, a few
 * voices and a survey for path ids and codes to hit, the route table and a row counter; and the request
 * arbitraries they share (path parameters, callers).
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import type { Dialect } from "../../src/db/database.js";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { createUser } from "../../src/features/users-and-settings/users.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, PASSWORD, seedUsers, testApp } from "./api-client.js";
import { type RowCounts, rowCounter } from "./bad-input.js";
import { type ApiRoute, apiRouteTable } from "./route-table.js";
import { satisfactionSurvey } from "./satisfaction-survey.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { arbitraryFor } from "./zod-arbitrary.js";

export const CALLERS = ["admin", "cs", "lead", "staff"] as const;
export type Caller = (typeof CALLERS)[number];

export interface PropertyWorld {
  tdb: TestDatabase;
  app: FastifyInstance;
  routes: ApiRoute[];
  clients: Record<Caller, ApiClient>;
  counts: () => Promise<RowCounts>;
  /** known values of string path parameters (a survey's code, a receipt number) */
  known: Record<string, string[]>;
}

const VOICES = [
  {
    receivedAt: "2025/6/2 9:15",
    channel: "call_center",
    type: "complaint",
    category: "handling",
    department: "call_center",
    content: "窓口で長時間待たされたうえ、説明も不十分でした。改善をお願いします。",
    customer: { name: "山田 花子", phone: "090-1234-5678", memberNumber: "M-204611" },
  },
  {
    receivedAt: "2025/6/3 14:40",
    channel: "call_center",
    type: "request",
    category: "product",
    department: "call_center",
    content: "掛金の引落日を月末から25日に変更できるようにしてほしい。",
    customer: { name: "佐藤 一郎", email: "sato@example.jp" },
  },
  {
    receivedAt: "2025/6/4 10:05",
    channel: "call_center",
    type: "praise",
    category: "handling",
    department: "call_center",
    content: "事故受付の担当の方がとても親身で、安心できました。ありがとうございました。",
  },
];

export async function propertyWorld(dialect: Dialect): Promise<PropertyWorld> {
  const tdb = await createTestDatabase(dialect);
  const app = await testApp(tdb);
  await seedUsers(tdb);
  // The suites' own admin comes after the seeded users (ids 1–7), so a generated PATCH /users/:id that disables
  // or demotes a user by a small id never locks the suite out.
  await createUser(tdb.db, {
    email: "suite-admin@example.jp",
    name: "試験 管理者",
    role: "admin",
    departmentCode: null,
    password: PASSWORD,
  });
  const clients: Record<Caller, ApiClient> = {
    admin: await clientAs(app, "suite-admin@example.jp"),
    cs: await clientAs(app, "cs@example.jp"),
    lead: await clientAs(app, "lead@example.jp"),
    staff: await clientAs(app, "staff@example.jp"),
  };
  const receipts: string[] = [];
  for (const v of VOICES) {
    const r = await clients.cs.post<VoiceDetail>("/api/v1/voices", v);
    if (r.status !== 201) throw new Error(`seed voice: ${r.status} ${JSON.stringify(r.body)}`);
    receipts.push(r.body.receiptNumber);
  }
  const survey = await createSurvey(
    tdb.db,
    null,
    satisfactionSurvey("2025年度 事故対応アンケート", { channel: true }),
  );
  return {
    tdb,
    app,
    routes: await apiRouteTable(tdb.db),
    clients,
    counts: await rowCounter(tdb.db),
    known: { code: [survey.publicCode], receiptNumber: receipts },
  };
}

/** Path parameters that are not ids a route could have: text, signs, fractions, full-width, encoded controls. */
const STRANGE_PATH_VALUES = [
  "0",
  "-1",
  "1.5",
  "1e3",
  "0x1F",
  "abc",
  "１",
  "2147483648",
  "99999999999999999999999",
  "%00",
  "%E3%81",
  "%ED%A0%80",
  "%20",
  encodeURIComponent("苦情"),
  "9".repeat(150),
];

/** The path of a route with its `:names` filled: mostly existing ids and codes, sometimes strange values. */
export function pathArbitrary(route: ApiRoute, known: Record<string, string[]>): fc.Arbitrary<string> {
  const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
  if (names.length === 0) return fc.constant(route.url);
  const shape = (route.schema.params?._zod.def as unknown as { shape?: Record<string, never> } | undefined)
    ?.shape;
  const perName = names.map((name) => {
    const fromSchema = shape?.[name]
      ? arbitraryFor(shape[name]).map((v) => encodeURIComponent(String(v)))
      : fc.string({ maxLength: 12 }).map(encodeURIComponent);
    const knownValues = known[name];
    const likely = knownValues
      ? fc.constantFrom(...knownValues.map(encodeURIComponent))
      : fc.integer({ min: 1, max: 7 }).map(String);
    return fc.oneof(
      { arbitrary: likely, weight: 6 },
      { arbitrary: fromSchema, weight: 2 },
      { arbitrary: fc.constantFrom(...STRANGE_PATH_VALUES), weight: 3 },
    );
  });
  return fc
    .tuple(...perName)
    .map((values) => names.reduce((url, name, i) => url.replace(`:${name}`, values[i] as string), route.url));
}

export const callerArbitrary = fc.constantFrom(...CALLERS);

/** A client address per request, so the public forms' per-address limits leave room for the handlers to be reached. */
export const addressArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
  .map(([a, b]) => `10.20.${a}.${b}`);

/** An answer from inject, with the body parsed when it is JSON. */
export function answerOf(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const contentType = String(res.headers["content-type"] ?? "");
  let body: unknown = res.body;
  if (contentType.includes("json")) {
    try {
      body = JSON.parse(res.body);
    } catch {
      body = res.body;
    }
  }
  return { status: res.statusCode, body, contentType };
}
