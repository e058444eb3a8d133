/**
 * Optional two-factor login (TOTP, RFC 6238, with the `otpauth` library) for the roles that see every member's
 * personal data (roles.canUseTwoFactor): enrol (a secret shown as a QR code and as a key to type), confirm with a
 * first code, then every login asks for a code after the password. Ten recovery codes, shown once and stored
 * hashed, each work once when the phone is lost. A code is accepted once (the last accepted time step is kept).
 */
import { createHash, randomInt } from "node:crypto";
import * as OTPAuth from "otpauth";
import type { Db } from "../../db/database.js";
import { canUseTwoFactor } from "../../domain/roles.js";
import { AppError, invalidInput } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import type { Role } from "../../shared/api-contract.js";
import { beginLoginAttempt, loginFailed } from "./login-throttle.js";
import { verifyPassword } from "./passwords.js";

const ISSUER = "koe";
/** what every authenticator app supports: HMAC-SHA1, 6 digits, 30 seconds */
const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** one step either side: a phone clock a little off, or a code typed just as it changed */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
// no 0/o, 1/l/i: read off paper and typed by hand
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const totpFor = (secret: string, label: string) =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, secret: OTPAuth.Secret.fromBase32(secret), ...TOTP_SETTINGS });

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");
/** how a recovery code is compared: spaces and hyphens as the user likes, case ignored, full-width digits too */
const normalizeRecoveryCode = (code: string) => code.normalize("NFKC").toLowerCase().replace(/[\s-]/g, "");

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

interface Account {
  id: number;
  email: string;
  role: Role;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
}

async function account(db: Db, userId: number): Promise<Account> {
  const a = await db
    .selectFrom("users")
    .select(["id", "email", "role", "password_hash", "totp_secret", "totp_enabled_at", "totp_last_step"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return { ...a, role: a.role as Role };
}

export interface TwoFactorStatus {
  /** whether the user's role may use two-factor login */
  available: boolean;
  enabled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Db, userId: number): Promise<TwoFactorStatus> {
  const a = await account(db, userId);
  const left = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return {
    available: canUseTwoFactor(a),
    enabled: a.totp_enabled_at !== null,
    recoveryCodesLeft: a.totp_enabled_at !== null ? Number(left.n) : 0,
  };
}

/**
 * The current password, asked before the second factor changes. Counted by the login throttle, so a session
 * left open cannot be used to guess the password here.
 */
async function requirePassword(db: Db, a: Account, password: string, ip: string | null, now: number) {
  const attempt = await beginLoginAttempt(db, a.email, ip, now);
  if (!(await verifyPassword(a.password_hash, password))) {
    await loginFailed(db, attempt, now);
    throw invalidInput({ password: "パスワードが正しくありません" });
  }
  await db.deleteFrom("login_failures").where("id", "=", attempt).execute();
}

/** Starts enrolment: a new secret, kept until confirmed with a code (a new start replaces an unconfirmed one). */
export async function startEnrolment(
  db: Db,
  userId: number,
  password: string,
  ip: string | null,
  now: number,
): Promise<{ secret: string; uri: string }> {
  const a = await account(db, userId);
  if (!canUseTwoFactor(a))
    throw new AppError("forbidden", "二段階認証は管理者とCS部門のアカウントで使えます");
  if (a.totp_enabled_at) throw new AppError("conflict", "二段階認証はすでに有効です");
  await requirePassword(db, a, password, ip, now);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db
    .updateTable("users")
    .set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null })
    .where("id", "=", userId)
    .execute();
  return { secret, uri: totpFor(secret, a.email).toString() };
}

/** The step of a right code (not used before), or null. */
function matchingStep(a: Account, code: string, now: number): number | null {
  if (!a.totp_secret || !/^\d{6}$/.test(code)) return null;
  const totp = totpFor(a.totp_secret, a.email);
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now }) + delta;
  return a.totp_last_step !== null && step <= a.totp_last_step ? null : step;
}

/** Claims a step so the same code cannot be used twice, also by two requests at once. */
async function claimStep(db: Db, a: Account, step: number): Promise<boolean> {
  const r = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", a.id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Confirms enrolment with a first code; turns two-factor login on and returns the recovery codes (shown once). */
export async function confirmEnrolment(
  db: Db,
  userId: number,
  code: string,
  now: number,
  ip: string | null,
): Promise<{ recoveryCodes: string[] }> {
  const a = await account(db, userId);
  if (a.totp_enabled_at) throw new AppError("conflict", "二段階認証はすでに有効です");
  if (!a.totp_secret) throw new AppError("conflict", "先に二段階認証の設定を始めてください");
  const step = matchingStep(a, code.trim(), now);
  if (step === null || !(await claimStep(db, a, step)))
    throw invalidInput({
      code: "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください",
    });
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_enabled_at: new Date(now).toISOString() })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(
        recoveryCodes.map((c) => ({
          user_id: userId,
          code_hash: hashCode(normalizeRecoveryCode(c)),
          created_at: new Date(now).toISOString(),
        })),
      )
      .execute();
    await recordAudit(trx, { userId, action: "two_factor_enabled", ip });
  });
  return { recoveryCodes };
}

async function turnOff(db: Db, userId: number) {
  await db
    .updateTable("users")
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where("id", "=", userId)
    .execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/** The user turns two-factor login off (with their password). */
export async function disableTwoFactor(
  db: Db,
  userId: number,
  password: string,
  ip: string | null,
  now: number,
) {
  const a = await account(db, userId);
  if (!a.totp_enabled_at && !a.totp_secret) return;
  await requirePassword(db, a, password, ip, now);
  await db.transaction().execute(async (trx) => {
    await turnOff(trx, userId);
    await recordAudit(trx, { userId, action: "two_factor_disabled", ip });
  });
}

/** An administrator turns a user's two-factor login off (a lost phone and lost recovery codes). */
export async function resetTwoFactor(
  db: Db,
  admin: { id: number },
  target: { id: number; name: string },
  ip: string | null,
) {
  await db.transaction().execute(async (trx) => {
    await turnOff(trx, target.id);
    await recordAudit(trx, {
      userId: admin.id,
      action: "two_factor_reset",
      detail: `対象: ${target.name}`,
      ip,
    });
  });
}

/**
 * Checks the second factor at login: a 6-digit code from the app (each accepted once) or an unused recovery code
 * (used up). Returns which one matched, or null.
 */
export async function verifySecondFactor(
  db: Db,
  userId: number,
  input: string,
  now: number,
): Promise<"totp" | "recovery_code" | null> {
  const a = await account(db, userId);
  if (!a.totp_enabled_at) return null;
  const code = input.normalize("NFKC").trim();
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(a, code, now);
    return step !== null && (await claimStep(db, a, step)) ? "totp" : null;
  }
  const used = await db
    .updateTable("recovery_codes")
    .set({ used_at: new Date(now).toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashCode(normalizeRecoveryCode(code)))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? "recovery_code" : null;
}
