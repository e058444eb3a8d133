/**
 * Reports: list, start from a template, read, edit sections (reorder), choose featured voices with suggestions,
 * approve (a second person), publish, make a new version, and the finished document as JSON (the renderers'
 * input). Thin: validate → one use case in a transaction → the declared shape.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { type Actor, canEditReport, canPublishReport, mayApproveReports } from "../../domain/roles.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { allowFramingBySelf } from "../../http/security-headers.js";
import { recordFileExport } from "../../services/audit.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { approveReport, publishReport, reportDocument } from "./approve-report.js";
import {
  createReportInput,
  type RevisionInput,
  reorderSectionsInput,
  reportDetailSchema,
  reportDocumentSchema,
  reportListSchema,
  revisionInput,
  sectionParams,
  suggestionsSchema,
  updateFeaturedVoicesInput,
  updateReportInput,
} from "./contract.js";
import { createReport, newReportVersion } from "./create-report.js";
import { getReport, listReports } from "./read-report.js";
import { renderReportHtml } from "./render/report-html.js";
import { renderReportPdf } from "./render/report-pdf.js";
import { renderReportXlsx } from "./render/report-xlsx.js";
import { reportDisposition, reportTitleFileName } from "./report-file-name.js";
import { reorderSections, saveFeaturedVoices, updateReport } from "./save-report.js";
import { suggestVoices } from "./suggest-voices.js";

const idParams = pathIdParams("報告書");
const TAGS = ["reports"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const detail = { 200: reportDetailSchema, ...errorResponses };

/**
 * A step of a report's life (approve, publish, new version): the rule's check, then the use case in one
 * transaction, called with the report's id and its revision. Returns the id of the report to show — the new
 * version's when the step made one, else the same report's.
 */
type ReportStep = (
  trx: Db,
  actor: Actor,
  id: number,
  input: RevisionInput,
  opts: { ip: string },
) => Promise<unknown>;

