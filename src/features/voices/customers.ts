/** Customer records, kept apart from voices so personal data has one place to guard. */
import type { Db } from "../../db/database.js";
import type { ResolvedCustomer } from "./voice-input.js";

/** A customer as registration resolves it; an import's file has no kana, address or consent columns. */
export type CustomerFields = Omit<ResolvedCustomer, "kana" | "address" | "contactConsent"> &
  Partial<Pick<ResolvedCustomer, "kana" | "address" | "contactConsent">>;

export function customerRow(c: CustomerFields) {
  return {
    name: c.name,
    kana: c.kana ?? null,
    member_number: c.memberNumber,
    phone: c.phone,
    email: c.email,
    prefecture: c.prefecture,
    address: c.address ?? null,
    age_band: c.ageBand,
    gender: c.gender,
    contact_consent: c.contactConsent ? 1 : 0,
  };
}

export async function insertCustomer(db: Db, c: CustomerFields): Promise<number> {
  const r = await db.insertInto("customers").values(customerRow(c)).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
