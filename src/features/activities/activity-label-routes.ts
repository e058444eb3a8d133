/** The editable lists of the activity records (qualifications, training kinds, elderly-handling measures). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { createActivityLabel, listActivityLabels, updateActivityLabel } from "./activity-labels.js";
import {
  idResponseSchema,
  LABEL_KINDS,
  labelInputSchema,
  labelPatchSchema,
  labelSchema,
} from "./contract.js";
import { inTransaction, items, TAG } from "./route-helpers.js";

export function activityLabelRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/labels",
    {
      schema: {
        tags: TAG,
        summary: "編集できる一覧（資格・研修の種類・高齢者対応の方法）",
        querystring: z.object({ kind: z.enum(LABEL_KINDS).optional() }).strict(),
        response: { 200: items(labelSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listActivityLabels(db, request.query.kind) };
    },
  );
  r.post(
    "/api/v1/activities/labels",
    {
      schema: {
        tags: TAG,
        summary: "一覧に項目を追加（例: 資格「証券外務員」）",
        body: labelInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply.status(201).send({ id: await tx((trx) => createActivityLabel(trx, request.body)) });
    },
  );
  r.patch(
    "/api/v1/activities/labels/:id",
    {
      schema: {
        tags: TAG,
        summary: "一覧の項目の名前・並び順・資格の扱い・使用の可否を変更（過去の記録は元の項目のまま）",
        params: pathIdParams("項目"),
        body: labelPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateActivityLabel(trx, request.params.id, request.body));
      return { id: request.params.id };
    },
  );
}
