/**
 * The personal-data check on featured voices (APPI): the edited text and the reply of every chosen voice are run
 * through the rules that remove personal data from review examples (the customer's name and its parts, kana,
 * member number, phone, e-mail and address from the voice's customer record, and anything shaped like a phone
 * number or an e-mail address). Whatever those rules would remove is a finding, and findings block approval.
 */
import type { Db } from "../../db/database.js";
import { type CustomerDetails, removePersonalData } from "../reviews/remove-personal-data.js";
import type { PersonalDataFinding } from "./contract.js";
import { featuredRows, sectionRows } from "./report-rows.js";

/** The marks removePersonalData leaves for each kind of personal data, with its Japanese name. */
const MARKS: [string, string][] = [
  ["〇〇", "氏名"],
  ["（電話番号）", "電話番号"],
  ["（メールアドレス）", "メールアドレス"],
  ["（会員番号）", "会員番号"],
  ["（住所）", "住所"],
];

const occurrences = (s: string, mark: string) => s.split(mark).length - 1;

/** The kinds of personal data left in a text, in Japanese (empty when it is clean). */
export function personalDataIn(text: string, customer: CustomerDetails | null): string[] {
  const { text: cleaned, removed } = removePersonalData(text, customer);
  if (removed === 0) return [];
  // A mark that was already in the text (〇〇 typed by staff) is not a finding.
  return MARKS.filter(([mark]) => occurrences(cleaned, mark) > occurrences(text, mark)).map(
    ([, name]) => name,
  );
}

export async function customerDetailsOf(db: Db, voiceIds: number[]) {
  const out = new Map<number, { receiptNumber: string; customer: CustomerDetails | null }>();
  if (voiceIds.length === 0) return out;
  const rows = await db
    .selectFrom("voices as v")
    .leftJoin("customers as c", "c.id", "v.customer_id")
    .select([
      "v.id",
      "v.receipt_number",
      "v.customer_id",
      "c.name",
      "c.kana",
      "c.member_number",
      "c.phone",
      "c.email",
      "c.address",
    ])
    .where("v.id", "in", [...new Set(voiceIds)])
    .execute();
  for (const r of rows)
    out.set(r.id, {
      receiptNumber: r.receipt_number,
      customer:
        r.customer_id === null
          ? null
          : {
              name: r.name,
              kana: r.kana,
              memberNumber: r.member_number,
              phone: r.phone,
              email: r.email,
              address: r.address,
            },
    });
  return out;
}

export async function checkFeaturedVoices(db: Db, reportId: number): Promise<PersonalDataFinding[]> {
  const sections = await sectionRows(db, reportId);
  const featured = await featuredRows(
    db,
    sections.map((s) => s.id),
  );
  const details = await customerDetailsOf(
    db,
    featured.map((f) => f.voice_id),
  );
  const findings: PersonalDataFinding[] = [];
  for (const f of featured) {
    const d = details.get(f.voice_id);
    const customer = d?.customer ?? null;
    const found = [...new Set([...personalDataIn(f.text, customer), ...personalDataIn(f.reply, customer)])];
    if (found.length === 0) continue;
    const receiptNumber = d?.receiptNumber ?? null;
    const name = receiptNumber ? `受付番号 ${receiptNumber} の声` : `声（ID ${f.voice_id}）`;
    findings.push({
      sectionId: f.section_id,
      voiceId: f.voice_id,
      receiptNumber,
      found,
      message: `${name}の掲載文に個人情報（${found.join("、")}）が残っています。削除してから承認してください`,
    });
  }
  return findings;
}
