/** Staff accounts: create, list, update; each has one role and at most one department. */
import type { Db } from "../../db/database.js";
import { roleNeedsDepartment } from "../../domain/roles.js";
import { invalidInput, notFound } from "../../errors.js";
import { recordAudit, recordCliAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { ROLES, type Role } from "../../shared/api-contract.js";
import { ROLE_LABELS } from "../../shared/labels-ja.js";
import { sanitizeText } from "../../shared/normalize.js";
import { hashPassword, passwordProblem } from "./passwords.js";
import { endAllSessions } from "./sessions.js";

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  departmentId: number | null;
  active: boolean;
  twoFactorEnabled: boolean;
}

/** Who changes an account from the API, for the audit log (the CLI and the demo seeding pass none). */
export interface AccountChanger {
  /** null: a `koe` command on the server (recorded as 「システム（CLI）」) */
  actor: { id: number } | null;
  ip: string | null;
}

export const CLI_CHANGER: AccountChanger = { actor: null, ip: null };

function recordAccountAudit(db: Db, by: AccountChanger, action: string, detail: string) {
  return by.actor
    ? recordAudit(db, { userId: by.actor.id, action, detail, ip: by.ip })
    : recordCliAudit(db, { action, detail });
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A name is shown in every user picker and timeline: a person's name, not a document. */
export const USER_NAME_MAX = 100;
export const USER_EMAIL_MAX = 200;

const length = (s: string) => Array.from(s).length;

function nameProblem(name: string): string | null {
  if (!name) return "氏名を入力してください";
  if (length(name) > USER_NAME_MAX) return `氏名は${USER_NAME_MAX}文字以内で入力してください`;
  return null;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  departmentId?: number | null;
  departmentCode?: string | null;
  password: string;
}

async function departmentIdOf(
  db: Db,
  input: { departmentId?: number | null; departmentCode?: string | null },
) {
  if (input.departmentCode) {
    const d = await db
      .selectFrom("departments")
      .select("id")
      .where((eb) =>
        eb.or([
          eb("code", "=", input.departmentCode as string),
          eb("name", "=", input.departmentCode as string),
        ]),
      )
      .executeTakeFirst();
    return d ? d.id : undefined;
  }
  if (input.departmentId === undefined || input.departmentId === null) return null;
  const d = await db
    .selectFrom("departments")
    .select("id")
    .where("id", "=", input.departmentId)
    .executeTakeFirst();
  return d ? d.id : undefined;
}

export async function createUser(db: Db, input: NewUser, by?: AccountChanger): Promise<UserRecord> {
  const fields: Record<string, string> = {};
  // The CLI reaches here without the API's schema: clean the text the same way (control characters out).
  const email = sanitizeText(input.email).trim().toLowerCase();
  const name = sanitizeText(input.name).trim();
  if (length(email) > USER_EMAIL_MAX)
    fields.email = `メールアドレスは${USER_EMAIL_MAX}文字以内で入力してください`;
  else if (!EMAIL_RE.test(email)) fields.email = "メールアドレスの形式が正しくありません";
  const badName = nameProblem(name);
  if (badName) fields.name = badName;
  if (!ROLES.includes(input.role as Role)) fields.role = `役割は ${ROLES.join(", ")} のいずれかです`;
  const pw = passwordProblem(input.password, email);
  if (pw) fields.password = pw;
  const departmentId = await departmentIdOf(db, input);
  if (departmentId === undefined) fields.department = "指定された部署が見つかりません";
  if (roleNeedsDepartment(input.role as Role) && departmentId === null)
    fields.department = "担当者と責任者には部署が必要です";
  if (!fields.email) {
    const exists = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (exists) fields.email = "このメールアドレスはすでに登録されています";
  }
  if (Object.keys(fields).length) throw invalidInput(fields);
  const row = await db
    .insertInto("users")
    .values({
      email,
      name,
      role: input.role,
      department_id: departmentId ?? null,
      password_hash: await hashPassword(input.password),
      active: 1,
      locked_until: null,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (by)
    await recordAccountAudit(
      db,
      by,
      "user_created",
      `対象: ${name}（${email}）、役割: ${ROLE_LABELS[input.role as Role]}`,
    );
  return getUser(db, row.id);
}

export async function getUser(db: Db, id: number): Promise<UserRecord> {
  const r = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "department_id", "active", "totp_enabled_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) throw notFound("ユーザー");
  return present(r);
}

function present(r: {
  id: number;
  email: string;
  name: string;
  role: string;
  department_id: number | null;
  active: number | boolean;
  totp_enabled_at: string | null;
}): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    departmentId: r.department_id,
    active: Boolean(r.active),
    twoFactorEnabled: r.totp_enabled_at !== null,
  };
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "department_id", "active", "totp_enabled_at"])
    .orderBy("id")
    .execute();
  return rows.map(present);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateUser(
  db: Db,
  id: number,
  patch: { name?: string; role?: string; departmentId?: number | null; active?: boolean; password?: string },
  by?: AccountChanger,
): Promise<UserRecord> {
  const current = await getUser(db, id);
  const fields: Record<string, string> = {};
  const set: {
    name?: string;
    role?: string;
    department_id?: number | null;
    active?: number;
    password_hash?: string;
    locked_until?: null;
  } = {};
  if (patch.name !== undefined) {
    const name = sanitizeText(patch.name).trim();
    const badName = nameProblem(name);
    if (badName) fields.name = badName;
    set.name = name;
  }
  if (patch.role !== undefined) {
    if (!ROLES.includes(patch.role as Role)) fields.role = `役割は ${ROLES.join(", ")} のいずれかです`;
    set.role = patch.role;
  }
  if (patch.departmentId !== undefined) {
    const d = await departmentIdOf(db, { departmentId: patch.departmentId });
    if (d === undefined) fields.departmentId = "指定された部署が見つかりません";
    set.department_id = d ?? null;
  }
  const role = set.role ?? current.role;
  const dept = set.department_id !== undefined ? set.department_id : current.departmentId;
  if (roleNeedsDepartment(role as Role) && dept === null)
    fields.departmentId = "担当者と責任者には部署が必要です";
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.password !== undefined) {
    const pw = passwordProblem(patch.password, current.email);
    if (pw) fields.password = pw;
    else {
      set.password_hash = await hashPassword(patch.password);
      set.locked_until = null;
    }
  }
  if (Object.keys(fields).length) throw invalidInput(fields);
  if (Object.keys(set).length) await db.updateTable("users").set(set).where("id", "=", id).execute();
  const roleChanged = set.role !== undefined && set.role !== current.role;
  if (patch.active === false || patch.password !== undefined || roleChanged) {
    // A deactivated user, a reset password or a new role ends every open session of that user: each screen and
    // CSRF token was given for the old rights, so they sign in again under the new ones.
    await endAllSessions(db, id);
  }
  if (by) await auditAccountChange(db, by, current, patch, roleChanged);
  return getUser(db, id);
}

async function auditAccountChange(
  db: Db,
  by: AccountChanger,
  before: UserRecord,
  patch: { role?: string; active?: boolean; password?: string },
  roleChanged: boolean,
) {
  const record = (action: string, detail: string) =>
    recordAccountAudit(db, by, action, `対象: ${before.name}、${detail}`);
  if (roleChanged)
    await record(
      "user_role_changed",
      `役割: ${ROLE_LABELS[before.role]} → ${ROLE_LABELS[patch.role as Role]}`,
    );
  if (patch.active !== undefined && patch.active !== before.active)
    await record(
      patch.active ? "user_enabled" : "user_disabled",
      patch.active ? "有効にしました" : "無効にしました",
    );
  if (patch.password !== undefined) await record("user_password_reset", "パスワードを再設定しました");
}

/** Minimal list for assignee pickers, visible to every signed-in user. */
export async function listUserOptions(db: Db) {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "role", "department_id"])
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role, departmentId: r.department_id }));
}
