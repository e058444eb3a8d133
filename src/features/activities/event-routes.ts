/** Records of events, seminars and consultation sessions (with the number of participants). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  idResponseSchema,
  outreachEventInputSchema,
  outreachEventPatchSchema,
  outreachEventSchema,
} from "./contract.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";
import {
  createOutreachEvent,
  deleteOutreachEvent,
  listOutreachEvents,
  updateOutreachEvent,
} from "./trainings.js";

export function outreachEventRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/events",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録",
        querystring: rangeQuery,
        response: { 200: items(outreachEventSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listOutreachEvents(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/events",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会を記録（参加人数つき）",
        body: outreachEventInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createOutreachEvent(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/events/:id",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録を変更（指定した項目だけ）",
        params: pathIdParams("開催記録"),
        body: outreachEventPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateOutreachEvent(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/events/:id",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録を削除",
        params: pathIdParams("開催記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteOutreachEvent(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}
