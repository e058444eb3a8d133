/** Login, current session and logout. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { login, logout, SESSION_TTL_MS } from "../../services/sessions.js";
import { requireUser, SESSION_COOKIE } from "../authentication.js";

export function sessionRoutes(app: FastifyInstance, db: Db, opts: { secureCookie: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "ログイン",
        body: z.object({
          email: z
            .string({ error: "メールアドレスを入力してください" })
            .min(1, "メールアドレスを入力してください")
            .max(200),
          password: z
            .string({ error: "パスワードを入力してください" })
            .min(1, "パスワードを入力してください")
            .max(200),
        }),
      },
    },
    async (request, reply) => {
      const s = await login(db, request.body.email, request.body.password, request.ip);
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
    { schema: { tags: ["session"], summary: "現在のセッション" } },
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
    { schema: { tags: ["session"], summary: "ログアウト" } },
    async (request, reply) => {
      requireUser(request);
      if (request.auth?.sessionToken) await logout(db, request.auth.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );
}
