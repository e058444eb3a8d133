/**
 * What the activity-record route modules share: the OpenAPI tag, the from/to query of the lists and how it is
 * read, the list shape, and running a use case in one transaction (a bad row stores nothing).
 */
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { invalidInput } from "../../errors.js";
import { inputText } from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";

export const TAG = ["activities"];

export const rangeQuery = z
  .object({
    from: inputText().optional().describe("この日以降（2023/1/1 など）"),
    to: inputText().optional().describe("この日まで（この日を含む）"),
  })
  .strict();

/** from/to as typed → YYYY-MM-DD, or a 400 naming the field. */
export function readRange(q: { from?: string; to?: string }): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const key of ["from", "to"] as const) {
    const v = q[key];
    if (!v) continue;
    const d = parseDateTimeJa(v);
    if (!d.ok) throw invalidInput({ [key]: d.message });
    out[key] = d.date;
  }
  return out;
}

export const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

/** `tx(f)` runs f in one transaction on db. */
export const inTransaction =
  (db: Db) =>
  <T>(f: (trx: Db) => Promise<T>) =>
    db.transaction().execute(f);
