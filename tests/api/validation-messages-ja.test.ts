/**
 * Every validation message a person can see is written Japanese of koe's own: the messages of every route's
 * request schemas (body, query string, path), collected by feeding each field wrong types, missing and extra
 * keys, lengths past the limit and generated mutations, and the message of every kind of zod issue; none is
 * ASCII-only or in the library's wording (「無効な入力: …が期待されましたが」「大きすぎる値: …必要があります」).
 * The schemas do not touch storage; the route table is read once, from SQLite.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import "../../src/shared/validation-messages.js";
import { messageProblem, PROPERTY_SEED } from "../helpers/bad-input.js";
import { type ApiRoute, apiRouteTable } from "../helpers/route-table.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { arbitraryFor, isOptionalKey, mutate, mutationArbitrary } from "../helpers/zod-arbitrary.js";

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (s: Schema) => s._zod.def as unknown as Def;

/** The object schema under wrappers (optional, default, pipe…), or null. */
function objectUnder(s: Schema, depth = 0): Record<string, Schema> | null {
  if (depth > 8) return null;
  const def = defOf(s);
  if (def.type === "object") return def.shape as Record<string, Schema>;
  if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type))
    return objectUnder(def.innerType as Schema, depth + 1);
  if (def.type === "pipe")
    return objectUnder(def.in as Schema, depth + 1) ?? objectUnder(def.out as Schema, depth + 1);
  if (def.type === "lazy") return objectUnder((def.getter as () => Schema)(), depth + 1);
  return null;
}

/** Values each field gets in turn instead of its own. */
const WRONG: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  2147483648,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  "文字列",
  "１２",
  "2025-13-45",
  "あ".repeat(200_001),
  [],
  ["a", 1],
  {},
  { unknownKey: 1 },
];

interface Collected {
  where: string;
  message: string;
  code: string;
}

function collect(schema: z.ZodType, input: unknown, where: string, out: Collected[]): void {
  const r = schema.safeParse(input);
  if (r.success) return;
  for (const issue of r.error.issues)
    out.push({
      where: `${where} ${issue.path.join(".") || "(全体)"}`,
      message: issue.message,
      code: issue.code,
    });
}

/** Each field (one level of nesting deep) set to every wrong value, each required field left out, an extra key. */
function fieldInputs(schema: z.ZodType, sample: unknown): unknown[] {
  const shape = objectUnder(schema);
  if (!shape || typeof sample !== "object" || sample === null || Array.isArray(sample)) return WRONG;
  const base = sample as Record<string, unknown>;
  const inputs: unknown[] = [...WRONG, { ...base, unexpectedField: "余分" }];
  for (const [key, field] of Object.entries(shape)) {
    for (const v of WRONG) inputs.push({ ...base, [key]: v });
    if (!isOptionalKey(field)) {
      const { [key]: _dropped, ...rest } = base;
      inputs.push(rest);
    }
    const nested = objectUnder(field);
    const inner = base[key];
    if (nested && typeof inner === "object" && inner !== null && !Array.isArray(inner))
      for (const [k2] of Object.entries(nested))
        for (const v of WRONG) inputs.push({ ...base, [key]: { ...(inner as object), [k2]: v } });
  }
  return inputs;
}

function sampleOf(schema: Schema, seed: number): unknown {
  return fc.sample(arbitraryFor(schema), { numRuns: 1, seed })[0];
}

