/**
 * Password hashing with argon2id (parameters and why: docs/decisions.md) and the rule every new password must
 * pass (the API and `koe user add` alike).
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import argon2 from "argon2";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * argon2id as OWASP's first recommendation for a server that hashes at login only: 64 MiB, 3 passes, 4 lanes
 * (the argon2 package's defaults, written out so a library upgrade cannot change them unnoticed).
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 4,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** The commonest passwords (zxcvbn's list of about 49,000 leaked ones), already lower case. */
let common: Set<string> | null = null;
const commonPasswords = () => {
  common ??= new Set(dictionary["passwords-common"]);
  return common;
};

/** How a password is compared with the list: full-width and half-width alike (NFKC), case ignored. */
export const comparablePassword = (password: string) => password.normalize("NFKC").toLowerCase();

/**
 * A listed password, also with digits or symbols only added before or after it ("iloveyou2025!"): that is how
 * people meet a length rule, and how guessing tools try them first.
 */
export function isCommonPassword(password: string): boolean {
  const p = comparablePassword(password);
  const list = commonPasswords();
  if (list.has(p)) return true;
  const core = p.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, "");
  return core.length >= 4 && list.has(core);
}

/**
 * Why a new password cannot be used, in Japanese; null when it can. Besides the length, refuses what is
 * guessed first: only spaces, one character repeated (aaaaaaaaaaaa), the user's own e-mail address, and the
 * commonest passwords.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (Array.from(password).length < MIN_PASSWORD_LENGTH)
    return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください`;
  if (password.trim() === "") return "空白だけのパスワードは使えません";
  if (new Set(password).size === 1) return "同じ文字を繰り返しただけのパスワードは使えません";
  if (email !== undefined && comparablePassword(password.trim()) === comparablePassword(email.trim()))
    return "メールアドレスと同じパスワードは使えません";
  if (isCommonPassword(password))
    return "よく使われているパスワードのため使えません。推測されにくい言葉を組み合わせてください";
  return null;
}
