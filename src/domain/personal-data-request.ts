/**
 * APPI requests (保有個人データの開示・訂正・利用停止・消去): the kinds, how a member is looked up, and how the
 * lookup is written down. Free of HTTP and SQL; the feature src/features/personal-data-requests applies them.
 */
import { maskEmail, maskMemberNumber, maskPhone } from "../shared/masking.js";

export const PERSONAL_DATA_REQUEST_KINDS = ["disclosure", "correction", "stop_use", "erasure"] as const;
export type PersonalDataRequestKind = (typeof PERSONAL_DATA_REQUEST_KINDS)[number];
export const PERSONAL_DATA_REQUEST_LABELS: Readonly<Record<PersonalDataRequestKind, string>> = {
  disclosure: "開示",
  correction: "訂正",
  stop_use: "利用停止",
  erasure: "消去",
};

export const CUSTOMER_LOOKUP_KINDS = ["member_number", "phone", "email"] as const;
export type CustomerLookupKind = (typeof CUSTOMER_LOOKUP_KINDS)[number];
export const CUSTOMER_LOOKUP_LABELS: Readonly<Record<CustomerLookupKind, string>> = {
  member_number: "会員番号",
  phone: "電話番号",
  email: "メールアドレス",
};

export interface CustomerLookup {
  kind: CustomerLookupKind;
  value: string;
}

/**
 * The form a value is compared in: a phone as its digits (090-1234-5678 = 09012345678 = ０９０…), an e-mail in
 * lower case, a member number without spaces; full-width characters folded (NFKC) for all three.
 */
export function lookupKey(kind: CustomerLookupKind, value: string): string {
  const v = value.normalize("NFKC").trim();
  if (kind === "phone") return v.replace(/[^0-9]/g, "");
  if (kind === "email") return v.toLowerCase();
  return v.replace(/[\s]+/g, "");
}

/** What is wrong with a lookup value, in Japanese, or null when it can find someone. */
export function lookupProblem(lookup: CustomerLookup): string | null {
  const key = lookupKey(lookup.kind, lookup.value);
  if (key === "") return `${CUSTOMER_LOOKUP_LABELS[lookup.kind]}を入力してください`;
  if (lookup.kind === "phone" && (key.length < 10 || key.length > 11))
    return "電話番号は市外局番から10桁か11桁で入力してください";
  if (lookup.kind === "email" && !/^[^@\s]+@[^@\s]+$/.test(key)) return "メールアドレスの形ではありません";
  return null;
}

/** The lookup as the request log keeps it: masked, because the log outlives an erasure. */
export function maskedLookup(lookup: CustomerLookup): string {
  const v = lookup.value.normalize("NFKC").trim();
  if (lookup.kind === "phone") return maskPhone(v);
  if (lookup.kind === "email") return maskEmail(v);
  return maskMemberNumber(v);
}
