/**
 * Kysely table types: users, their sign-in (sessions, two-factor challenges and recovery codes, failed
 * logins), departments, the taxonomy labels and the settings. Composed into `Database` in src/db/schema.ts.
 */
import type { Generated } from "kysely";
import type { Bool, Id } from "../../db/column-types.js";

export interface DepartmentsTable {
  id: Id;
  code: string;
  name: string;
  active: Bool;
  sort_order: number;
  created_at: string;
}

export interface TaxonomyLabelsTable {
  id: Id;
  kind: string;
  code: string;
  name: string;
  description: string | null;
  active: Bool;
  sort_order: number;
  created_at: string;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  role: string;
  department_id: number | null;
  password_hash: string;
  active: Bool;
  locked_until: string | null;
  created_at: string;
  /** TOTP secret (base32): enrolment started; in force once totp_enabled_at is set */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** the time step of the last accepted code, so one code is never accepted twice */
  totp_last_step: number | null;
}

/** One-time recovery codes for two-factor login, hashed (shown to the user once). */
export interface RecoveryCodesTable {
  id: Id;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a right password and the two-factor code: a short-lived challenge. */
export interface LoginChallengesTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  failures: Generated<number>;
  ip: string | null;
}

export interface LoginFailuresTable {
  id: Id;
  email: string;
  at: string;
  /** the client address of the attempt (null for logins outside HTTP) */
  ip: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  /** when the session was last used (idle timeout); null for sessions from before it was recorded */
  last_seen_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}
