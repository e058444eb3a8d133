/** Issues the next receipt number of a fiscal year atomically (one upsert, safe across app processes). */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { formatReceiptNumber } from "../../domain/receipt-number.js";

export async function nextReceiptNumber(db: Db, fiscalYear: number): Promise<string> {
  const r = await db
    .insertInto("receipt_counters")
    .values({ fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc.column("fiscal_year").doUpdateSet({ last_number: sql<number>`receipt_counters.last_number + 1` }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return formatReceiptNumber(fiscalYear, Number(r.last_number));
}
