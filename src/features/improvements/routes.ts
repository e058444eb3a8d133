/**
 * Staff insights and improvements under /api/v1/insights and /api/v1/improvements, and a voice's improvements.
 * Thin: validate → one use case in a transaction → the declared shape.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Db } from "../../db/database.js";
import { parsePeriodQuery } from "../../domain/analysis-period.js";
import { canProposeImprovement } from "../../domain/roles.js";
import { invalidInput } from "../../errors.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { getSettings } from "../users-and-settings/settings.js";
import {
  addImprovementNote,
  changeImprovementStatus,
  linkRecords,
  updateImprovement,
} from "./change-improvement.js";
import {
  countQuery,
  createImprovementInput,
  createInsightInput,
  effectCheckSchema,
  effectQuery,
  improvementCountSchema,
  improvementDetailSchema,
  improvementListQuery,
  improvementListSchema,
  insightListQuery,
  insightListSchema,
  insightSchema,
  linkInput,
  noteInput,
  publicImprovementListSchema,
  statusChangeInput,
  updateImprovementInput,
} from "./contract.js";
import { countImprovementsBasedOnVoices } from "./count-improvements.js";
import { createImprovement } from "./create-improvement.js";
import { effectCheck } from "./effect-check.js";
import { getImprovement, listImprovements } from "./get-improvement.js";
import { createInsight, getInsight, listInsights } from "./insights.js";
import { publicImprovements } from "./public-improvements.js";

const idParams = pathIdParams("改善課題");
const insightIdParams = pathIdParams("職員の気づき");
const voiceIdParams = pathIdParams("声");
const tags = ["improvements"];

export function improvementRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reader = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    requireScope(request, "voices:read");
    return user;
  };
  const writer = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    requireScope(request, "voices:write");
    return user;
  };
  const period = async (q: z.infer<typeof countQuery>) => {
    const { fiscalYearStartMonth } = await getSettings(db);
    const p = parsePeriodQuery(q, { startMonth: fiscalYearStartMonth, now: new Date() });
    if (!p.ok) throw invalidInput(p.fields, "期間の指定に誤りがあります");
    return p.period;
  };

  // ---------------------------------------------------------------- insights
  r.get(
    "/api/v1/insights",
    {
      schema: {
        tags,
        summary: "職員の気づきの一覧・検索",
        description: "q は声の検索と同じ書き方（空白区切りで AND、「」で囲むと語句のまま）。新しい順。",
        querystring: insightListQuery,
        response: { 200: insightListSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return listInsights(db, request.query);
    },
  );
  r.post(
    "/api/v1/insights",
    {
      schema: {
        tags,
        summary: "職員の気づきの登録（声としては数えません）",
        body: createInsightInput,
        response: { 201: insightSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = writer(request);
      const id = await db.transaction().execute((trx) => createInsight(trx, user, request.body));
      return reply.status(201).send(await getInsight(db, id));
    },
  );
  r.get(
    "/api/v1/insights/:id",
    {
      schema: {
        tags,
        summary: "職員の気づき",
        params: insightIdParams,
        response: { 200: insightSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return getInsight(db, request.params.id);
    },
  );

  // ---------------------------------------------------------------- improvements
  r.get(
    "/api/v1/improvements",
    {
      schema: {
        tags,
        summary: "業務改善課題の一覧",
        querystring: improvementListQuery,
        response: { 200: improvementListSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return listImprovements(db, request.query);
    },
  );
  r.post(
    "/api/v1/improvements",
    {
      schema: {
        tags,
        summary: "業務改善課題の作成（声・職員の気づきから。状態は「提案」）",
        body: createImprovementInput,
        response: { 201: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = writer(request);
      requireAllowed(request, canProposeImprovement);
      const id = await db.transaction().execute((trx) => createImprovement(trx, user, request.body));
      return reply.status(201).send(await getImprovement(db, user, id, { ip: request.ip }));
    },
  );
  r.get(
    "/api/v1/improvements/count",
    {
      schema: {
        tags,
        summary: "声に基づく改善件数（期間内に完了した、声が紐づく改善課題の件数）",
        querystring: countQuery,
        response: { 200: improvementCountSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      const p = await period(request.query);
      return {
        period: { key: p.key, label: p.label, from: p.from, to: p.to },
        count: await countImprovementsBasedOnVoices(db, p),
      };
    },
  );
  r.get(
    "/api/v1/improvements/public",
    {
      schema: {
        tags,
        summary: "公開する改善事例（種目・声の内容・改善したこと。個人情報なし）",
        querystring: countQuery,
        response: { 200: publicImprovementListSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return publicImprovements(db, await period(request.query));
    },
  );
  r.get(
    "/api/v1/improvements/:id",
    {
      schema: {
        tags,
        summary: "業務改善課題（紐づく声は役割に応じてマスク）",
        params: idParams,
        response: { 200: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = reader(request);
      return getImprovement(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.patch(
    "/api/v1/improvements/:id",
    {
      schema: {
        tags,
        summary: "業務改善課題の更新（担当・期限・改善したこと・公開用の要約）",
        params: idParams,
        body: updateImprovementInput,
        response: { 200: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = writer(request);
      await db.transaction().execute((trx) => updateImprovement(trx, user, request.params.id, request.body));
      return getImprovement(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.post(
    "/api/v1/improvements/:id/links",
    {
      schema: {
        tags,
        summary: "声・職員の気づきを紐づける（一覧の選択、声の詳細、同じ事例から）",
        params: idParams,
        body: linkInput,
        response: { 200: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = writer(request);
      await db.transaction().execute((trx) => linkRecords(trx, user, request.params.id, request.body));
      return getImprovement(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.post(
    "/api/v1/improvements/:id/status",
    {
      schema: {
        tags,
        summary: "状態の変更（提案→検討中→実施中→完了→効果確認済、または見送り）",
        description:
          "見送り（dropped）には reason、完了（completed）には result（改善したこと。未入力なら）、効果確認済（effect_confirmed）には verdict が必要です。",
        params: idParams,
        body: statusChangeInput,
        response: { 200: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = writer(request);
      await db
        .transaction()
        .execute((trx) => changeImprovementStatus(trx, user, request.params.id, request.body));
      return getImprovement(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.post(
    "/api/v1/improvements/:id/notes",
    {
      schema: {
        tags,
        summary: "進捗メモ（経過に追記。変更・削除はできません）",
        params: idParams,
        body: noteInput,
        response: { 200: improvementDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = writer(request);
      await db.transaction().execute((trx) => addImprovementNote(trx, user, request.params.id, request.body));
      return getImprovement(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.get(
    "/api/v1/improvements/:id/effect",
    {
      schema: {
        tags,
        summary: "効果確認: 似た声の月別件数（完了月の前後 N か月）",
        params: idParams,
        querystring: effectQuery,
        response: { 200: effectCheckSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return effectCheck(db, request.params.id, { months: request.query.months });
    },
  );
  r.get(
    "/api/v1/voices/:id/improvements",
    {
      schema: {
        tags,
        summary: "この声にもとづく業務改善課題",
        params: voiceIdParams,
        response: { 200: improvementListSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return listImprovements(db, { voiceId: request.params.id, limit: 200 });
    },
  );
}
