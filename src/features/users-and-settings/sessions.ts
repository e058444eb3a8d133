/**
 * Login and sessions (throttling: login-throttle.ts; timeouts: session-timeouts.ts; the second factor:
 * two-factor.ts). Sessions live in the database so several app processes on one PostgreSQL share them; the cookie
 * carries a random token made at login (never one the browser brought) and only its hash is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { configCacheOf } from "../../services/config-cache.js";
import type { Role } from "../../shared/api-contract.js";
import type { SessionUser } from "./contract.js";
import { beginLoginAttempt, loginFailed, loginSucceeded, purgeLoginFailures } from "./login-throttle.js";
import { verifyPassword } from "./passwords.js";
import { SESSION_TIMEOUT_KEYS, sessionOpen, sessionTimeouts, timeoutsFrom } from "./session-timeouts.js";
import { verifySecondFactor } from "./two-factor.js";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const iso = (ms: number) => new Date(ms).toISOString();

/** A session's last use is written at most this often: a write per request would cost every request. */
const TOUCH_EVERY_MS = 60_000;
/** The time between a right password and the two-factor code, and the wrong codes one challenge allows. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_FAILURES = 5;

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
}

export type SignedIn = SessionInfo & { kind: "signed_in"; token: string; maxAgeSeconds: number };
export type LoginResult = SignedIn | { kind: "two_factor"; challenge: string };

// A fixed hash to verify against when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH =
  "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2rBo2MZUtzy4t6hJyELx9BD3cxk9mKNvCOnz8/SktS0";

const WRONG_PASSWORD = "メールアドレスまたはパスワードが正しくありません";

export async function login(
  db: Db,
  emailInput: string,
  password: string,
  ip: string | null,
  /** the clock (milliseconds) of the throttle and the session; tests pass one they can move */
  clock: () => number = Date.now,
): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  // Throttled by e-mail and address before anything about the account is read: known and unknown alike.
  const attempt = await beginLoginAttempt(db, email, ip, clock());
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active", "totp_enabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !ok || !user.active) {
    await loginFailed(db, attempt, clock());
    await recordAudit(db, {
      userId: user?.id ?? null,
      action: "login_failed",
      detail: `メールアドレス: ${email}`,
      ip,
    });
    throw new AppError("unauthenticated", WRONG_PASSWORD);
  }
  if (user.totp_enabled_at) {
    // The failures are kept until the code is right too: guessing codes counts against the same e-mail.
    await db.deleteFrom("login_failures").where("id", "=", attempt).execute();
    return { kind: "two_factor", challenge: await createChallenge(db, user.id, ip, clock()) };
  }
  await loginSucceeded(db, email);
  return signIn(db, user.id, ip, clock(), null);
}

async function createChallenge(db: Db, userId: number, ip: string | null, now: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("login_challenges")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: iso(now),
      expires_at: iso(now + CHALLENGE_TTL_MS),
      ip,
    })
    .execute();
  return token;
}

/**
 * The second step of a login with two-factor authentication: the code from the authenticator app, or one of the
 * recovery codes. Throttled like passwords (by the account's e-mail and the address), and one challenge takes
 * only a few wrong codes before the password has to be entered again.
 */
export async function completeTwoFactorLogin(
  db: Db,
  challengeToken: string,
  code: string,
  ip: string | null,
  clock: () => number = Date.now,
): Promise<SignedIn> {
  // The challenge field tells the login screen to go back to the password.
  const expired = () => {
    const message =
      "ログインの手続きの有効期限が切れました。もう一度メールアドレスとパスワードを入力してください";
    return new AppError("unauthenticated", message, { challenge: message });
  };
  const challenge = await db
    .selectFrom("login_challenges as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.user_id", "c.expires_at", "c.failures", "u.email", "u.active"])
    .where("c.token_hash", "=", hashToken(challengeToken))
    .executeTakeFirst();
  if (!challenge?.active || Date.parse(challenge.expires_at) <= clock()) {
    if (challenge) await deleteChallenge(db, challengeToken);
    throw expired();
  }
  const attempt = await beginLoginAttempt(db, challenge.email, ip, clock());
  const factor = await verifySecondFactor(db, challenge.user_id, code, clock());
  if (!factor) {
    await loginFailed(db, attempt, clock());
    const failures = challenge.failures + 1;
    if (failures >= CHALLENGE_MAX_FAILURES) await deleteChallenge(db, challengeToken);
    else
      await db
        .updateTable("login_challenges")
        .set({ failures })
        .where("token_hash", "=", hashToken(challengeToken))
        .execute();
    await recordAudit(db, {
      userId: challenge.user_id,
      action: "login_failed",
      detail: "二段階認証の確認コードの誤り",
      ip,
    });
    if (failures >= CHALLENGE_MAX_FAILURES) throw expired();
    throw new AppError("unauthenticated", "確認コードが正しくありません");
  }
  await deleteChallenge(db, challengeToken);
  await loginSucceeded(db, challenge.email);
  return signIn(
    db,
    challenge.user_id,
    ip,
    clock(),
    factor === "recovery_code" ? "二段階認証（回復コードを使用）" : "二段階認証",
  );
}

