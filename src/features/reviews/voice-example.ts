/**
 * A case for the review (e.g. 対応忘れの事例) taken from a voice: its text with the customer's personal data removed,
 * and what a published report may say about who spoke. The staff member then edits it in the review. Any user who
 * may read the voice list may take one: nothing of the customer leaves the server.
 */
import type { Db } from "../../db/database.js";
import { formatReceiptNumber, parseReceiptNumber } from "../../domain/receipt-number.js";
import { notFound } from "../../errors.js";
import type { VoiceExample } from "./contract.js";
import { attributionOf, removePersonalData } from "./remove-personal-data.js";

export async function voiceExample(db: Db, ref: string): Promise<VoiceExample> {
  const v = ref.normalize("NFKC").trim();
  let q = db
    .selectFrom("voices as v")
    .leftJoin("customers as c", "c.id", "v.customer_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select([
      "v.id",
      "v.receipt_number",
      "v.content",
      "t.code as typeCode",
      "c.id as customerId",
      "c.name",
      "c.kana",
      "c.member_number",
      "c.phone",
      "c.email",
      "c.address",
      "c.prefecture",
      "c.age_band",
      "c.gender",
    ]);
  const receipt = parseReceiptNumber(v);
  if (receipt) q = q.where("v.receipt_number", "=", formatReceiptNumber(receipt.fiscalYear, receipt.seq));
  else if (/^\d{1,9}$/.test(v)) q = q.where("v.id", "=", Number(v));
  else throw notFound(`受付番号「${ref}」の声`);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(`受付番号「${ref}」の声`);
  const customer =
    row.customerId === null
      ? null
      : {
          name: row.name,
          kana: row.kana,
          memberNumber: row.member_number,
          phone: row.phone,
          email: row.email,
          address: row.address,
        };
  const cleaned = removePersonalData(row.content, customer);
  return {
    voiceId: row.id,
    receiptNumber: row.receipt_number,
    title: row.typeCode === "complaint" ? "対応忘れの事例" : "お客様の声",
    body: cleaned.text,
    attribution: attributionOf({ prefecture: row.prefecture, ageBand: row.age_band, gender: row.gender }),
    removed: cleaned.removed,
  };
}
