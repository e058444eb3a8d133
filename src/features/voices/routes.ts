/** Voices: list, register, read, edit, and workflow actions. Routes stay thin: validate → one service call. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { errorResponses, pathIdParams, voiceDetailSchema } from "../../shared/api-contract.js";
import { voiceListQuerySchema } from "../../shared/voice-list-query.js";
import { wordsChanged } from "../text/word-index.js";
import { actOnVoice } from "./act-on-voice.js";
import { createVoiceInput, updateVoiceInput, voiceActionInput, voiceListSchema } from "./contract.js";
import { getVoice } from "./get-voice.js";
import { listVoices } from "./list-voices.js";
import { registerVoice } from "./register-voice.js";
import { updateVoice } from "./update-voice.js";

export { voiceListQuerySchema };

const idParams = pathIdParams("声");
export function voiceRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/voices",
    {
      schema: {
        tags: ["voices"],
        summary: "声の一覧",
        querystring: voiceListQuerySchema,
        response: { 200: voiceListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return listVoices(db, user, request.query);
    },
  );
  r.post(
    "/api/v1/voices",
    {
      schema: {
        tags: ["voices"],
        summary: "声の登録",
        body: createVoiceInput,
        response: { 201: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      const { id, analysed } = await db
        .transaction()
        .execute((trx) => registerVoice(trx, user, request.body));
      // Its words were written with it; the background indexer only takes a voice the analyzer failed on.
      if (!analysed) wordsChanged([id]);
      return reply.status(201).send(await getVoice(db, user, id, { ip: request.ip }));
    },
  );
  r.get(
    "/api/v1/voices/:id",
    {
      schema: {
        tags: ["voices"],
        summary: "声の詳細（対応履歴つき）",
        params: idParams,
        response: { 200: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.patch(
    "/api/v1/voices/:id",
    {
      schema: {
        tags: ["voices"],
        summary: "声の編集（version 必須）",
        params: idParams,
        body: updateVoiceInput,
        response: { 200: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      const { contentChanged } = await db
        .transaction()
        .execute((trx) => updateVoice(trx, user, request.params.id, request.body));
      if (contentChanged) wordsChanged([request.params.id]);
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.post(
    "/api/v1/voices/:id/actions",
    {
      schema: {
        tags: ["voices"],
        summary: "対応の操作（担当設定・回答記録・対応済・承認・完了・再開・取消など）",
        params: idParams,
        body: voiceActionInput,
        response: { 200: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      await db.transaction().execute((trx) => actOnVoice(trx, user, request.params.id, request.body));
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
}
