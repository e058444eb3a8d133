/**
 * What every answer to bad input must be, for the property suites: never a server error, and a refusal in written
 * Japanese that names what was wrong, in the one error shape; plus row counts of every table, to show a refused
 * request wrote nothing.
 */
import { sql } from "kysely";
import { expect } from "vitest";
import type { Db } from "../../src/db/database.js";
import { REFUSED_MESSAGE as HONEYPOT_MESSAGE } from "../../src/features/public-form/public-voices.js";
import { ERROR_CODES } from "../../src/shared/api-contract.js";

/**
 * Tables a refused request may change by design: the audit log (failed logins and refused exports are evidence),
 * login failures and rate-limit counters (they count refused attempts), sessions (a login or logout is the
 * request's whole point), the classifier's models (a retraining job started by POST /model/retrain or /model/train
 * saves one in the background).
 */
export const WRITTEN_WHEN_REFUSED = new Set([
  "audit_log",
  "login_failures",
  "rate_limit_counters",
  "sessions",
  "classifier_models",
]);

export type RowCounts = Record<string, number>;

/** Row counts of every koe table (one statement), but those written on a refusal by design. */
export async function rowCounter(db: Db): Promise<() => Promise<RowCounts>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !name.startsWith("kysely_") && !WRITTEN_WHEN_REFUSED.has(name))
    .sort();
  const select = sql.join(
    tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`),
    sql`, `,
  );
  return async () => {
    const { rows } = await sql<Record<string, number | string>>`select ${select}`.execute(db);
    const row = rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
}

/** The tables whose row count differs, with before → after. */
export function changedCounts(before: RowCounts, after: RowCounts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [table, n] of Object.entries(after))
    if (before[table] !== n) out[table] = `${before[table]} → ${n}`;
  return out;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;

/**
 * Wording of the libraries under koe: zod's English and Japanese locales (「無効な入力: stringが期待されましたが…」
 * 「大きすぎる値: …である必要があります」), Fastify's and ajv's English, JavaScript's own errors.
 */
export const LIBRARY_WORDING: readonly RegExp[] = [
  /無効な(入力|選択|文字列|数値)/,
  /が期待されました/,
  /が入力されました/,
  /(大きすぎる|小さすぎる)値/,
  /である必要があります/,
  /認識されていないキー/,
  /内の無効な(キー|値)/,
  /\binstanceof\b/,
  // capitalised, as the libraries begin their sentences: an enum's own value (received, sent) may stand in a message
  /\b(Invalid|Expected|Required|Received|must be|must have|must NOT|Unrecognized|Too (big|small))\b/,
  /\b(undefined|NaN|object Object)\b/,
  /\b(TypeError|SyntaxError|RangeError|Error:|Unexpected token|is not a function|Cannot read)/,
  /\bFST_[A-Z_]+/,
  /\bSQLITE_|duplicate key|violates|constraint failed/i,
];

/** Why a message is not a written-Japanese message of koe's own, or null when it is one. */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== "string" || message.trim() === "") return "空のメッセージ";
  if (!JAPANESE.test(message)) return `日本語ではない: ${JSON.stringify(message.slice(0, 200))}`;
  const hit = LIBRARY_WORDING.find((re) => re.test(message));
  if (hit) return `ライブラリの文言 ${hit}: ${JSON.stringify(message.slice(0, 200))}`;
  return null;
}

export interface ErrorAnswer {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * Refusals that name no field on purpose: a body unreadable as a whole has none; the public forms' honeypot
 * answer must not tell a bot which field gave it away.
 */
const WHOLE_BODY_MESSAGES = new Set([
  "リクエストの JSON を読めません",
  "JSON 形式で送信してください",
  "送信データが大きすぎます",
  HONEYPOT_MESSAGE,
]);

export interface Answer {
  status: number;
  body: unknown;
  contentType: string;
}

/**
 * The answer to one generated request meets the bar: below 500; a 4xx in the one error shape with a written-Japanese
 * message (and every field message Japanese); a 400 invalid_input names at least one field, unless the whole body
 * could not be read. `what` describes the request for the failure message.
 */
export function expectWellRefused(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body).slice(0, 500)}`).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.contentType, `${what}: the error is JSON`).toContain("application/json");
  const body = answer.body as ErrorAnswer;
  expect(ERROR_CODES as readonly string[], `${what}: error code`).toContain(body?.error?.code);
  const problems: string[] = [];
  const main = messageProblem(body.error.message);
  if (main) problems.push(`message: ${main}`);
  for (const [field, message] of Object.entries(body.error.fields ?? {})) {
    const p = messageProblem(message);
    if (p) problems.push(`fields.${field}: ${p}`);
  }
  if (
    answer.status === 400 &&
    body.error.code === "invalid_input" &&
    !WHOLE_BODY_MESSAGES.has(body.error.message) &&
    Object.keys(body.error.fields ?? {}).length === 0
  )
    problems.push(`400 に項目名（fields）がない: ${body.error.message}`);
  expect(problems, `${what}: ${JSON.stringify(body)}`.slice(0, 1500)).toEqual([]);
}

/** The seed of every property run: fixed, so a failure replays; KOE_PROPERTY_SEED picks another. */
export const PROPERTY_SEED = Number(process.env.KOE_PROPERTY_SEED ?? 20250601);

/** Runs per route, scaled by KOE_PROPERTY_SCALE (e.g. 10 for a long local hunt). */
export function runsPerRoute(base: number): number {
  const scale = Number(process.env.KOE_PROPERTY_SCALE ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
