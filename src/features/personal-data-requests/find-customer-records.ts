/**
 * Every record koe holds about one member, found by member number, phone or e-mail (APPI 開示・訂正・利用停止・消去
 * start here): the customer records (each voice has its own), their voices, and the survey answers that left
 * contact details. Matching folds width and separators, so 090-1234-5678 finds ０９０１２３４５６７８.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { type CustomerLookup, lookupKey } from "../../domain/personal-data-request.js";

export interface FoundVoice {
  id: number;
  receiptNumber: string;
  receivedAt: string;
  typeName: string;
}

export interface FoundCustomer {
  id: number;
  name: string | null;
  kana: string | null;
  memberNumber: string | null;
  phone: string | null;
  email: string | null;
  prefecture: string | null;
  address: string | null;
  ageBand: string | null;
  gender: string | null;
  contactConsent: boolean;
  erasedAt: string | null;
  voices: FoundVoice[];
}

export interface FoundAnswer {
  id: number;
  surveyName: string;
  answeredAt: string;
  contact: { name?: string | null; email?: string | null; phone?: string | null };
}

export interface CustomerRecords {
  customers: FoundCustomer[];
  answers: FoundAnswer[];
}

/** A column with the separators people type in phone numbers taken out (NFKC already made them ASCII). */
const phoneDigits = sql<string>`replace(replace(replace(replace(phone, '-', ''), ' ', ''), '(', ''), ')', '')`;

export async function findCustomerRecords(db: Db, lookup: CustomerLookup): Promise<CustomerRecords> {
  const key = lookupKey(lookup.kind, lookup.value);
  let q = db.selectFrom("customers").selectAll();
  if (lookup.kind === "phone") q = q.where(phoneDigits, "=", key);
  else if (lookup.kind === "email") q = q.where(sql<string>`lower(email)`, "=", key);
  else q = q.where(sql<string>`replace(member_number, ' ', '')`, "=", key);
  const rows = await q.orderBy("id").execute();

  const ids = rows.map((r) => r.id);
  const voices =
    ids.length === 0
      ? []
      : await db
          .selectFrom("voices as v")
          .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
          .select(["v.id", "v.customer_id", "v.receipt_number", "v.received_at", "t.name as type_name"])
          .where("v.customer_id", "in", ids)
          .orderBy("v.received_at")
          .execute();

  return {
    customers: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kana: r.kana,
      memberNumber: r.member_number,
      phone: r.phone,
      email: r.email,
      prefecture: r.prefecture,
      address: r.address,
      ageBand: r.age_band,
      gender: r.gender,
      contactConsent: Boolean(r.contact_consent),
      erasedAt: r.erased_at,
      voices: voices
        .filter((v) => v.customer_id === r.id)
        .map((v) => ({
          id: v.id,
          receiptNumber: v.receipt_number,
          receivedAt: v.received_at,
          typeName: v.type_name,
        })),
    })),
    answers: await findAnswers(db, lookup, key),
  };
}

/** Survey answers keep contact details as JSON: narrow in SQL by a fragment, then compare the parsed value. */
async function findAnswers(db: Db, lookup: CustomerLookup, key: string): Promise<FoundAnswer[]> {
  if (lookup.kind === "member_number") return []; // answers never carry a member number
  const fragment = lookup.kind === "phone" ? key.slice(-4) : key;
  const rows = await db
    .selectFrom("survey_answers as a")
    .innerJoin("surveys as s", "s.id", "a.survey_id")
    .select(["a.id", "a.answered_at", "a.contact", "s.name as survey_name"])
    .where("a.contact", "is not", null)
    .where(sql<string>`lower(a.contact)`, "like", `%${fragment}%`)
    .orderBy("a.answered_at")
    .execute();
  const out: FoundAnswer[] = [];
  for (const r of rows) {
    const contact = parseContact(r.contact);
    const value = lookup.kind === "phone" ? contact.phone : contact.email;
    if (value && lookupKey(lookup.kind, value) === key)
      out.push({ id: r.id, surveyName: r.survey_name, answeredAt: r.answered_at, contact });
  }
  return out;
}

function parseContact(json: string | null): FoundAnswer["contact"] {
  try {
    const v = JSON.parse(json ?? "null") as FoundAnswer["contact"] | null;
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}
