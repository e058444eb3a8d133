/** The APPI requests handled, newest first, as the request log keeps them (lookups masked). */
import type { Db } from "../../db/database.js";
import type { CustomerLookupKind, PersonalDataRequestKind } from "../../domain/personal-data-request.js";
import { notFound } from "../../errors.js";
import type { PersonalDataRequest } from "./contract.js";

function query(db: Db) {
  return db
    .selectFrom("personal_data_requests as p")
    .innerJoin("users as u", "u.id", "p.handled_by")
    .select([
      "p.id",
      "p.kind",
      "p.lookup_kind",
      "p.lookup_masked",
      "p.customers_found",
      "p.voices_found",
      "p.answers_found",
      "p.received_on",
      "p.note",
      "p.handled_at",
      "u.id as user_id",
      "u.name as user_name",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>["executeTakeFirstOrThrow"]>>;

function present(r: Row): PersonalDataRequest {
  return {
    id: r.id,
    kind: r.kind as PersonalDataRequestKind,
    lookupKind: r.lookup_kind as CustomerLookupKind,
    lookupMasked: r.lookup_masked,
    customersFound: r.customers_found,
    voicesFound: r.voices_found,
    answersFound: r.answers_found,
    receivedOn: r.received_on,
    note: r.note,
    handledBy: { id: r.user_id, name: r.user_name },
    handledAt: r.handled_at,
  };
}

export async function listPersonalDataRequests(db: Db): Promise<PersonalDataRequest[]> {
  return (await query(db).orderBy("p.id", "desc").limit(500).execute()).map(present);
}

export async function getPersonalDataRequest(db: Db, id: number): Promise<PersonalDataRequest> {
  const row = await query(db).where("p.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("請求の記録");
  return present(row);
}
