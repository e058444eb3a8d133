/** API tokens for other systems (admin only): create (the secret is shown once), list, revoke. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister } from "../../domain/roles.js";
import { registerIdempotency } from "../../http/idempotency.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.js";
import {
  apiTokenInfoSchema,
  apiTokenListSchema,
  createApiTokenInput,
  createdApiTokenSchema,
} from "./contract.js";

const idParams = pathIdParams("API トークン");

const TOKEN_DOC =
  "他のシステムは `Authorization: Bearer koe_...` で API を呼び出せます。トークンは権限（scope）を持ち、" +
  "voices:write は POST /api/v1/voices（声の登録）、voices:read は一覧・詳細の取得です（個人情報は常にマスクされます）。" +
  "トークンごとに専用のサービス用ユーザーが作られ、登録した声の登録者として記録されます。" +
  "POST /api/v1/voices に `Idempotency-Key` ヘッダーを付けると、同じキーで再送しても声は1件だけ登録され、2回目以降は最初の応答と同じ声（201）が返ります。";

export async function tokenRoutes(app: FastifyInstance, db: Db): Promise<void> {
  registerIdempotency(app, db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "API トークンの一覧（管理者）",
        description: TOKEN_DOC,
        response: { 200: apiTokenListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      return { items: await listApiTokens(db) };
    },
  );
  r.post(
    "/api/v1/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "API トークンの作成（管理者）。token はこの応答でだけ表示されます",
        description: TOKEN_DOC,
        body: createApiTokenInput,
        response: { 201: createdApiTokenSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireAllowed(request, canAdminister);
      const created = await db.transaction().execute((trx) => createApiToken(trx, admin, request.body));
      return reply.status(201).send(created);
    },
  );
  r.delete(
    "/api/v1/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        summary: "API トークンの失効（管理者）。失効したトークンは 401 になります",
        params: idParams,
        response: { 200: apiTokenInfoSchema, ...errorResponses },
      },
    },
    async (request) => {
      const admin = requireAllowed(request, canAdminister);
      return revokeApiToken(db, admin, request.params.id);
    },
  );
}
