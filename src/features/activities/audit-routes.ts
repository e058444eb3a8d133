/** Self-inspections and internal/external audits, and their improvement items turned into or linked to improvement tasks. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  createAudit,
  deleteAudit,
  linkAuditItemImprovement,
  listAudits,
  registerAuditItemImprovement,
  updateAudit,
} from "./audits.js";
import {
  auditImprovementInputSchema,
  auditInputSchema,
  auditItemImprovementSchema,
  auditItemLinkInputSchema,
  auditPatchSchema,
  auditSchema,
  idResponseSchema,
} from "./contract.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";

export function auditRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/audits",
    {
      schema: {
        tags: TAG,
        summary: "自主点検・内部監査・外部監査の記録（改善項目つき）",
        querystring: rangeQuery,
        response: { 200: items(auditSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listAudits(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/audits",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査を記録（実施者、指摘事項、改善項目）",
        body: auditInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createAudit(trx, request.body, jstToday(), user)) });
    },
  );
  r.post(
    "/api/v1/activities/audit-items/:id/improvement",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の改善項目を改善課題として登録（改善として登録）",
        description:
          "改善項目から改善課題（状態: 提案）を作り、改善項目に紐づけます。改善課題の画面にも元の点検・監査が表示されます。" +
          "すでに改善課題になっている項目は 409 です。",
        params: pathIdParams("改善項目"),
        body: auditImprovementInputSchema,
        response: { 201: auditItemImprovementSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canRecordActivities);
      const improvementId = await tx((trx) =>
        registerAuditItemImprovement(trx, request.params.id, request.body, user),
      );
      return reply.status(201).send({ id: request.params.id, improvementId });
    },
  );
  r.patch(
    "/api/v1/activities/audits/:id",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の記録を変更（実施日・種類・実施者・指摘事項・改善項目）",
        description:
          "items を送ると改善項目をまとめて置き換えます。id つきの項目はその項目のまま（文言の変更可、改善課題との紐づけは残ります）、" +
          "id のない項目は追加、送らなかった項目は削除です。改善課題になっている項目は外せません（409）。",
        params: pathIdParams("点検・監査"),
        body: auditPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateAudit(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.post(
    "/api/v1/activities/audit-items/:id/improvement-link",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の改善項目を既存の改善課題に紐づけ",
        description:
          "改善項目を、すでにある改善課題に紐づけます（1つの改善課題に複数の改善項目を紐づけられます）。" +
          "改善課題の画面にも元の点検・監査が表示されます。すでに改善課題に紐づいている項目は 409 です。",
        params: pathIdParams("改善項目"),
        body: auditItemLinkInputSchema,
        response: { 200: auditItemImprovementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canRecordActivities);
      const { improvementId } = request.body;
      await tx((trx) => linkAuditItemImprovement(trx, request.params.id, improvementId, user));
      return { id: request.params.id, improvementId };
    },
  );
  r.delete(
    "/api/v1/activities/audits/:id",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の記録を削除",
        params: pathIdParams("点検・監査"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteAudit(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}
