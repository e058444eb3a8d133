/**
 * Login and sessions (throttling: login-throttle.ts). Sessions live in the database so several app processes on one
 * PostgreSQL share them; the cookie carries a random token and only its hash is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { Role } from "../../shared/api-contract.js";
import type { SessionUser } from "./contract.js";
import { beginLoginAttempt, loginFailed, loginSucceeded, purgeLoginFailures } from "./login-throttle.js";
import { verifyPassword } from "./passwords.js";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2rBo2MZUtzy4t6hJyELx9BD3cxk9mKNvCOnz8/SktS0";

export async function login(
  db: Db,
  emailInput: string,
  password: string,
  ip: string | null,
  /** the throttle's clock (milliseconds); tests pass one they can move */
  clock: () => number = Date.now,
): Promise<SessionInfo & { token: string }> {
  const email = emailInput.trim().toLowerCase();
  // Throttled by e-mail and address before anything about the account is read: known and unknown alike.
  const attempt = await beginLoginAttempt(db, email, ip, clock());
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active"])
    .where("email", "=", email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !ok || !user.active) {
    await loginFailed(db, attempt, clock());
    throw new AppError("unauthenticated", "メールアドレスまたはパスワードが正しくありません");
  }
  await loginSucceeded(db, email);
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
      ip,
    })
    .execute();
  const info = await findSession(db, token);
  if (!info) throw new AppError("internal", "セッションを作成できませんでした");
  return { ...info, token };
}

export async function findSession(db: Db, token: string): Promise<SessionInfo | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .select([
      "s.csrf_token",
      "s.expires_at",
      "u.id",
      "u.email",
      "u.name",
      "u.role",
      "u.department_id",
      "u.active",
      "d.name as department_name",
    ])
    .where("s.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row?.active || Date.parse(row.expires_at) <= Date.now()) return null;
  return {
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      departmentId: row.department_id,
      departmentName: row.department_name ?? null,
    },
  };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}

/** Housekeeping: drops expired sessions and old login failures. */
export async function purgeExpired(db: Db): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", nowIso()).execute();
  await purgeLoginFailures(db, Date.now());
}
