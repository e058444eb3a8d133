/** Login (with the two-factor step), current session, logout and 「すべての端末からログアウト」. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { requireUser, SESSION_COOKIE } from "../../http/authentication.js";
import { recordAudit } from "../../services/audit.js";
import { errorResponses, noContentSchema } from "../../shared/api-contract.js";
import {
  currentSessionSchema,
  loginInput,
  loginResponseSchema,
  sessionResponseSchema,
  twoFactorLoginInput,
} from "./contract.js";
import { LOGIN_THROTTLE, LoginThrottledError } from "./login-throttle.js";
import { completeTwoFactorLogin, endAllSessions, login, logout, type SignedIn } from "./sessions.js";
import { twoFactorRoutes } from "./two-factor-routes.js";

export function sessionRoutes(
  app: FastifyInstance,
  db: Db,
  opts: { secureCookie: boolean; clock?: () => number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Runs a login step; a throttled one answers 429 with Retry-After. */
  async function throttled<T>(reply: FastifyReply, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof LoginThrottledError)
        reply.header("retry-after", String(Math.ceil(err.retryAfterMs / 1000)));
      throw err;
    }
  }

  /**
   * The browser gets the new session's cookie. A session cookie it brought along (an earlier login in the same
   * browser, or one planted by someone else) is ended, never carried over: no session fixation.
   */
  async function signedIn(request: FastifyRequest, reply: FastifyReply, s: SignedIn) {
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await logout(db, previous);
    reply.setCookie(SESSION_COOKIE, s.token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: opts.secureCookie,
      maxAge: s.maxAgeSeconds,
    });
    return { user: s.user, csrfToken: s.csrfToken };
  }

  r.post(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "ログイン",
        description:
          `失敗が続くと（同じメールアドレスで${LOGIN_THROTTLE.freePerEmail}回、同じ IP アドレスから${LOGIN_THROTTLE.freePerAddress}回）、` +
          `次の試行まで待ち時間が入ります（${LOGIN_THROTTLE.firstDelayMs / 1000}秒から倍々に、最長${LOGIN_THROTTLE.maxDelayMs / 60000}分）。` +
          "待ち時間中は 429 と Retry-After（秒）を返します。アカウントの有無にかかわらず同じ応答です。" +
          "二段階認証を使うアカウントでは、パスワードが正しいと twoFactorRequired と challenge を返します（セッションはまだ作りません）。" +
          "challenge と確認コードを POST /api/v1/session/two-factor に送るとログインできます。",
        body: loginInput,
        response: { 200: loginResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const s = await throttled(reply, () =>
        login(db, request.body.email, request.body.password, request.ip, opts.clock),
      );
      if (s.kind === "two_factor") return { twoFactorRequired: true as const, challenge: s.challenge };
      return signedIn(request, reply, s);
    },
  );
  r.post(
    "/api/v1/session/two-factor",
    {
      schema: {
        tags: ["session"],
        summary: "ログイン（二段階認証の確認コード）",
        description:
          "認証アプリの6桁の確認コード、または回復コード（各1回だけ使えます）を送ります。" +
          "誤りはパスワードの誤りと同じく数えられ、待ち時間が入ります。1回のログインで5回誤ると、パスワードからやり直しです。",
        body: twoFactorLoginInput,
        response: { 200: sessionResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const s = await throttled(reply, () =>
        completeTwoFactorLogin(db, request.body.challenge, request.body.code, request.ip, opts.clock),
      );
      return signedIn(request, reply, s);
    },
  );
  r.get(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "現在のセッション",
        response: { 200: currentSessionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, email, name, role, departmentId, departmentName } = user;
      return {
        user: { id, email, name, role, departmentId, departmentName },
        csrfToken: request.auth?.csrfToken ?? null,
      };
    },
  );
  r.delete(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "ログアウト",
        response: { 204: noContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (request.auth?.sessionToken) {
        await logout(db, request.auth.sessionToken);
        await recordAudit(db, { userId: user.id, action: "logout", ip: request.ip });
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
  r.delete(
    "/api/v1/session/all",
    {
      schema: {
        tags: ["session"],
        summary: "すべての端末からログアウト",
        description: "自分のすべてのセッション（この端末を含む）を終わらせます。",
        response: { 204: noContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const ended = await endAllSessions(db, user.id);
      await recordAudit(db, {
        userId: user.id,
        action: "logout_everywhere",
        detail: `対象: ${user.name}（${ended}件のセッション）`,
        ip: request.ip,
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  twoFactorRoutes(app, db, opts);
}
