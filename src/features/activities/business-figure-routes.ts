/** Monthly business figures: the grid's rows, one figure's deletion, and the CSV/XLSX import in its own scope. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { IMPORT_LIMITS } from "../../io/import-limits.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { acceptFileUploads, fileNameOf, uploadedFile } from "../import-export/routes.js";
import { deleteBusinessFigure, listBusinessFigures, saveBusinessFigures } from "./business-figures.js";
import {
  BUSINESS_METRICS,
  businessFigureImportQuerySchema,
  businessFigureImportResultSchema,
  businessFigureSchema,
  businessFiguresInputSchema,
  idResponseSchema,
} from "./contract.js";
import { importBusinessFigures } from "./import-business-figures.js";
import { inTransaction, items, rangeQuery, readRange, TAG } from "./route-helpers.js";

export function businessFigureRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = inTransaction(db);

  r.get(
    "/api/v1/activities/business-figures",
    {
      schema: {
        tags: TAG,
        summary: "月次の業務実績（保障相談・新規契約・早期消滅・失効・継続率）",
        querystring: rangeQuery.extend({ metric: z.enum(BUSINESS_METRICS).optional() }),
        response: { 200: items(businessFigureSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return {
        items: await listBusinessFigures(db, { ...readRange(request.query), metric: request.query.metric }),
      };
    },
  );
  r.put(
    "/api/v1/activities/business-figures",
    {
      schema: {
        tags: TAG,
        summary:
          "月次の業務実績を保存（表の行をまとめて。同じ月・項目・種目は置き換え、1行でも誤りがあれば何も保存しません）",
        body: businessFiguresInputSchema,
        response: { 200: z.object({ saved: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      return { saved: await tx((trx) => saveBusinessFigures(trx, request.body.rows, jstToday())) };
    },
  );
  r.delete(
    "/api/v1/activities/business-figures/:id",
    {
      schema: {
        tags: TAG,
        summary: "月次の業務実績を1件削除（ある月の1項目、継続率は1種目）",
        params: pathIdParams("月次実績"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteBusinessFigure(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}

/** The file import of monthly figures: its own scope, where every body arrives as bytes. */
export async function businessFigureImportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    acceptFileUploads(scope);
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      "/api/v1/activities/business-figures/import",
      {
        bodyLimit: IMPORT_LIMITS.maxBytes,
        schema: {
          tags: TAG,
          summary: "月次の業務実績を CSV・Excel から取り込み（1行でも誤りがあれば何も保存しません）",
          description:
            "ファイルをそのまま本文で送ります（ファイル名は X-File-Name、日本語はパーセントエンコード）。" +
            "見出し: 月・項目（保障相談件数・新規契約件数・早期消滅・失効件数・継続率）・種目・件数（継続率は継続件数）・満期件数。" +
            "dryRun=true は確認だけで何も保存しません。誤りは行ごとに（3行目: …）最大50件返します。",
          querystring: businessFigureImportQuerySchema,
          headers: z.object({ "x-file-name": z.string().optional() }),
          response: { 200: businessFigureImportResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAllowed(request, canRecordActivities);
        // as the other imports take their file: raw or multipart (a multipart body was read as the CSV itself,
        // answering 「見出しに「月」の列がありません」), JSON refused with what to send instead
        const file = uploadedFile(
          request.body,
          request.headers["content-type"] ?? "",
          fileNameOf(request.headers["x-file-name"]),
        );
        const name = file.fileName || "figures.csv";
        const dryRun = request.query.dryRun === "true";
        return db
          .transaction()
          .execute((trx) => importBusinessFigures(trx, file.data, name, jstToday(), { dryRun }));
      },
    );
  });
}
