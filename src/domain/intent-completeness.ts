// What an intent-confirmation record (意向把握・確認の記録) must hold before it is complete (FSA principle 6:
// the customer's initial and final intent and why the product fits), and the items still missing, in Japanese.
// Pure: the record's screen, the API and the review all list the same items.

export interface IntentRecordFields {
  staffName: string | null;
  initialIntent: string | null;
  finalIntent: string | null;
  product: string | null;
  reason: string | null;
  intentChangedReason: string | null;
  customerConfirmedOn: string | null;
}

const REQUIRED: readonly [keyof IntentRecordFields, string][] = [
  ["staffName", "担当者"],
  ["initialIntent", "当初の意向"],
  ["finalIntent", "最終的な意向"],
  ["product", "提案した商品"],
  ["reason", "商品を選んだ理由"],
  ["customerConfirmedOn", "お客さまの確認日"],
];

const blank = (s: string | null | undefined) => s == null || s.trim() === "";
const same = (a: string | null, b: string | null) =>
  (a ?? "").replace(/\s+/g, "") === (b ?? "").replace(/\s+/g, "");

/** The missing items in the form's order; a changed intent also needs the reason it changed. */
export function missingIntentItems(r: IntentRecordFields): string[] {
  const missing = REQUIRED.filter(([k]) => blank(r[k])).map(([, label]) => label);
  const changed = !blank(r.initialIntent) && !blank(r.finalIntent) && !same(r.initialIntent, r.finalIntent);
  if (changed && blank(r.intentChangedReason)) missing.push("意向が変わった理由");
  return missing;
}
