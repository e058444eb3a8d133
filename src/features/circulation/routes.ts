/** 回覧 routes (send, list, read one, confirm reading, comment) and the 声の日 digest schedule (admins). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister } from "../../domain/roles.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { nowIso } from "../../services/clock.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  circulationCommentInput,
  circulationDetailSchema,
  circulationListQuery,
  circulationListSchema,
  digestScheduleInput,
  digestScheduleSchema,
  sendCirculationInput,
} from "./contract.js";
import { describeDigestSchedule, saveDigestSchedule } from "./digest-settings.js";
import { getCirculation, listCirculations } from "./read-circulations.js";
import { addComment, confirmRead } from "./respond-to-circulation.js";
import { sendCirculation } from "./send-circulation.js";

export function circulationRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = pathIdParams("回覧");
  r.post(
    "/api/v1/circulations",
    {
      schema: {
        tags: ["circulations"],
        summary: "回覧を送る（声の選択・声の絞り込み・お知らせ文を、部署・役割・職員へ）",
        description:
          "宛先の職員それぞれに「回覧が届きました」の通知が届きます。remindAfterDays を指定すると、その営業日数が過ぎても既読にしていない人に1回だけ督促します。",
        body: sendCirculationInput,
        response: { 201: circulationDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      const id = await db.transaction().execute((trx) => sendCirculation(trx, user, request.body, nowIso()));
      return reply.status(201).send(await getCirculation(db, user, id));
    },
  );
  r.get(
    "/api/v1/circulations",
    {
      schema: {
        tags: ["circulations"],
        summary: "自分あての回覧（box=sent で自分が送った回覧）",
        querystring: circulationListQuery,
        response: { 200: circulationListSchema, ...errorResponses },
      },
    },
    async (request) => listCirculations(db, requireUser(request), request.query.box ?? "received"),
  );
  r.get(
    "/api/v1/circulations/:id",
    {
      schema: {
        tags: ["circulations"],
        summary: "回覧の内容、既読の状況（まだ読んでいない人）とコメント",
        params,
        response: { 200: circulationDetailSchema, ...errorResponses },
      },
    },
    async (request) => getCirculation(db, requireUser(request), request.params.id),
  );
  r.post(
    "/api/v1/circulations/:id/read",
    {
      schema: {
        tags: ["circulations"],
        summary: "回覧を既読にする（宛先の本人）",
        params,
        response: { 200: circulationDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await db.transaction().execute((trx) => confirmRead(trx, user, request.params.id, nowIso()));
      return getCirculation(db, user, request.params.id);
    },
  );
  r.post(
    "/api/v1/circulations/:id/comments",
    {
      schema: {
        tags: ["circulations"],
        summary: "回覧にコメントする",
        params,
        body: circulationCommentInput,
        response: { 200: circulationDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await db
        .transaction()
        .execute((trx) => addComment(trx, user, request.params.id, request.body.body, nowIso()));
      return getCirculation(db, user, request.params.id);
    },
  );
  r.get(
    "/api/v1/settings/digest",
    {
      schema: {
        tags: ["settings"],
        summary: "週次の声の日ダイジェストの送信日時",
        response: { 200: digestScheduleSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      return describeDigestSchedule(db, new Date());
    },
  );
  r.put(
    "/api/v1/settings/digest",
    {
      schema: {
        tags: ["settings"],
        summary: "週次の声の日ダイジェストの送信日時を変更（管理者）",
        body: digestScheduleInput,
        response: { 200: digestScheduleSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      await db.transaction().execute((trx) => saveDigestSchedule(trx, request.body));
      return describeDigestSchedule(db, new Date());
    },
  );
}
