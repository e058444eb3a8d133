/**
 * fast-check arbitraries derived from the API contract's zod schemas: values shaped like what a client would send
 * (mostly valid, in realistic Japanese), and the mutations a careless or hostile client sends instead (wrong types,
 * missing fields, huge strings, control characters, lone surrogates, full-width digits, extra fields).
 * It reads zod 4's schema definitions (`_zod.def`, `_zod.bag`); a kind it does not know yields any JSON value.
 */
import fc from "fast-check";
import type { z } from "zod";

type Schema = z.core.$ZodType;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Def {
  type: string;
  [key: string]: unknown;
}

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

function bagOf(schema: Schema): Record<string, unknown> {
  return (schema._zod as unknown as { bag?: Record<string, unknown> }).bag ?? {};
}

/** true when the key of an object may be left out (optional, default, prefault) */
export function isOptionalKey(schema: Schema): boolean {
  return schema._zod.optin === "optional";
}

/** Characters a co-op's staff type: kana, common kanji, full-width forms and some ASCII. */
const JAPANESE_UNITS = [
  ..."あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
  ..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー",
  ..."窓口電話苦情対応契約共済組合員掛金支所担当説明改善要望保険満足不満受付完了確認書類手続",
  ..."　、。「」（）・１２３ＡＢＣ",
  ..."abcXYZ0123 -_./@",
];
const japaneseText = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...JAPANESE_UNITS), minLength, maxLength });

/** A date-time in the era koe handles, as ISO text. */
const isoDateTime = fc
  .date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const isoDate = isoDateTime.map((s) => s.slice(0, 10));

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const bag = bagOf(schema);
  const min = typeof bag.minimum === "number" ? bag.minimum : 0;
  const max = typeof bag.maximum === "number" ? bag.maximum : Math.max(min, 40);
  // Long enough to matter, short enough to keep a run quick: the huge strings are a mutation of their own.
  const cap = Math.max(min, Math.min(max, 60));
  switch (bag.format) {
    case "email":
      return fc.oneof(
        fc.emailAddress(),
        fc.constantFrom("hanako.yamada@example.jp", "tanaka@coop.example.jp"),
      );
    case "uuid":
    case "guid":
      return fc.uuid();
    case "url":
      return fc.webUrl();
    case "datetime":
      return isoDateTime;
    case "date":
      return isoDate;
    default:
      break;
  }
  const patterns = bag.patterns instanceof Set ? [...(bag.patterns as Set<RegExp>)] : [];
  const first = patterns[0];
  if (first) return fc.oneof(fc.stringMatching(first, { maxLength: cap }), japaneseText(min, cap));
  return japaneseText(min, cap);
}

