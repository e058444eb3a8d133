/** Records of how elderly customers were handled, with the counts by measure. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  elderlyHandlingInputSchema,
  elderlyHandlingPatchSchema,
  elderlyHandlingSchema,
  idResponseSchema,
} from "./contract.js";
import {
  createElderlyHandling,
  deleteElderlyHandling,
  elderlyHandlingCounts,
  listElderlyHandlings,
  updateElderlyHandling,
} from "./customer-protection.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";

export function elderlyHandlingRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/elderly-handlings",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応の記録と、方法別の件数",
        querystring: rangeQuery,
        response: {
          200: items(elderlyHandlingSchema).extend({
            total: z.number(),
            byMeasure: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      const range = readRange(request.query);
      const counts = await elderlyHandlingCounts(db, {
        from: range.from ?? "0000-01-01",
        to: range.to ?? "9999-12-31",
      });
      return { items: await listElderlyHandlings(db, range), ...counts };
    },
  );
  r.post(
    "/api/v1/activities/elderly-handlings",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応を記録（親族同席・複数募集人・複数回面談・電話での確認 など）",
        body: elderlyHandlingInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createElderlyHandling(trx, request.body, jstToday())) });
    },
  );

  r.patch(
    "/api/v1/activities/elderly-handlings/:id",
    {
      schema: {
        tags: TAG,
        summary:
          "高齢のお客さまへの対応の記録を変更（指定した項目だけ。対応方法は名前かコードの一覧で置き換え）",
        params: pathIdParams("高齢者対応の記録"),
        body: elderlyHandlingPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateElderlyHandling(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/elderly-handlings/:id",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応の記録を削除",
        params: pathIdParams("高齢者対応の記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteElderlyHandling(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}
