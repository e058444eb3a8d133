/** Password hashing with argon2id. */
import argon2 from "argon2";

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Why a new password cannot be used, in Japanese; null when it can. Besides the length, refuses what is
 * guessed first: only spaces, one character repeated (aaaaaaaaaa), and the user's own e-mail address.
 * Used by every path that sets a password (the API and `koe user add`).
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.length > 200) return "パスワードは200文字以内にしてください";
  if (password.trim() === "") return "空白だけのパスワードは使えません";
  if (new Set(password).size === 1) return "同じ文字を繰り返しただけのパスワードは使えません";
  if (email !== undefined && password.trim().toLowerCase() === email.trim().toLowerCase())
    return "メールアドレスと同じパスワードは使えません";
  return null;
}