async function deleteChallenge(db: Db, token: string) {
  await db.deleteFrom("login_challenges").where("token_hash", "=", hashToken(token)).execute();
}

/** A new session with a new random token (never one the browser brought: no session fixation), audited. */
async function signIn(
  db: Db,
  userId: number,
  ip: string | null,
  now: number,
  detail: string | null,
): Promise<SignedIn> {
  const timeouts = await sessionTimeouts(db);
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(now + timeouts.absoluteHours * 3_600_000),
      ip,
    })
    .execute();
  await recordAudit(db, { userId, action: "login", detail, ip });
  const info = await findSession(db, token, now);
  if (!info) throw new AppError("internal", "セッションを作成できませんでした");
  return { kind: "signed_in", ...info, token, maxAgeSeconds: timeouts.absoluteHours * 3600 };
}

/**
 * The session of a cookie, or null when there is none, its user is disabled, or it has timed out (unused for
 * longer than the idle timeout, or older than the absolute one). Notes the use, at most once a minute.
 */
export async function findSession(db: Db, token: string, now = Date.now()): Promise<SessionInfo | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .select([
      "s.csrf_token",
      "s.created_at",
      "s.last_seen_at",
      "u.id",
      "u.email",
      "u.name",
      "u.role",
      "u.department_id",
      "u.active",
      "d.name as department_name",
      // The timeouts in the same statement: this runs on every request.
      (eb) =>
        eb
          .selectFrom("settings")
          .select("value")
          .where("key", "=", SESSION_TIMEOUT_KEYS.idleMinutes)
          .as("idle_setting"),
      (eb) =>
        eb
          .selectFrom("settings")
          .select("value")
          .where("key", "=", SESSION_TIMEOUT_KEYS.absoluteHours)
          .as("absolute_setting"),
      // And the configuration's generation, which tells the request whether the taxonomy and settings this process
      // keeps in memory are still current (services/config-cache.ts).
      (eb) =>
        eb.selectFrom("config_generation").select("generation").where("id", "=", 1).as("config_generation"),
    ])
    .where("s.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  if (row.config_generation !== null) configCacheOf(db).observe(Number(row.config_generation));
  const createdAt = Date.parse(row.created_at);
  const lastSeenAt = row.last_seen_at ? Date.parse(row.last_seen_at) : createdAt;
  const stored = new Map<string, string | null>([
    [SESSION_TIMEOUT_KEYS.idleMinutes, row.idle_setting],
    [SESSION_TIMEOUT_KEYS.absoluteHours, row.absolute_setting],
  ]);
  const timeouts = timeoutsFrom((key) => {
    const v = stored.get(key);
    return v ? (JSON.parse(v) as unknown) : undefined;
  });
  if (!row.active || !sessionOpen(timeouts, { createdAt, lastSeenAt }, now)) {
    await logout(db, token);
    return null;
  }
  if (now - lastSeenAt >= TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: iso(now) })
      .where("token_hash", "=", hashToken(token))
      .execute();
  }
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

/** 「すべての端末からログアウト」: every session of the user ends, and any login waiting for its code. */
export async function endAllSessions(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  await db.deleteFrom("login_challenges").where("user_id", "=", userId).execute();
  return Number(r.numDeletedRows);
}

/** Housekeeping: drops timed-out sessions, stale login challenges and old login failures. */
export async function purgeExpired(db: Db, now = Date.now()): Promise<void> {
  const t = await sessionTimeouts(db);
  await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("created_at", "<", iso(now - t.absoluteHours * 3_600_000)),
        eb(eb.fn.coalesce("last_seen_at", "created_at"), "<", iso(now - t.idleMinutes * 60_000)),
      ]),
    )
    .execute();
  await db.deleteFrom("login_challenges").where("expires_at", "<", iso(now)).execute();
  await purgeLoginFailures(db, now);
}
