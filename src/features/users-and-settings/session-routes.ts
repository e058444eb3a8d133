/** Login, current session and logout. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { requireUser, SESSION_COOKIE } from "../../http/authentication.js";
import { errorResponses, noContentSchema } from "../../shared/api-contract.js";
import { currentSessionSchema, loginInput, sessionResponseSchema } from "./contract.js";
import { LOGIN_THROTTLE, LoginThrottledError } from "./login-throttle.js";
import { login, logout, SESSION_TTL_MS } from "./sessions.js";

export function sessionRoutes(
  app: FastifyInstance,
  db: Db,
  opts: { secureCookie: boolean; clock?: () => number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "ログイン",
        description:
          `失敗が続くと（同じメールアドレスで${LOGIN_THROTTLE.freePerEmail}回、同じ IP アドレスから${LOGIN_THROTTLE.freePerAddress}回）、` +
          `次の試行まで待ち時間が入ります（${LOGIN_THROTTLE.firstDelayMs / 1000}秒から倍々に、最長${LOGIN_THROTTLE.maxDelayMs / 60000}分）。` +
          "待ち時間中は 429 と Retry-After（秒）を返します。アカウントの有無にかかわらず同じ応答です。",
        body: loginInput,
        response: { 200: sessionResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      let s: Awaited<ReturnType<typeof login>>;
      try {
        s = await login(db, request.body.email, request.body.password, request.ip, opts.clock);
      } catch (err) {
        if (err instanceof LoginThrottledError)
          reply.header("retry-after", String(Math.ceil(err.retryAfterMs / 1000)));
        throw err;
      }
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: opts.secureCookie,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { user: s.user, csrfToken: s.csrfToken };
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
      requireUser(request);
      if (request.auth?.sessionToken) await logout(db, request.auth.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
}
