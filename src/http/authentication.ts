/**
 * Reads the session cookie (or, later, an API token) into `request.auth`, and checks CSRF on
 * cookie-authenticated writes: a cross-site page can make the browser send the cookie, never the token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { findSession } from "../features/users-and-settings/sessions.js";
import type { RequestAuth, RequestUser } from "../services/auth-types.js";

export const SESSION_COOKIE = "koe_session";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The login and its two-factor step: they make a new session, whatever cookie the browser still holds. */
const LOGIN_PATHS = new Set(["/api/v1/session", "/api/v1/session/two-factor"]);

export type TokenAuthenticator = (db: Db, bearer: string) => Promise<RequestAuth | null>;

export function registerAuthentication(
  app: FastifyInstance,
  db: Db,
  opts: {
    tokenAuthenticator?: TokenAuthenticator;
    /** the sessions' clock (milliseconds) for their timeouts; tests pass one they can move */
    clock?: () => number;
  },
) {
  const clock = opts.clock ?? Date.now;
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    // The members' public form has no account: a staff cookie in the same browser must neither help nor hurt.
    if (request.url.startsWith("/api/v1/public/")) return;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ") && opts.tokenAuthenticator) {
      request.auth = await opts.tokenAuthenticator(db, header.slice("Bearer ".length).trim());
      if (!request.auth)
        throw new AppError("unauthenticated", "API トークンが無効です（失効したか、誤っています）");
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(db, token, clock());
    if (!session) return;
    request.auth = {
      user: session.user satisfies RequestUser,
      via: "session",
      csrfToken: session.csrfToken,
      sessionToken: token,
      scopes: null,
    };
    if (WRITE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      // Logging in again from a stale page is allowed (both steps); everything else needs the token.
      if (!(request.method === "POST" && LOGIN_PATHS.has(request.url.split("?")[0] ?? ""))) {
        throw new AppError(
          "csrf",
          "画面の有効期限が切れました。ページを再読み込みしてから、もう一度操作してください",
        );
      }
    }
  });
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): RequestUser {
  if (!request.auth) throw new AppError("unauthenticated", "ログインしてください");
  return request.auth.user;
}

/** For API tokens: the scope this route needs. Session users are governed by their role instead. */
export function requireScope(request: FastifyRequest, scope: string): void {
  const auth = request.auth;
  if (auth?.via === "token" && !auth.scopes?.includes(scope)) {
    throw new AppError("forbidden", `この API トークンには ${scope} の権限がありません`);
  }
}

export function clientIp(request: FastifyRequest): string {
  return request.ip;
}

export type { FastifyReply };
