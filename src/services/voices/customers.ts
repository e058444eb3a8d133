/** Customer records, kept apart from voices so personal data has one place to guard. */
import type { Db } from "../../db/database.js";
import type { ResolvedCustomer } from "./voice-input.js";

export function customerRow(c: ResolvedCustomer) {
  return {
    name: c.name,
    kana: c.kana,
    member_number: c.memberNumber,
    phone: c.phone,
    email: c.email,
    prefecture: c.prefecture,
    address: c.address,
    age_band: c.ageBand,
    gender: c.gender,
    contact_consent: c.contactConsent ? 1 : 0,
  };
}

export async function insertCustomer(db: Db, c: ResolvedCustomer): Promise<number> {
  const r = await db.insertInto("customers").values(customerRow(c)).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
