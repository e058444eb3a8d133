/**
 * API tokens for other systems: created by admins with scopes, shown once, stored as a sha256 hash, revocable.
 * Each token acts as its own hidden service user (role staff, no department, cannot log in), so voices it
 * registers name it as their creator and it sees customer fields masked.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import type { RequestAuth } from "../../services/auth-types.js";
import { nowIso } from "../../services/clock.js";
import { API_SCOPES, type ApiScope } from "../../shared/constants.js";
import type { ApiTokenInfo, CreateApiTokenInput, CreatedApiToken } from "./contract.js";

const TOKEN_PREFIX = "koe_";
/** last_used_at is written at most this often per token, so busy integrations do not write on every call */
const LAST_USED_RESOLUTION_MS = 60_000;
/** never a valid argon2 hash: the service user cannot log in with any password */
const NO_PASSWORD = "!api-token";

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

function parseScopes(s: string): ApiScope[] {
  return s.split(",").filter((x): x is ApiScope => (API_SCOPES as readonly string[]).includes(x));
}

/** Creates a token and its service user, in the caller's transaction; the token is in the answer only. */
export async function createApiToken(
  db: Db,
  admin: { id: number },
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const scopes = [...new Set(input.scopes)].sort();
  const at = nowIso();
  const user = await db
    .insertInto("users")
    .values({
      email: `api-token-${randomBytes(8).toString("hex")}@api.koe.invalid`,
      name: `API: ${input.name}`.slice(0, 100),
      role: "staff",
      department_id: null,
      password_hash: NO_PASSWORD,
      // inactive: hidden from assignee pickers and unable to log in; the token alone authenticates
      active: 0,
      locked_until: null,
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto("api_tokens")
    .values({
      name: input.name,
      token_hash: hashApiToken(token),
      token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: scopes.join(","),
      user_id: user.id,
      created_by: admin.id,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(db, { userId: admin.id, action: "api_token_created", detail: input.name });
  const info = (await listApiTokens(db)).find((t) => t.id === row.id);
  if (!info) throw notFound("API トークン");
  return { ...info, token };
}

export async function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom("api_tokens as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.token_prefix",
      "t.scopes",
      "t.created_at",
      "t.created_by",
      "u.name as created_by_name",
      "t.last_used_at",
      "t.revoked_at",
    ])
    .orderBy("t.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.token_prefix,
    scopes: parseScopes(r.scopes),
    createdAt: r.created_at,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? "" } : null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(db: Db, admin: { id: number }, id: number): Promise<ApiTokenInfo> {
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "name"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("API トークン");
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  await recordAudit(db, { userId: admin.id, action: "api_token_revoked", detail: row.name });
  const info = (await listApiTokens(db)).find((t) => t.id === id);
  if (!info) throw notFound("API トークン");
  return info;
}

/** The TokenAuthenticator: a live token → its service user and scopes; anything else → null (401). */
export async function authenticateApiToken(db: Db, bearer: string): Promise<RequestAuth | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.scopes", "t.last_used_at", "u.id as user_id", "u.email", "u.name", "u.role"])
    .where("t.token_hash", "=", hashApiToken(bearer))
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  return {
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: "staff",
      departmentId: null,
      departmentName: null,
    },
    via: "token",
    csrfToken: null,
    sessionToken: null,
    scopes: parseScopes(row.scopes),
  };
}
