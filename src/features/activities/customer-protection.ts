/**
 * Customer-protection records (FSA principles 5 and 6): elderly-customer handling (親族同席, 複数募集人, 複数回面談,
 * 電話での確認 — an editable list) and intent-confirmation records (意向把握) with their completeness check.
 * Records name the customer by a reference, not personal data.
 */
import type { Db } from "../../db/database.js";
import { missingIntentItems } from "../../domain/intent-completeness.js";
import { notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { resolveLabel } from "./activity-labels.js";
import type {
  ElderlyHandlingInput,
  ElderlyHandlingPatch,
  IntentRecord,
  IntentRecordInput,
  IntentRecordPatch,
} from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

/** The measures' codes as typed (code or name), deduplicated; a retired one only if `kept` (already on the record). */
async function measureCodes(db: Db, measures: string[], kept: ReadonlySet<string> = new Set()) {
  const keptIds = new Set(
    kept.size
      ? (
          await db
            .selectFrom("activity_labels")
            .select("id")
            .where("kind", "=", "elderly_measure")
            .where("code", "in", [...kept])
            .execute()
        ).map((r) => r.id)
      : [],
  );
  const codes: string[] = [];
  for (const [i, m] of measures.entries())
    codes.push((await resolveLabel(db, "elderly_measure", m, `measures.${i}`, "対応方法", keptIds)).code);
  return [...new Set(codes)];
}

export async function createElderlyHandling(
  db: Db,
  input: ElderlyHandlingInput,
  today: string,
): Promise<number> {
  assertNotFuture(input.handledOn, today, "handledOn", "対応日");
  const codes = await measureCodes(db, input.measures);
  const r = await db
    .insertInto("elderly_handlings")
    .values({
      handled_on: input.handledOn,
      customer_ref: input.customerRef,
      staff_name: input.staffName,
      measures: JSON.stringify(codes),
      note: input.note ?? null,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listElderlyHandlings(db: Db, range: { from?: string; to?: string }) {
  let q = db
    .selectFrom("elderly_handlings")
    .select(["id", "handled_on", "customer_ref", "staff_name", "measures", "note"]);
  if (range.from) q = q.where("handled_on", ">=", range.from);
  if (range.to) q = q.where("handled_on", "<=", range.to);
  const rows = await q.orderBy("handled_on").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    handledOn: r.handled_on,
    customerRef: r.customer_ref,
    staffName: r.staff_name,
    measures: JSON.parse(r.measures) as string[],
    note: r.note,
  }));
}

/** Changes the fields given of an elderly-handling record; a measure retired since stays on the record that has it. */
export async function updateElderlyHandling(
  db: Db,
  id: number,
  patch: ElderlyHandlingPatch,
  today: string,
): Promise<void> {
  const old = await db
    .selectFrom("elderly_handlings")
    .select("measures")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!old) throw notFound("高齢者対応の記録");
  assertNotFuture(patch.handledOn, today, "handledOn", "対応日");
  const codes =
    patch.measures === undefined
      ? undefined
      : await measureCodes(db, patch.measures, new Set(JSON.parse(old.measures) as string[]));
  const set = {
    ...(patch.handledOn !== undefined && { handled_on: patch.handledOn }),
    ...(patch.customerRef !== undefined && { customer_ref: patch.customerRef }),
    ...(patch.staffName !== undefined && { staff_name: patch.staffName }),
    ...(codes !== undefined && { measures: JSON.stringify(codes) }),
    ...(patch.note !== undefined && { note: patch.note }),
  };
  if (Object.keys(set).length)
    await db.updateTable("elderly_handlings").set(set).where("id", "=", id).execute();
}

export async function deleteElderlyHandling(db: Db, id: number): Promise<void> {
  const r = await db.deleteFrom("elderly_handlings").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("高齢者対応の記録");
}

