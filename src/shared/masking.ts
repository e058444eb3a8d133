// Masking of personal data (APPI) for users who may read a voice but not its customer's details. Browser-safe.

const MASK_WIDE = "＊";
const MASK_NARROW = "*";
const SPACE = /[\s\u3000]/u;

/** Keeps the first character and spaces; every other character becomes ＊ (山田 太郎 → 山＊ ＊＊). */
function maskKeepingFirst(s: string): string {
  let seenFirst = false;
  let out = "";
  for (const ch of s) {
    if (SPACE.test(ch)) out += ch;
    else if (!seenFirst) {
      seenFirst = true;
      out += ch;
    } else out += MASK_WIDE;
  }
  return out;
}

export function maskName(s: string): string;
export function maskName(s: null | undefined): null;
export function maskName(s: string | null | undefined): string | null;
export function maskName(s: string | null | undefined): string | null {
  return s == null ? null : maskKeepingFirst(s);
}

export function maskKana(s: string): string;
export function maskKana(s: null | undefined): null;
export function maskKana(s: string | null | undefined): string | null;
export function maskKana(s: string | null | undefined): string | null {
  return s == null ? null : maskKeepingFirst(s);
}

const DIGIT = /[0-9０-９]/u;

/** Masks the digits of s except the first `head` and last `tail`; other characters are kept. */
function maskDigits(s: string, head: number, tail: number): string {
  const total = [...s].filter((c) => DIGIT.test(c)).length;
  let i = 0;
  let out = "";
  for (const ch of s) {
    if (!DIGIT.test(ch)) {
      out += ch;
      continue;
    }
    out += i < head || i >= total - tail ? ch : MASK_NARROW;
    i++;
  }
  return out;
}

/** 090-1234-5678 → 090-****-5678: the first 3 and last 4 digits stay; short numbers keep only the last 4 or fewer. */
export function maskPhone(s: string): string;
export function maskPhone(s: null | undefined): null;
export function maskPhone(s: string | null | undefined): string | null;
export function maskPhone(s: string | null | undefined): string | null {
  if (s == null) return null;
  const digits = [...s].filter((c) => DIGIT.test(c)).length;
  if (digits >= 10) return maskDigits(s, 3, 4);
  // Too short to keep 7 digits visible: keep at most half of them, from the end.
  return maskDigits(s, 0, Math.min(4, Math.floor(digits / 2)));
}

/** taro@example.jp → t***@example.jp (a fixed *** so the length is not revealed). */
export function maskEmail(s: string): string;
export function maskEmail(s: null | undefined): null;
export function maskEmail(s: string | null | undefined): string | null;
export function maskEmail(s: string | null | undefined): string | null {
  if (s == null) return null;
  if (s === "") return "";
  const at = s.lastIndexOf("@");
  const local = at < 0 ? s : s.slice(0, at);
  const first = [...local][0] ?? "";
  return `${first}***${at < 0 ? "" : s.slice(at)}`;
}

/** 12345678 → ****5678: the last 4 letters/digits stay (none when 4 or fewer); separators are kept. */
export function maskMemberNumber(s: string): string;
export function maskMemberNumber(s: null | undefined): null;
export function maskMemberNumber(s: string | null | undefined): string | null;
export function maskMemberNumber(s: string | null | undefined): string | null {
  if (s == null) return null;
  const isSignificant = (c: string) => /[\p{L}\p{N}]/u.test(c);
  const chars = [...s];
  const total = chars.filter(isSignificant).length;
  const keep = total > 4 ? 4 : 0;
  let i = 0;
  return chars
    .map((c) => {
      if (!isSignificant(c)) return c;
      return i++ >= total - keep ? c : MASK_NARROW;
    })
    .join("");
}

const PREFECTURE = /^(東京都|北海道|(?:京都|大阪)府|[^\s\d０-９]{2,3}?県)/u;
// Municipalities whose names contain 市/町/村/区 before the real suffix; a lazy match would cut them short.
const TRICKY_MUNICIPALITIES = [
  "四日市市",
  "廿日市市",
  "野々市市",
  "大町市",
  "十日町市",
  "東村山市",
  "武蔵村山市",
  "羽村市",
  "大村市",
  "田村市",
  "村上市",
  "村山市",
  "市川市",
  "市原市",
  "町田市",
  "上市町",
  "市貝町",
];
const GUN = /^[^\s\d０-９]{1,6}?郡/u;
// The shortest run ending in 市/区/町/村: a designated city keeps only the 市 (横浜市中区 → 横浜市).
const CITY = /^[^\s\d０-９]{1,8}?[市区町村]/u;

function municipalityPrefix(rest: string): string {
  const gun = GUN.exec(rest)?.[0] ?? "";
  const after = rest.slice(gun.length);
  const city = TRICKY_MUNICIPALITIES.find((m) => after.startsWith(m)) ?? CITY.exec(after)?.[0];
  return city ? gun + city : "";
}

/** Keeps the prefecture and the municipality, masks the rest with a fixed ＊＊＊ (福井県福井市＊＊＊). */
export function maskAddress(s: string): string;
export function maskAddress(s: null | undefined): null;
export function maskAddress(s: string | null | undefined): string | null;
export function maskAddress(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.trim();
  if (t === "") return "";
  const pref = PREFECTURE.exec(t)?.[0] ?? "";
  const kept = pref + municipalityPrefix(t.slice(pref.length));
  return kept.length === t.length ? kept : `${kept}${MASK_WIDE.repeat(3)}`;
}
