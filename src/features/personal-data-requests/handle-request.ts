/**
 * Handles one APPI request in the caller's transaction: finds the member's records, applies the request
 * (開示 changes nothing; 訂正 rewrites the given fields; 利用停止 withdraws the consent to be contacted;
 * 消去 erases), and records who handled it, when, and what was found, with the lookup masked.
 */
import type { Db } from "../../db/database.js";
import {
  type CustomerLookup,
  lookupProblem,
  maskedLookup,
  PERSONAL_DATA_REQUEST_LABELS,
} from "../../domain/personal-data-request.js";
import { invalidInput } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import type { CorrectionInput, PersonalDataRequestInput } from "./contract.js";
import { eraseCustomerRecords } from "./erase-customer-records.js";
import { type CustomerRecords, findCustomerRecords } from "./find-customer-records.js";

export interface HandledRequest {
  id: number;
  records: CustomerRecords;
}

/** The lookup checked at the boundary: a 400 naming the field, in Japanese. */
export function checkedLookup(lookup: CustomerLookup): CustomerLookup {
  const problem = lookupProblem(lookup);
  if (problem) throw invalidInput({ "lookup.value": problem });
  return lookup;
}

export async function handlePersonalDataRequest(
  trx: Db,
  actor: { id: number },
  input: PersonalDataRequestInput,
  at: string,
): Promise<HandledRequest> {
  const lookup = checkedLookup(input.lookup);
  const received = parseDateTimeJa(input.receivedOn);
  if (!received.ok) throw invalidInput({ receivedOn: `請求を受けた日: ${received.message}` });
  if (input.kind === "correction" && !hasCorrection(input.correction))
    throw invalidInput({ correction: "訂正する項目を1つ以上入力してください" });

  const records = await findCustomerRecords(trx, lookup);
  if (input.kind === "correction") await correct(trx, records, input.correction ?? {});
  if (input.kind === "stop_use") await stopUse(trx, records);
  if (input.kind === "erasure") await eraseCustomerRecords(trx, records, actor.id, at);

  const row = await trx
    .insertInto("personal_data_requests")
    .values({
      kind: input.kind,
      lookup_kind: lookup.kind,
      lookup_masked: maskedLookup(lookup),
      customers_found: records.customers.length,
      voices_found: records.customers.reduce((n, c) => n + c.voices.length, 0),
      answers_found: records.answers.length,
      received_on: received.date,
      note: input.note ? normalizeText(input.note) : null,
      handled_by: actor.id,
      handled_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    userId: actor.id,
    action: "personal_data_request",
    detail: `${PERSONAL_DATA_REQUEST_LABELS[input.kind]}（${maskedLookup(lookup)}、記録 ${records.customers.length + records.answers.length} 件）`,
  });
  return { id: row.id, records };
}

function hasCorrection(c: CorrectionInput | undefined): boolean {
  return c !== undefined && Object.values(c).some((v) => v !== undefined);
}

const clean = (v: string | null | undefined) => (v == null ? null : normalizeText(v) || null);

async function correct(trx: Db, records: CustomerRecords, c: CorrectionInput): Promise<void> {
  const set: Record<string, string | null> = {};
  if (c.name !== undefined) set.name = clean(c.name);
  if (c.kana !== undefined) set.kana = clean(c.kana);
  if (c.memberNumber !== undefined) set.member_number = clean(c.memberNumber);
  if (c.phone !== undefined) set.phone = clean(c.phone);
  if (c.email !== undefined) set.email = clean(c.email)?.toLowerCase() ?? null;
  if (c.address !== undefined) set.address = clean(c.address);
  const ids = records.customers.filter((r) => r.erasedAt === null).map((r) => r.id);
  if (ids.length > 0) await trx.updateTable("customers").set(set).where("id", "in", ids).execute();
  for (const answer of records.answers) {
    const contact = { ...answer.contact };
    if (c.name !== undefined) contact.name = clean(c.name);
    if (c.phone !== undefined) contact.phone = clean(c.phone);
    if (c.email !== undefined) contact.email = clean(c.email)?.toLowerCase() ?? null;
    await trx
      .updateTable("survey_answers")
      .set({ contact: JSON.stringify(contact) })
      .where("id", "=", answer.id)
      .execute();
  }
}

/** 利用停止: nobody contacts the member again (voices stay, as the handling record the law asks to keep). */
async function stopUse(trx: Db, records: CustomerRecords): Promise<void> {
  const ids = records.customers.map((r) => r.id);
  if (ids.length > 0)
    await trx.updateTable("customers").set({ contact_consent: 0 }).where("id", "in", ids).execute();
  for (const answer of records.answers)
    await trx
      .updateTable("survey_answers")
      .set({ contact: JSON.stringify({ ...answer.contact, contactConsent: false }) })
      .where("id", "=", answer.id)
      .execute();
}
