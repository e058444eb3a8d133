/** Intent-confirmation records (意向把握・確認), listed with the items they still lack. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  idResponseSchema,
  intentRecordInputSchema,
  intentRecordPatchSchema,
  intentRecordSchema,
} from "./contract.js";
import {
  createIntentRecord,
  deleteIntentRecord,
  listIntentRecords,
  updateIntentRecord,
} from "./customer-protection.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";

export function intentRecordRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/intent-records",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録と、足りない項目（incomplete=true で不足のあるものだけ）",
        querystring: rangeQuery.extend({ incomplete: z.enum(["true", "false"]).optional() }),
        response: { 200: items(intentRecordSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return {
        items: await listIntentRecords(db, {
          ...readRange(request.query),
          incompleteOnly: request.query.incomplete === "true",
        }),
      };
    },
  );
  r.post(
    "/api/v1/activities/intent-records",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認を記録（不足があっても保存でき、一覧で足りない項目が示されます）",
        body: intentRecordInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createIntentRecord(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/intent-records/:id",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録を変更（指定した項目だけ。null で項目を空に）",
        params: pathIdParams("意向把握・確認の記録"),
        body: intentRecordPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateIntentRecord(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/intent-records/:id",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録を削除",
        params: pathIdParams("意向把握・確認の記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteIntentRecord(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}
