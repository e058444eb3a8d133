/** The staff roster and its qualifications. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { idResponseSchema, staffInputSchema, staffSchema } from "./contract.js";
import { inTransaction, items, TAG } from "./route-helpers.js";
import { createStaffMember, listStaff, updateStaffMember } from "./staff.js";

export function staffRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/staff",
    {
      schema: {
        tags: TAG,
        summary: "職員名簿と資格",
        response: { 200: items(staffSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listStaff(db) };
    },
  );
  r.post(
    "/api/v1/activities/staff",
    {
      schema: {
        tags: TAG,
        summary: "職員を追加（koe の利用者でなくてよい。資格と取得日を添えて）",
        body: staffInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createStaffMember(trx, request.body, jstToday())) });
    },
  );
  r.put(
    "/api/v1/activities/staff/:id",
    {
      schema: {
        tags: TAG,
        summary: "職員名簿の項目を変更（氏名・部署・雇用形態・在籍期間・資格の一覧をまとめて置き換え）",
        params: pathIdParams("職員"),
        body: staffInputSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateStaffMember(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
}
