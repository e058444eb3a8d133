/**
 * Login throttling, kept in the database so every app process on one PostgreSQL counts the same failures.
 *
 * Failures are counted by normalized e-mail, whether or not an account has it, so a refusal says nothing about
 * which addresses exist; and by client address, so one address guessing many accounts slows down as well.
 * Past the free failures each further attempt waits a delay that doubles per failure and is capped: a stranger
 * can slow an owner down for minutes at most, never lock them out, and once the delay has passed the right
 * password works. A refused attempt checks no password and is not counted.
 */

import type { Db } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { AppError } from "../../errors.js";
import { waitPhrase } from "../../services/wait-phrase.js";

export const LOGIN_THROTTLE = {
  /** failures for one e-mail (from anywhere) before the delays start */
  freePerEmail: 5,
  /** failures from one client address (for any e-mail) before the delays start: an office shares one address */
  freePerAddress: 20,
  /** failures older than this are forgotten */
  windowMs: 60 * 60 * 1000,
  firstDelayMs: 2000,
  maxDelayMs: 15 * 60 * 1000,
};

/** The wait after the latest of `failures` failures: 0 while free, then 2 s, 4 s, 8 s … up to 15 minutes. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  const { firstDelayMs, maxDelayMs } = LOGIN_THROTTLE;
  return Math.min(firstDelayMs * 2 ** Math.min(failures - free, 30), maxDelayMs);
}

export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterMs: number) {
    super(
      "throttled",
      `ログインの失敗が続いたため、しばらくログインできません。${waitPhrase(retryAfterMs)}後にもう一度お試しください`,
    );
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes the attempt down before the password is checked, so parallel guesses see each other, unless an earlier
 * failure's delay has not passed (then it is refused and not counted). Returns the attempt's id for loginFailed /
 * loginSucceeded. The count and the write happen one attempt at a time across every process (an advisory lock on
 * PostgreSQL; SQLite writes one transaction at a time): guesses arriving at once on two processes cannot both
 * count before the other wrote, so no more than the free failures reach the password check, as on one process.
 */
export async function beginLoginAttempt(
  db: Db,
  email: string,
  ip: string | null,
  now: number,
): Promise<number> {
  const attempt = await db
    .transaction()
    .execute(async (trx): Promise<{ refusedFor: number } | { id: number }> => {
      await dialectFor(trx).lockUntilCommit(trx, "koe_login_attempts");
      const since = iso(now - LOGIN_THROTTLE.windowMs);
      const earlier = trx
        .selectFrom("login_failures")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
        .where("at", ">", since);
      const byEmail = await earlier.where("email", "=", email).executeTakeFirstOrThrow();
      const byAddress = ip ? await earlier.where("ip", "=", ip).executeTakeFirstOrThrow() : null;
      const until = Math.max(
        readyAt(byEmail, LOGIN_THROTTLE.freePerEmail),
        byAddress ? readyAt(byAddress, LOGIN_THROTTLE.freePerAddress) : 0,
      );
      if (until > now) return { refusedFor: until - now };
      const { id } = await trx
        .insertInto("login_failures")
        .values({ email, ip, at: iso(now) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { id };
    });
  if ("refusedFor" in attempt) throw new LoginThrottledError(attempt.refusedFor);
  return attempt.id;
}

/**
 * When the next attempt may run: never held back while the failures are within the free ones (an attempt written
 * by another request may carry a later time than this one's clock, read before it waited for the lock).
 */
function readyAt(r: { n: number | string; last: string | null }, free: number): number {
  const delay = delayAfter(Number(r.n), free);
  return r.last && delay > 0 ? Date.parse(r.last) + delay : 0;
}

/** The attempt failed: its delay runs from now, after the slow password check, not from when it began. */
export async function loginFailed(db: Db, attemptId: number, now: number): Promise<void> {
  await db
    .updateTable("login_failures")
    .set({ at: iso(now) })
    .where("id", "=", attemptId)
    .execute();
}

/** The right password: this e-mail's failures are forgotten (the address's, for other e-mails, are not). */
export async function loginSucceeded(db: Db, email: string): Promise<void> {
  await db.deleteFrom("login_failures").where("email", "=", email).execute();
}

/** Housekeeping: forgets failures older than the window. */
export async function purgeLoginFailures(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom("login_failures")
    .where("at", "<", iso(now - LOGIN_THROTTLE.windowMs))
    .execute();
}
