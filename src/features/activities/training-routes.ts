/** Training records. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { idResponseSchema, trainingInputSchema, trainingPatchSchema, trainingSchema } from "./contract.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";
import { createTraining, deleteTraining, listTrainings, updateTraining } from "./trainings.js";

export function trainingRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/trainings",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録",
        querystring: rangeQuery,
        response: { 200: items(trainingSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listTrainings(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/trainings",
    {
      schema: {
        tags: TAG,
        summary: "研修を記録（種類は 実務・商品・マナー・コンプライアンス・その他 など、名前かコード）",
        body: trainingInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply.status(201).send({ id: await tx((trx) => createTraining(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/trainings/:id",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録を変更（指定した項目だけ。種類は名前かコード）",
        params: pathIdParams("研修"),
        body: trainingPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateTraining(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/trainings/:id",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録を削除",
        params: pathIdParams("研修"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteTraining(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}
