/** POST /api/v1/surveys/:id/answers/import: a file of answers, sent as the voice import sends its file. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canImport } from "../../domain/roles.js";
import { requireScope } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { IMPORT_LIMITS } from "../../io/import-limits.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { importQuery, importResultSchema } from "../import-export/contract.js";
import { acceptFileUploads, fileNameOf, IMPORT_BODY_LIMIT, uploadedFile } from "../import-export/routes.js";
import { importAnswerFile } from "./import-answers.js";

export async function surveyImportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Encapsulated like the voice import: raw bodies, the import's size limit and its message on this route only.
  await app.register(async (scope) => {
    acceptFileUploads(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/v1/surveys/:id/answers/import",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["surveys"],
          summary: "アンケート回答の取り込み（CSV・Excel）。CS部門・管理者",
          description:
            "他のフォームツールや紙の集計の回答を取り込みます。送り方・文字コード（UTF-8 / Shift_JIS 自動判別）・上限・dryRun は声の取り込みと同じです" +
            `（${IMPORT_LIMITS.maxRows.toLocaleString("ja-JP")} 行まで）。見出しは 回答ID・回答日時（必須）、設問ごとの列（設問キーか設問文）、` +
            "任意で 年代・都道府県・商品・部署・氏名・メール・電話番号・連絡希望・個人情報同意。満足度は 1〜5 か 満足〜不満、複数選択は「、」区切り。" +
            "全行か0行か。取り込み済みの回答IDの行は skipped に数えて飛ばします（同じファイルを再度取り込んでも回答も声も増えません）。" +
            "やや不満・不満の回答などは、回答と同じく声になります。",
          params: pathIdParams("アンケート"),
          querystring: importQuery,
          headers: z.object({ "x-file-name": z.string().optional() }),
          response: { 200: importResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const user = requireAllowed(request, canImport);
        requireScope(request, "voices:write");
        const file = uploadedFile(
          request.body,
          request.headers["content-type"] ?? "",
          fileNameOf(request.headers["x-file-name"]),
        );
        const { dryRun, mapping, defaultDepartment } = request.query;
        return importAnswerFile(db, user, request.params.id, file.data, file.fileName || "upload.csv", {
          dryRun: dryRun === "true",
          ...(mapping ? { mapping } : {}),
          ...(defaultDepartment?.trim() ? { defaultDepartment: defaultDepartment.trim() } : {}),
        });
      },
    );
  });
}