/** Counts of elderly handling by measure for a period (the review's 【数値・事実】: 親族同席 N件…). */
export async function elderlyHandlingCounts(db: Db, range: { from: string; to: string }) {
  const rows = await listElderlyHandlings(db, range);
  const labels = await db
    .selectFrom("activity_labels")
    .select(["code", "name"])
    .where("kind", "=", "elderly_measure")
    .orderBy("sort_order")
    .execute();
  return {
    total: rows.length,
    byMeasure: labels.map((l) => ({
      code: l.code,
      name: l.name,
      count: rows.filter((r) => r.measures.includes(l.code)).length,
    })),
  };
}

export async function createIntentRecord(db: Db, input: IntentRecordInput, today: string): Promise<number> {
  assertNotFuture(input.recordedOn, today, "recordedOn", "記録日");
  assertNotFuture(input.customerConfirmedOn, today, "customerConfirmedOn", "お客さま確認日");
  const r = await db
    .insertInto("intent_records")
    .values({
      recorded_on: input.recordedOn,
      customer_ref: input.customerRef,
      staff_name: input.staffName ?? null,
      initial_intent: input.initialIntent ?? null,
      final_intent: input.finalIntent ?? null,
      product: input.product ?? null,
      reason: input.reason ?? null,
      intent_changed_reason: input.intentChangedReason ?? null,
      customer_confirmed_on: input.customerConfirmedOn ?? null,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Changes the fields given of an intent record (null clears an optional item; the completeness check follows). */
export async function updateIntentRecord(
  db: Db,
  id: number,
  patch: IntentRecordPatch,
  today: string,
): Promise<void> {
  const old = await db.selectFrom("intent_records").select("id").where("id", "=", id).executeTakeFirst();
  if (!old) throw notFound("意向把握・確認の記録");
  assertNotFuture(patch.recordedOn, today, "recordedOn", "記録日");
  assertNotFuture(patch.customerConfirmedOn, today, "customerConfirmedOn", "お客さま確認日");
  const set = {
    ...(patch.recordedOn !== undefined && { recorded_on: patch.recordedOn }),
    ...(patch.customerRef !== undefined && { customer_ref: patch.customerRef }),
    ...(patch.staffName !== undefined && { staff_name: patch.staffName }),
    ...(patch.initialIntent !== undefined && { initial_intent: patch.initialIntent }),
    ...(patch.finalIntent !== undefined && { final_intent: patch.finalIntent }),
    ...(patch.product !== undefined && { product: patch.product }),
    ...(patch.reason !== undefined && { reason: patch.reason }),
    ...(patch.intentChangedReason !== undefined && { intent_changed_reason: patch.intentChangedReason }),
    ...(patch.customerConfirmedOn !== undefined && { customer_confirmed_on: patch.customerConfirmedOn }),
  };
  if (Object.keys(set).length) await db.updateTable("intent_records").set(set).where("id", "=", id).execute();
}

export async function deleteIntentRecord(db: Db, id: number): Promise<void> {
  const r = await db.deleteFrom("intent_records").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("意向把握・確認の記録");
}

/** Intent records with the items each still misses; `incompleteOnly` lists only those missing something. */
export async function listIntentRecords(
  db: Db,
  range: { from?: string; to?: string; incompleteOnly?: boolean },
): Promise<IntentRecord[]> {
  let q = db.selectFrom("intent_records").selectAll();
  if (range.from) q = q.where("recorded_on", ">=", range.from);
  if (range.to) q = q.where("recorded_on", "<=", range.to);
  const rows = await q.orderBy("recorded_on").orderBy("id").execute();
  const out = rows.map((r) => {
    const fields = {
      staffName: r.staff_name,
      initialIntent: r.initial_intent,
      finalIntent: r.final_intent,
      product: r.product,
      reason: r.reason,
      intentChangedReason: r.intent_changed_reason,
      customerConfirmedOn: r.customer_confirmed_on,
    };
    return {
      id: r.id,
      recordedOn: r.recorded_on,
      customerRef: r.customer_ref,
      ...fields,
      missing: missingIntentItems(fields),
    };
  });
  return range.incompleteOnly ? out.filter((r) => r.missing.length > 0) : out;
}