function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  const bag = bagOf(schema);
  const integer = typeof bag.format === "string" && /int/.test(bag.format);
  const lo = typeof bag.minimum === "number" ? bag.minimum : -1_000_000;
  const hi = typeof bag.maximum === "number" ? bag.maximum : 1_000_000;
  const min = Math.max(lo, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(hi, Number.MAX_SAFE_INTEGER);
  if (integer) {
    // fc.integer spans 32 bits; values beyond are the mutations' business
    const imin = Math.ceil(Math.max(min, -(2 ** 31)));
    const imax = Math.floor(Math.min(max, 2 ** 31 - 1));
    // ids and counts: small values hit existing records; the full range reaches the bounds
    const small = fc.integer({
      min: Math.max(imin, Math.min(imax, 0)),
      max: Math.min(imax, Math.max(imin, 10)),
    });
    return fc.oneof(
      { arbitrary: small, weight: 3 },
      { arbitrary: fc.integer({ min: imin, max: imax }), weight: 1 },
    );
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values for an object key that the schema alone cannot make valid (ids of existing records, codes, dates in range,
 * text a person writes): given the key and its schema, an arbitrary, or undefined to generate from the schema.
 */
export type FieldHints = (key: string, schema: Schema) => fc.Arbitrary<Json> | undefined;

/** A value the schema describes, as JSON (what a client would send). Depth-bounded for recursive schemas. */
export function arbitraryFor(schema: Schema, depth = 0, hints?: FieldHints): fc.Arbitrary<Json> {
  const def = defOf(schema);
  if (depth > 6) return fc.constant(null);
  const inner = (s: unknown) => arbitraryFor(s as Schema, depth + 1, hints);
  switch (def.type) {
    case "string":
      return stringArbitrary(schema);
    case "number":
      return numberArbitrary(schema);
    case "bigint":
      return fc.integer();
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "date":
      return isoDateTime;
    case "literal":
      return fc.constantFrom(...(def.values as Json[]));
    case "enum":
      return fc.constantFrom(...(Object.values(def.entries as Record<string, Json>) as Json[]));
    case "template_literal":
      return fc.string({ maxLength: 20 });
    case "optional":
    case "nonoptional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return inner(def.innerType);
    case "nullable":
      return fc.oneof(
        { arbitrary: inner(def.innerType), weight: 4 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    case "lazy":
      return inner((def.getter as () => Schema)());
    case "pipe": {
      // z.preprocess(fn, s) is pipe(transform, s): the input is what s accepts; s.transform(fn) is pipe(s, transform)
      const input = def.in as Schema;
      return defOf(input).type === "transform" ? inner(def.out) : inner(input);
    }
    case "union": {
      const options = def.options as Schema[];
      return fc.oneof(...options.map((o) => inner(o)));
    }
    case "intersection":
      return fc
        .tuple(inner(def.left), inner(def.right))
        .map(([a, b]) => (isPlainObject(a) && isPlainObject(b) ? { ...a, ...b } : a));
    case "array": {
      const bag = bagOf(schema);
      const minLength = typeof bag.minimum === "number" ? bag.minimum : 0;
      const maxLength = Math.max(minLength, Math.min(typeof bag.maximum === "number" ? bag.maximum : 4, 4));
      return fc.array(inner(def.element), { minLength, maxLength });
    }
    case "tuple":
      return fc.tuple(...(def.items as Schema[]).map((s) => inner(s)));
    case "record":
    case "map":
      return fc
        .array(fc.tuple(keyArbitrary(def.keyType as Schema), inner(def.valueType)), { maxLength: 3 })
        .map((pairs) => Object.fromEntries(pairs));
    case "set":
      return fc.array(inner(def.valueType), { maxLength: 3 });
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      const model: Record<string, fc.Arbitrary<Json>> = {};
      const required: string[] = [];
      for (const [key, s] of Object.entries(shape)) {
        model[key] = hints?.(key, s) ?? inner(s);
        if (!isOptionalKey(s)) required.push(key);
      }
      return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Json>;
    }
    default:
      // transform, custom, any, unknown, …: anything JSON can carry
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

function keyArbitrary(schema: Schema): fc.Arbitrary<string> {
  const def = defOf(schema);
  if (def.type === "enum")
    return fc.constantFrom(...(Object.values(def.entries as Record<string, string>) as string[]));
  if (def.type === "literal") return fc.constantFrom(...(def.values as string[]).map(String));
  return fc.oneof(japaneseText(1, 10), fc.constantFrom("q1", "overall", "comment"));
}

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// ---- Mutations ----

/** Texts PostgreSQL refuses (NUL), the tokenizer chokes on (other controls) or that break UTF-16 (lone halves). */
export const NASTY_TEXTS = [
  "\u0000",
  "苦情\u0000内容",
  "\u0007\u001b[31m",
  "\u0085\u2028\u2029",
  "\uFEFF先頭にBOM",
  "\uD83D",
  "前半\uD800だけ",
  "\uDFFF後半だけ",
  "\u202Eトスリテ",
  '=HYPERLINK("http://example.com")',
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "　　",
  "",
] as const;

/** What a field gets instead of a value of its type. */
const WRONG_VALUES: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -2147483649,
  2147483648,
  "文字列",
  "",
  "１２３",
  [],
  [1, "二"],
  {},
  { nested: { deeper: [null] } },
];

/** Property names a client should not be able to slip in. */
const EXTRA_KEYS = [
  "extra",
  "id",
  "role",
  "createdBy",
  "version",
  "constructor",
  "toString",
  "__proto__",
] as const;

export type Mutation =
  | { kind: "drop" }
  | { kind: "wrongType"; value: Json }
  | { kind: "huge"; length: number; ascii: boolean }
  | { kind: "nasty"; text: string }
  | { kind: "fullWidthDigits" }
  | { kind: "extra"; key: string; value: Json };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: "drop" }),
  fc.constantFrom(...WRONG_VALUES).map((value): Mutation => ({ kind: "wrongType", value })),
  fc
    .record({ length: fc.integer({ min: 1_000, max: 400_000 }), ascii: fc.boolean() })
    .map(({ length, ascii }): Mutation => ({ kind: "huge", length, ascii })),
  fc.constantFrom(...NASTY_TEXTS).map((text): Mutation => ({ kind: "nasty", text })),
  fc.constant<Mutation>({ kind: "fullWidthDigits" }),
  fc
    .tuple(fc.constantFrom(...EXTRA_KEYS), fc.constantFrom(...WRONG_VALUES))
    .map(([key, value]): Mutation => ({ kind: "extra", key, value })),
);

const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Every path to a value inside `v` (the root is []). */
function pathsOf(
  v: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) pathsOf(x, [...at, i], out);
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function mutateValue(v: Json, m: Mutation): Json | undefined {
  switch (m.kind) {
    case "drop":
      return undefined;
    case "wrongType":
      return m.value;
    case "huge":
      return (m.ascii ? "a" : "あ").repeat(m.length);
    case "nasty":
      return typeof v === "string" ? `${v.slice(0, 3)}${m.text}${v.slice(3)}` : m.text;
    case "fullWidthDigits":
      return typeof v === "number" ? toFullWidth(String(v)) : typeof v === "string" ? toFullWidth(v) : v;
    case "extra":
      if (isPlainObject(v)) return { ...v, [m.key]: m.value };
      return v;
  }
}

/**
 * `value` with one mutation applied at one place (chosen by `pick` among every path inside it). Returns JSON text,
 * so an extra "__proto__" key is really sent rather than becoming the object's prototype.
 */
export function mutate(value: Json, m: Mutation, pick: number): string {
  const paths = pathsOf(value);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) {
    if (m.kind === "extra" && isPlainObject(value)) return withExtraKey(value, m.key, m.value);
    const replaced = mutateValue(value, m);
    return replaced === undefined ? "" : JSON.stringify(replaced);
  }
  const copy = structuredClone(value);
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  if (m.kind === "extra") {
    const target = container[last] as Json;
    if (isPlainObject(target)) {
      // spliced in as text: JSON.stringify drops a "__proto__" own key set through an object literal's spread
      const marker = `"__extra_marker__"`;
      container[last] = "__extra_marker__";
      return JSON.stringify(copy).replace(marker, withExtraKey(target, m.key, m.value));
    }
    return JSON.stringify(copy);
  }
  const replaced = mutateValue(container[last] as Json, m);
  if (replaced === undefined) {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else container[last] = replaced;
  return JSON.stringify(copy);
}

function withExtraKey(obj: Record<string, Json>, key: string, value: Json): string {
  const body = JSON.stringify(obj);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return body === "{}" ? `{${extra}}` : `{${extra},${body.slice(1)}`;
}

/** Whole bodies that are not the object a route expects at all. */
export const BROKEN_BODIES = [
  "",
  "null",
  "[]",
  '"文字列"',
  "42",
  "{",
  '{"a":',
  "{'single': 'quotes'}",
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"admin": true}}}',
  "\u0000",
  "%E3%81",
] as const;

/**
 * Values the schema itself accepts, found among generated ones: a mutation of one of these changes one field of a
 * body that passes validation otherwise, so the changed field reaches the handler and the database. Empty when
 * generated values rarely pass (formats, refinements).
 */
export function schemaValidSamples(schema: z.ZodType, seed: number, tries = 300, keep = 20): Json[] {
  const out: Json[] = [];
  for (const v of fc.sample(arbitraryFor(schema), { numRuns: tries, seed })) {
    if (schema.safeParse(v).success) out.push(v);
    if (out.length >= keep) break;
  }
  return out;
}
