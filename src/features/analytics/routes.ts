/** Analytics routes: counts, handling figures and work queues. Thin: validate → one use case → the declared shape. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { errorResponses } from "../../shared/api-contract.js";
import { analyticsReaderOf } from "./analytics-reader.js";
import {
  countsQuerySchema,
  countsResponseSchema,
  handlingQuerySchema,
  handlingResponseSchema,
  queuesResponseSchema,
} from "./contract.js";

export function analyticsRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reader = analyticsReaderOf(app, db);
  r.get(
    "/api/v1/analysis/counts",
    {
      schema: {
        tags: ["analysis"],
        summary: "声の件数（1〜2軸、前年同期との比較つき）",
        description:
          "期間（period または from・to）の声を、種別・分類・受付チャネルなど1つか2つの軸で数えます。取消（重複の統合を含む）は数えません。" +
          "絞り込みは声の一覧と同じクエリです。各行の listQuery で一覧を開くと、数えた声がそのまま表示されます。担当者は所属部署の件数だけを見られます。",
        querystring: countsQuerySchema,
        response: { 200: countsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return reader.read("counts", user, request.query);
    },
  );
  r.get(
    "/api/v1/analysis/handling",
    {
      schema: {
        tags: ["analysis"],
        summary: "対応状況（期限内の受付連絡・解決の割合、期限超過、完了までの営業日数の中央値など）",
        description:
          "期間に受け付けた声について、部署ごとと全体で: 期限内に受付連絡した割合、期限内に解決した割合、現在の期限超過、" +
          "受付から完了までの営業日数の中央値（苦情・意見要望別）、再開の件数、保険会社へ報告した苦情の件数。",
        querystring: handlingQuerySchema,
        response: { 200: handlingResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return reader.read("handling", user, request.query);
    },
  );
  r.get(
    "/api/v1/analysis/queues",
    {
      schema: {
        tags: ["analysis"],
        summary: "自分の役割の作業キュー（承認待ち・未割り当て・期限超過など）の件数",
        response: { 200: queuesResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return reader.read("queues", user, {});
    },
  );
}
