/**
 * A voice's text made fit for a published review (APPI): the customer's name (whole and each part), kana, member
 * number, phone, e-mail and address are removed, and so is anything shaped like a phone number or an e-mail
 * address (a relative's number written into the text). Masking (src/shared/masking.ts) keeps the first character
 * of a name and seven digits of a phone for staff who need to recognise a customer; a report needs none of that,
 * so the parts are replaced by what they were: 〇〇, （電話番号）, （メールアドレス）, （住所）, （会員番号）.
 */

export interface CustomerDetails {
  name: string | null;
  kana: string | null;
  memberNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 090-1234-5678, 0776(12)3456, 03 1234 5678, 09012345678 (full-width digits are folded first); the hyphen may be
// any dash a Japanese input method gives (−, ‐, –, —).
const DASH = "-‐‑‒–—―−";
const PHONE = new RegExp(
  `(?<![0-9])0[0-9]{1,4}[${DASH}(（ ）)]{0,2}[0-9]{1,4}[${DASH})） ]{0,2}[0-9]{3,4}(?![0-9])`,
  "g",
);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The ways a value may appear in the text: as stored, without spaces, and each part of two or more characters. */
function variants(value: string | null, parts: boolean): string[] {
  if (!value) return [];
  const t = foldAscii(value).trim();
  if (t === "") return [];
  const out = new Set([t, t.replace(/[\s\u3000]+/g, "")]);
  if (parts) for (const p of t.split(/[\s\u3000]+/)) if ([...p].length >= 2) out.add(p);
  // longest first, so 山田太郎 goes before 山田
  return [...out].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * Full-width digits, Latin letters and ＠．－ become ASCII so numbers and addresses match however they were typed;
 * everything else (Japanese brackets and punctuation) stays as written.
 */
function foldAscii(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ＠．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Digits only (090-1234-5678 and 09012345678 are the same number). */
const digits = (s: string) => s.replace(/[^0-9]/g, "");

export function removePersonalData(
  text: string,
  customer: CustomerDetails | null,
): { text: string; removed: number } {
  let out = foldAscii(text);
  let removed = 0;
  const replace = (pattern: RegExp, by: string) => {
    out = out.replace(pattern, () => {
      removed++;
      return by;
    });
  };
  if (customer) {
    // Whole values before their parts, and the address before the name (an address may contain a family name).
    for (const v of variants(customer.address, false)) replace(new RegExp(escapeRegExp(v), "g"), "（住所）");
    for (const v of variants(customer.email, false))
      replace(new RegExp(escapeRegExp(v), "gi"), "（メールアドレス）");
    for (const v of variants(customer.memberNumber, false))
      replace(new RegExp(escapeRegExp(v), "g"), "（会員番号）");
    for (const v of [...variants(customer.name, true), ...variants(customer.kana, true)])
      replace(new RegExp(escapeRegExp(v), "g"), "〇〇");
    const phone = customer.phone ? digits(foldAscii(customer.phone)) : "";
    if (phone.length >= 6) {
      // the number with any separators between its digits
      const spaced = [...phone].map(escapeRegExp).join(`[${DASH}(（ ）)]{0,2}`);
      replace(new RegExp(spaced, "g"), "（電話番号）");
    }
  }
  replace(EMAIL, "（メールアドレス）");
  replace(PHONE, "（電話番号）");
  return { text: out, removed };
}

/** What a published report may say about who spoke: 福井県・50代・女性 (004). */
export function attributionOf(c: {
  prefecture: string | null;
  ageBand: string | null;
  gender: string | null;
}) {
  return [c.prefecture, c.ageBand, c.gender]
    .map((s) => s?.trim() ?? "")
    .filter(Boolean)
    .join("・");
}
