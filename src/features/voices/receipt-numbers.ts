/** Issues the next receipt number of a fiscal year atomically (one upsert, safe across app processes). */
import { type QueryCreator, sql } from "kysely";
import type { Db } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { formatReceiptNumber } from "../../domain/receipt-number.js";

/** The upsert that moves a year's counter on and returns its new last number (alone, or inside a WITH clause). */
function bumpCounter(qc: QueryCreator<Database>, fiscalYear: number) {
  return qc
    .insertInto("receipt_counters")
    .values({ fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc.column("fiscal_year").doUpdateSet({ last_number: sql<number>`receipt_counters.last_number + 1` }),
    )
    .returning("last_number");
}

export async function nextReceiptNumber(db: Db, fiscalYear: number): Promise<string> {
  const r = await bumpCounter(db, fiscalYear).executeTakeFirstOrThrow();
  return formatReceiptNumber(fiscalYear, Number(r.last_number));
}

/**
 * Numbers a voice written under a provisional number (new-voice.ts, provisionalReceiptNumber): issues the year's
 * next number and writes it into the voice and its "created" event, where the stand-in stood. The year's counter
 * row stays locked from the first of these writes to the commit, so registrations wait for each other over them:
 * on PostgreSQL they are one statement (one round trip, not three); the number is formatted there as
 * formatReceiptNumber does (at least six digits).
 */
export async function numberProvisionalVoice(
  trx: Db,
  v: { voiceId: number; fiscalYear: number; provisional: string },
): Promise<string> {
  if (!dialectFor(trx).writesInWith) {
    const receiptNumber = await nextReceiptNumber(trx, v.fiscalYear);
    await trx
      .updateTable("voices")
      .set({ receipt_number: receiptNumber })
      .where("id", "=", v.voiceId)
      .execute();
    await trx
      .updateTable("voice_events")
      .set({ data: sql<string>`replace(data, ${v.provisional}, ${receiptNumber})` })
      .where("voice_id", "=", v.voiceId)
      .where("kind", "=", "created")
      .execute();
    return receiptNumber;
  }
  const seq = sql.ref("n.last_number");
  const r = await trx
    .with("n", (qc) => bumpCounter(qc, v.fiscalYear))
    .with("r", (qc) =>
      qc
        .selectFrom("n")
        .select(
          sql<string>`${String(v.fiscalYear)} || '-' || lpad(${seq}::text, greatest(6, length(${seq}::text)), '0')`.as(
            "receipt_number",
          ),
        ),
    )
    .with("v", (qc) =>
      qc
        .updateTable("voices")
        .set({ receipt_number: sql<string>`(select receipt_number from r)` })
        .where("id", "=", v.voiceId),
    )
    .with("e", (qc) =>
      qc
        .updateTable("voice_events")
        .set({ data: sql<string>`replace(data, ${v.provisional}, (select receipt_number from r))` })
        .where("voice_id", "=", v.voiceId)
        .where("kind", "=", "created"),
    )
    .selectFrom("r")
    .select("receipt_number")
    .executeTakeFirstOrThrow();
  return r.receipt_number;
}
