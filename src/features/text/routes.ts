/** Text intelligence: classification, the classifier model in use, similar voices, merge, frequent words (retraining: classifier/routes.ts). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canManageClassifier } from "../../domain/roles.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams, voiceDetailSchema } from "../../shared/api-contract.js";
import { analyticsReaderOf } from "../analytics/analytics-reader.js";
import { getVoice } from "../voices/get-voice.js";
import { classifyText, modelStatus } from "./classifier-model.js";
import {
  classifyInput,
  classifyResponseSchema,
  mergeInput,
  modelStatusSchema,
  similarInput,
  similarResponseSchema,
  wordsAnalysisSchema,
  wordsQuery,
} from "./contract.js";
import { mergeVoices } from "./merge-voices.js";
import { findSimilarVoices, similarToVoice } from "./similar-voices.js";
import { synonymRoutes } from "./synonym-routes.js";
import { startWordIndexer } from "./word-index.js";

const idParams = pathIdParams("声");

export function textRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The words analysis reads and counts a year of voices: off the event loop on a SQLite file.
  const analyticsReader = analyticsReaderOf(app, db);
  synonymRoutes(app, db);
  r.post(
    "/api/v1/classify",
    {
      schema: {
        tags: ["text"],
        summary: "本文から種別・分類を提案",
        body: classifyInput,
        response: { 200: classifyResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return classifyText(db, request.body.text);
    },
  );
  r.get(
    "/api/v1/model",
    {
      schema: {
        tags: ["text"],
        summary: "分類モデルと学習の状態",
        response: { 200: modelStatusSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      return modelStatus(db);
    },
  );
  r.post(
    "/api/v1/voices/similar",
    {
      schema: {
        tags: ["text"],
        summary: "似ている声（本文から）",
        body: similarInput,
        response: { 200: similarResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      const { text, excludeId, receivedAt } = request.body;
      return { items: await findSimilarVoices(db, text, { excludeId, receivedAt }) };
    },
  );
  r.get(
    "/api/v1/voices/:id/similar",
    {
      schema: {
        tags: ["text"],
        summary: "同じ事例（似ている声）",
        params: idParams,
        response: { 200: similarResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return { items: await similarToVoice(db, request.params.id) };
    },
  );
  r.post(
    "/api/v1/voices/:id/merge",
    {
      schema: {
        tags: ["text"],
        summary: "重複した声を別の声に統合（取消）",
        params: idParams,
        body: mergeInput,
        response: { 200: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      await db.transaction().execute((trx) => mergeVoices(trx, user, request.params.id, request.body.intoId));
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.get(
    "/api/v1/analysis/words",
    {
      schema: {
        tags: ["analysis"],
        summary: "よく出る言葉と共起",
        querystring: wordsQuery,
        response: { 200: wordsAnalysisSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return analyticsReader.read("words", user, request.query);
    },
  );

  // The content-word indexer runs only in a listening server (not in in-process tests): kuromoji lives
  // in a worker thread, so requests stay responsive while it catches up.
  let stop: (() => Promise<void>) | null = null;
  app.addHook("onListen", async () => {
    stop = startWordIndexer(db, (msg, err) => app.log.error({ err }, msg));
  });
  app.addHook("onClose", async () => {
    await stop?.();
  });
}
