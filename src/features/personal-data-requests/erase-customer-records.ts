/**
 * 消去 (APPI erasure): the member's personal fields go, the voices stay. Each voice keeps its type, category, dates
 * and text for the statistics, but its text (and the timeline's written responses and comments) loses the name,
 * kana, member number, phone, e-mail and address, so search, similar voices, exports and reports cannot find the
 * member again. Prefecture, age band and gender stay: they identify nobody alone and every count uses them.
 * Survey answers lose their contact details and the member's details in their free text.
 */
import type { Db } from "../../db/database.js";
import { indexVoice } from "../../search/search-index.js";
import { type CustomerDetails, removePersonalData } from "../reviews/remove-personal-data.js";
import { forgetWords } from "../text/word-index.js";
import { appendEvent } from "../voices/voice-events.js";
import type { CustomerRecords, FoundCustomer } from "./find-customer-records.js";

export async function eraseCustomerRecords(
  trx: Db,
  records: CustomerRecords,
  actorId: number,
  at: string,
): Promise<void> {
  for (const customer of records.customers) {
    const details = detailsOf(customer);
    for (const voice of customer.voices) await scrubVoice(trx, voice.id, details, actorId, at);
    await trx
      .updateTable("customers")
      .set({
        name: null,
        kana: null,
        member_number: null,
        phone: null,
        email: null,
        address: null,
        contact_consent: 0,
        erased_at: at,
      })
      .where("id", "=", customer.id)
      .execute();
  }
  for (const answer of records.answers) {
    const details: CustomerDetails = {
      name: answer.contact.name ?? null,
      kana: null,
      memberNumber: null,
      phone: answer.contact.phone ?? null,
      email: answer.contact.email ?? null,
      address: null,
    };
    await trx.updateTable("survey_answers").set({ contact: null }).where("id", "=", answer.id).execute();
    const items = await trx
      .selectFrom("survey_answer_items")
      .select(["question_key", "text"])
      .where("answer_id", "=", answer.id)
      .where("text", "is not", null)
      .execute();
    for (const item of items) {
      const scrubbed = removePersonalData(item.text ?? "", details);
      if (scrubbed.removed > 0)
        await trx
          .updateTable("survey_answer_items")
          .set({ text: scrubbed.text })
          .where("answer_id", "=", answer.id)
          .where("question_key", "=", item.question_key)
          .execute();
    }
  }
}

function detailsOf(c: FoundCustomer): CustomerDetails {
  return {
    name: c.name,
    kana: c.kana,
    memberNumber: c.memberNumber,
    phone: c.phone,
    email: c.email,
    address: c.address,
  };
}

async function scrubVoice(trx: Db, voiceId: number, details: CustomerDetails, actorId: number, at: string) {
  const voice = await trx
    .selectFrom("voices")
    .select(["content", "remedy_sought"])
    .where("id", "=", voiceId)
    .executeTakeFirstOrThrow();
  const content = removePersonalData(voice.content, details);
  const remedy = voice.remedy_sought === null ? null : removePersonalData(voice.remedy_sought, details);
  await trx
    .updateTable("voices")
    .set((eb) => ({
      content: content.text,
      remedy_sought: remedy?.text ?? null,
      updated_at: at,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", voiceId)
    .execute();
  // The search index and the word index hold the old text: rewrite the one, let the indexer redo the other.
  await indexVoice(trx, voiceId, content.text);
  await forgetWords(trx, voiceId);

  const events = await trx
    .selectFrom("voice_events")
    .select(["id", "data"])
    .where("voice_id", "=", voiceId)
    .execute();
  for (const event of events) {
    const scrubbed = JSON.stringify(scrubStrings(JSON.parse(event.data), details));
    if (scrubbed !== event.data)
      await trx.updateTable("voice_events").set({ data: scrubbed }).where("id", "=", event.id).execute();
  }
  await appendEvent(trx, {
    voiceId,
    kind: "personal_data_erased",
    actorId,
    at,
    data: { removedFromText: content.removed + (remedy?.removed ?? 0) },
  });
}

/** Every string inside a timeline event's data, with the member's details taken out. */
function scrubStrings(value: unknown, details: CustomerDetails): unknown {
  if (typeof value === "string") {
    const out = removePersonalData(value, details);
    return out.removed > 0 ? out.text : value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, details));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, details)]));
  return value;
}