export function reportRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const step = async (
    request: FastifyRequest & { params: { id: number }; body: RevisionInput },
    allowed: (actor: Actor) => boolean,
    run: ReportStep,
  ): Promise<number> => {
    const user = requireAllowed(request, allowed);
    requireScope(request, "voices:write");
    const { id } = request.params;
    const made = await db
      .transaction()
      .execute((trx) => run(trx, user, id, request.body, { ip: request.ip }));
    return typeof made === "number" ? made : id;
  };
  r.get(
    "/api/v1/reports",
    {
      schema: {
        tags: TAGS,
        summary: "報告書の一覧（種類・期間・版・状態）",
        response: { 200: reportListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return listReports(db);
    },
  );
  r.post(
    "/api/v1/reports",
    {
      schema: {
        tags: TAGS,
        summary: "報告書を作成（種類ごとのひな形から）",
        description:
          "annual-voice は組織の年度、kpi は KPI の報告期間（暦年または年度）、half-year-review は年度の上期・下期（half）。" +
          "同じ種類・期間の報告書は1つで、内容を変えるには新しい版を作成します。",
        body: createReportInput,
        response: { 201: reportDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canEditReport);
      requireScope(request, "voices:write");
      const id = await db
        .transaction()
        .execute((trx) => createReport(trx, user, request.body, { ip: request.ip }));
      return reply.status(201).send(await getReport(db, id));
    },
  );
  r.get(
    "/api/v1/reports/:id",
    {
      schema: {
        tags: TAGS,
        summary: "報告書の詳細（節、掲載する声、個人情報の検出結果）",
        params: idParams,
        response: detail,
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return getReport(db, request.params.id);
    },
  );
  r.put(
    "/api/v1/reports/:id",
    {
      schema: {
        tags: TAGS,
        summary: "下書きの表題と節を保存（節の一覧で置き換え。並べ替え・追加・削除もこれで行う）",
        params: idParams,
        body: updateReportInput,
        response: detail,
      },
    },
    async (request) => {
      const user = requireAllowed(request, canEditReport);
      requireScope(request, "voices:write");
      await db.transaction().execute((trx) => updateReport(trx, user, request.params.id, request.body));
      return getReport(db, request.params.id);
    },
  );
  r.post(
    "/api/v1/reports/:id/sections/order",
    {
      schema: {
        tags: TAGS,
        summary: "節の順番を変更",
        params: idParams,
        body: reorderSectionsInput,
        response: detail,
      },
    },
    async (request) => {
      const user = requireAllowed(request, canEditReport);
      requireScope(request, "voices:write");
      await db.transaction().execute((trx) => reorderSections(trx, user, request.params.id, request.body));
      return getReport(db, request.params.id);
    },
  );
  r.put(
    "/api/v1/reports/:id/sections/:sectionId/voices",
    {
      schema: {
        tags: TAGS,
        summary: "節に掲載する声を保存（掲載文は編集後の文章。属性は都道府県・年代・性別だけ）",
        params: sectionParams,
        body: updateFeaturedVoicesInput,
        response: detail,
      },
    },
    async (request) => {
      const user = requireAllowed(request, canEditReport);
      requireScope(request, "voices:write");
      const { id, sectionId } = request.params;
      await db.transaction().execute((trx) => saveFeaturedVoices(trx, user, id, sectionId, request.body));
      return getReport(db, id);
    },
  );
  r.get(
    "/api/v1/reports/:id/sections/:sectionId/suggestions",
    {
      schema: {
        tags: TAGS,
        summary: "掲載する声の候補（確信度の高い感謝の声、ご意見・苦情の似た声のまとまり）",
        params: sectionParams,
        response: { 200: suggestionsSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canEditReport);
      requireScope(request, "voices:read");
      return suggestVoices(db, request.params.id, request.params.sectionId);
    },
  );
  r.post(
    "/api/v1/reports/:id/approve",
    {
      schema: {
        tags: TAGS,
        summary: "報告書を承認（作成者以外のお客様相談室・管理者）。数値は承認時の値で確定します",
        description:
          "掲載する声の文章に氏名・電話番号・メールアドレス・会員番号・住所が残っていると承認できません（400、声ごとのメッセージ）。",
        params: idParams,
        body: revisionInput,
        response: detail,
      },
    },
    async (request) => getReport(db, await step(request, mayApproveReports, approveReport)),
  );
  r.post(
    "/api/v1/reports/:id/publish",
    {
      schema: {
        tags: TAGS,
        summary: "承認済みの報告書を公開",
        params: idParams,
        body: revisionInput,
        response: detail,
      },
    },
    async (request) => getReport(db, await step(request, canPublishReport, publishReport)),
  );
  r.post(
    "/api/v1/reports/:id/new-version",
    {
      schema: {
        tags: TAGS,
        summary: "承認済み・公開済みの報告書から新しい版（下書き）を作成。数値は作り直されます",
        params: idParams,
        body: revisionInput,
        response: { 201: reportDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await getReport(db, await step(request, canEditReport, newReportVersion))),
  );
  r.get(
    "/api/v1/reports/:id/document",
    {
      schema: {
        tags: TAGS,
        summary: "報告書の完成文書（JSON）。承認後は承認時に確定した文書、下書きは現在の数値で作成",
        params: idParams,
        response: { 200: reportDocumentSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      requireScope(request, "voices:read");
      return reportDocument(db, request.params.id);
    },
  );
  r.get(
    "/api/v1/reports/:id/preview",
    {
      schema: {
        tags: TAGS,
        summary: "報告書の印刷用ページ（HTML、A4 の印刷 CSS とグラフつき）。承認後は承認時の内容",
        params: idParams,
        response: {
          200: {
            description: "報告書の HTML ページ",
            content: { "text/html": { schema: z.unknown().meta({ type: "string", description: "HTML" }) } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      requireUser(request);
      requireScope(request, "voices:read");
      const html = renderReportHtml(await reportDocument(db, request.params.id));
      // The editor shows this page in a frame; the page itself loads nothing and runs nothing.
      allowFramingBySelf(reply);
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
  r.get(
    "/api/v1/reports/:id/file",
    {
      schema: {
        tags: TAGS,
        summary: "報告書のファイル（PDF または Excel）",
        params: idParams,
        querystring: z.object({
          format: z.enum(["pdf", "xlsx"], { error: "format は pdf か xlsx です" }),
        }),
        response: {
          200: {
            description: "報告書の PDF か Excel（表ごとのシートとグラフの数値）",
            content: {
              "application/pdf": { schema: z.unknown().meta({ type: "string", format: "binary" }) },
              [XLSX_TYPE]: { schema: z.unknown().meta({ type: "string", format: "binary" }) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      const doc = await reportDocument(db, request.params.id);
      const { format } = request.query;
      await recordFileExport(db, { userId: user.id, file: reportTitleFileName(doc, format), ip: request.ip });
      reply.header("content-disposition", reportDisposition(doc, format));
      if (format === "pdf") return reply.type("application/pdf").send(await renderReportPdf(doc));
      return reply.type(XLSX_TYPE).send(await renderReportXlsx(doc));
    },
  );
}
