/**
 * Half-year reviews by FSA principle: list, start a half, read, save a draft, approve, the figures that can be
 * embedded, and a case taken from a voice. Thin: validate → one use case in a transaction → the declared shape.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canApprovePrincipleReview, canEditPrincipleReview } from "../../domain/roles.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { approveReview } from "./approve-review.js";
import {
  approveReviewInput,
  createReviewInput,
  figureCatalogSchema,
  reviewDetailSchema,
  reviewListSchema,
  updateReviewInput,
  voiceExampleQuery,
  voiceExampleSchema,
} from "./contract.js";
import { createReview } from "./create-review.js";
import { figureCatalog } from "./figure-sources.js";
import { getReview, listReviews, periodOf, reviewRow } from "./read-review.js";
import { saveReview } from "./save-review.js";
import { voiceExample } from "./voice-example.js";

const idParams = pathIdParams("振り返り");
const TAGS = ["reviews"];

export function reviewRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/reviews",
    {
      schema: {
        tags: TAGS,
        summary: "顧客本位の業務運営の振り返り（半期・原則別）の一覧",
        response: { 200: reviewListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return listReviews(db);
    },
  );
  r.post(
    "/api/v1/reviews",
    {
      schema: {
        tags: TAGS,
        summary: "半期の振り返りを作成（FSA の7原則と項目のひな形から）",
        description:
          "上期・下期ごとに1つ。まだ始まっていない半期は作成できません。項目は原則1〜7と組織の番号（(2)1) など）のひな形で始まり、" +
          "お客様の声の項目には声の件数の埋め込み（{{voices}}、{{voices:種別コード}}）が入っています。",
        body: createReviewInput,
        response: { 201: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canEditPrincipleReview);
      requireScope(request, "voices:write");
      const id = await db
        .transaction()
        .execute((trx) => createReview(trx, user, request.body, { ip: request.ip }));
      return reply.status(201).send(await getReview(db, id));
    },
  );
  r.get(
    "/api/v1/reviews/voice-example",
    {
      schema: {
        tags: TAGS,
        summary: "声から事例を作る（氏名・連絡先などの個人情報を除いた本文）",
        querystring: voiceExampleQuery,
        response: { 200: voiceExampleSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canEditPrincipleReview);
      requireScope(request, "voices:read");
      return voiceExample(db, request.query.voice);
    },
  );
  r.get(
    "/api/v1/reviews/:id",
    {
      schema: {
        tags: TAGS,
        summary: "振り返りの詳細（下書きは現在の数値、承認済みは承認時の数値）",
        params: idParams,
        response: { 200: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return getReview(db, request.params.id);
    },
  );
  r.put(
    "/api/v1/reviews/:id",
    {
      schema: {
        tags: TAGS,
        summary: "振り返り（下書き）の項目を保存（version 必須、項目はまとめて置き換え）",
        description:
          "【数値・事実】と【評価】には {{voices}}、{{voices:complaint}} のように数値を埋め込めます。読めない埋め込みや存在しない数値は" +
          "項目ごとの日本語のエラーになり、何も保存されません。承認済みの振り返りは変更できません（409）。",
        params: idParams,
        body: updateReviewInput,
        response: { 200: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canEditPrincipleReview);
      requireScope(request, "voices:write");
      await db
        .transaction()
        .execute((trx) => saveReview(trx, user, request.params.id, request.body, { ip: request.ip }));
      return getReview(db, request.params.id);
    },
  );
  r.post(
    "/api/v1/reviews/:id/approve",
    {
      schema: {
        tags: TAGS,
        summary:
          "振り返りを承認（管理者・お客様相談室）。埋め込みの数値は承認時の値で確定し、以後は変更できません",
        params: idParams,
        body: approveReviewInput,
        response: { 200: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canApprovePrincipleReview);
      requireScope(request, "voices:write");
      await db
        .transaction()
        .execute((trx) => approveReview(trx, user, request.params.id, request.body, { ip: request.ip }));
      return getReview(db, request.params.id);
    },
  );
  r.get(
    "/api/v1/reviews/:id/figures",
    {
      schema: {
        tags: TAGS,
        summary: "この半期に埋め込める数値（現在の値と、数値の元を開くリンクつき）",
        params: idParams,
        response: { 200: figureCatalogSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      const row = await reviewRow(db, request.params.id);
      const figures = await figureCatalog({ db, period: periodOf(row), today: jstToday(new Date()) });
      return { figures: figures.map((f) => ({ ...f, capturedAt: null })) };
    },
  );
}
