/** The user's own two-factor login (設定 → 二段階認証): status, enrol, confirm with a code, turn off. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { requireUser } from "../../http/authentication.js";
import type { RequestUser } from "../../services/auth-types.js";
import { errorResponses, noContentSchema } from "../../shared/api-contract.js";
import {
  passwordConfirmInput,
  recoveryCodesSchema,
  twoFactorConfirmInput,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
} from "./contract.js";
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorStatus } from "./two-factor.js";

const tags = ["session"];

/** One's own sign-in is changed from a signed-in browser, not with an API token of another system. */
function requireSessionUser(request: FastifyRequest): RequestUser {
  const user = requireUser(request);
  if (request.auth?.via !== "session")
    throw new AppError("forbidden", "二段階認証の設定は、ログインした画面から行ってください");
  return user;
}

export function twoFactorRoutes(app: FastifyInstance, db: Db, opts: { clock?: () => number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = () => (opts.clock ?? Date.now)();

  r.get(
    "/api/v1/account/two-factor",
    {
      schema: {
        tags,
        summary: "自分の二段階認証の状態",
        response: { 200: twoFactorStatusSchema, ...errorResponses },
      },
    },
    async (request) => twoFactorStatus(db, requireSessionUser(request).id),
  );
  r.post(
    "/api/v1/account/two-factor/setup",
    {
      schema: {
        tags,
        summary: "二段階認証の設定を始める（現在のパスワードが必要）",
        description: "新しい秘密鍵を返します。確認コードで確定するまで、ログインには使われません。",
        body: passwordConfirmInput,
        response: { 200: twoFactorSetupSchema, ...errorResponses },
      },
    },
    async (request) =>
      startEnrolment(db, requireSessionUser(request).id, request.body.password, request.ip, now()),
  );
  r.post(
    "/api/v1/account/two-factor/confirm",
    {
      schema: {
        tags,
        summary: "確認コードで二段階認証を有効にし、回復コードを受け取る",
        body: twoFactorConfirmInput,
        response: { 200: recoveryCodesSchema, ...errorResponses },
      },
    },
    async (request) =>
      confirmEnrolment(db, requireSessionUser(request).id, request.body.code, now(), request.ip),
  );
  r.post(
    "/api/v1/account/two-factor/disable",
    {
      schema: {
        tags,
        summary: "二段階認証をやめる（現在のパスワードが必要）",
        body: passwordConfirmInput,
        response: { 204: noContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      await disableTwoFactor(db, user.id, request.body.password, request.ip, now());
      return reply.status(204).send(null);
    },
  );
}