describe("validation messages are written Japanese", () => {
  let tdb: TestDatabase;
  let routes: ApiRoute[];

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    routes = await apiRouteTable(tdb.db);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("every request schema of every route answers bad input in koe's Japanese (seed printed on failure)", () => {
    const collected: Collected[] = [];
    let schemas = 0;
    for (const route of routes) {
      for (const part of ["body", "querystring", "params"] as const) {
        const schema = route.schema[part];
        if (!schema) continue;
        schemas++;
        const where = `${route.key} ${part}`;
        const sample = sampleOf(schema, PROPERTY_SEED);
        for (const input of fieldInputs(schema, sample)) collect(schema, input, where, collected);
        // generated mutations of generated values, as the HTTP suites send them
        const mutated = fc.sample(
          fc
            .tuple(arbitraryFor(schema), mutationArbitrary, fc.nat())
            .map(([v, m, pick]) => mutate(v, m, pick)),
          { numRuns: 30, seed: PROPERTY_SEED },
        );
        for (const text of mutated) {
          let input: unknown;
          try {
            input = text === "" ? undefined : JSON.parse(text);
          } catch {
            continue;
          }
          collect(schema, input, where, collected);
        }
      }
    }
    expect(schemas).toBeGreaterThan(100);
    expect(collected.length).toBeGreaterThan(1000);
    const bad = new Map<string, string>();
    for (const c of collected) {
      const problem = messageProblem(c.message);
      if (problem && !bad.has(c.message)) bad.set(c.message, `${c.where} [${c.code}]: ${problem}`);
    }
    console.info(
      `validation messages: ${collected.length} collected from ${schemas} schemas, ${new Set(collected.map((c) => c.message)).size} distinct`,
    );
    expect([...bad.values()], `seed ${PROPERTY_SEED}`).toEqual([]);
  });

  it("every kind of zod issue has a Japanese message of koe's own, not the library's", () => {
    const cases: [string, z.ZodType, unknown][] = [
      ["string ← number", z.string(), 1],
      ["number ← string", z.number(), "1"],
      ["int ← fraction", z.int(), 1.5],
      ["boolean ← text", z.boolean(), "はい"],
      ["null ← text", z.null(), "x"],
      ["literal ← other", z.literal("approve"), "reject"],
      ["literal number ← other", z.literal(1), 2],
      ["enum ← other", z.enum(["csv", "xlsx"]), "pdf"],
      ["array ← object", z.array(z.string()), {}],
      ["object ← array", z.object({ a: z.string() }), []],
      ["record ← text", z.record(z.string(), z.number()), "x"],
      ["record value", z.record(z.string(), z.number()), { a: "x" }],
      ["record key", z.record(z.enum(["a", "b"]), z.number()), { c: 1 }],
      ["tuple ← text", z.tuple([z.string(), z.number()]), "x"],
      ["tuple too long", z.tuple([z.string()]), ["a", "b"]],
      ["date ← text", z.date(), "2025-01-01"],
      ["bigint ← number", z.bigint(), 1],
      ["undefined ← value", z.undefined(), 1],
      ["never", z.object({ a: z.never().optional() }), { a: 1 }],
      ["strict object", z.strictObject({ a: z.string() }), { a: "x", b: 1 }],
      ["union", z.union([z.string(), z.number()]), true],
      [
        "discriminated union",
        z.discriminatedUnion("kind", [z.object({ kind: z.literal("a") })]),
        { kind: "b" },
      ],
      ["discriminated union ← text", z.discriminatedUnion("kind", [z.object({ kind: z.literal("a") })]), "x"],
      ["nullable ← number", z.string().nullable(), 1],
      ["too long", z.string().max(5), "あいうえおか"],
      ["exact length", z.string().length(3), "ab"],
      ["too short array", z.array(z.string()).min(2), ["a"]],
      ["too many items", z.array(z.string()).max(1), ["a", "b"]],
      ["exact items", z.array(z.string()).length(2), ["a"]],
      ["set size", z.set(z.string()).max(1), new Set(["a", "b"])],
      ["number too small", z.number().gt(0), 0],
      ["number too big", z.number().lt(10), 10],
      ["multiple of", z.number().multipleOf(5), 3],
      ["not finite", z.number(), Number.POSITIVE_INFINITY],
      ["NaN", z.number(), Number.NaN],
      ["regex", z.string().regex(/^\d+$/), "abc"],
      ["starts with", z.string().startsWith("K-"), "abc"],
      ["ends with", z.string().endsWith(".csv"), "abc"],
      ["includes", z.string().includes("@"), "abc"],
      ["email", z.email(), "hanako"],
      ["url", z.url(), "not a url"],
      ["uuid", z.uuid(), "1234"],
      ["iso date", z.iso.date(), "2025/01/01"],
      ["iso datetime", z.iso.datetime(), "2025-01-01 10:00"],
      ["iso time", z.iso.time(), "25:00"],
      ["lowercase", z.string().lowercase(), "ABC"],
      ["refine without a message", z.string().refine((s) => s.length > 3), "ab"],
      ["superRefine custom", z.string().superRefine((_s, ctx) => ctx.addIssue({ code: "custom" })), "ab"],
      ["map", z.map(z.string(), z.number()), "x"],
      ["set element", z.set(z.number()), new Set(["a"])],
      ["coerced number", z.coerce.number(), "abc"],
      ["coerced int beyond safe", z.coerce.number().int(), "9999999999999999999"],
      ["stringbool", z.stringbool(), "maybe"],
      ["json string", z.string().pipe(z.coerce.number()), "x"],
    ];
    const problems: string[] = [];
    for (const [name, schema, input] of cases) {
      const r = schema.safeParse(input);
      expect(r.success, name).toBe(false);
      for (const issue of r.error?.issues ?? []) {
        const p = messageProblem(issue.message);
        if (p) problems.push(`${name} [${issue.code}]: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
