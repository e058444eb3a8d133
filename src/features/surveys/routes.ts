/** Staff routes of surveys: definitions, kinds, one-time links, paper answers, results and the KPI figures. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canEnterSurveyAnswers, canManageSurveys, canReadSurveyResults } from "../../domain/roles.js";
import { requireScope } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { recordFileExport } from "../../services/audit.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { wordsChanged } from "../text/word-index.js";
import {
  answerReceiptSchema,
  kindFiguresSchema,
  linkCreateInput,
  paperAnswerInput,
  resultsQuery,
  surveyInput,
  surveyKindInput,
  surveyKindListSchema,
  surveyKindSchema,
  surveyLinkListSchema,
  surveyListSchema,
  surveyPatchInput,
  surveyResultsSchema,
  surveySchema,
} from "./contract.js";
import { surveyKindFigures } from "./kind-figures.js";
import { countResponses, listSurveys } from "./list-surveys.js";
import { resultsPeriod } from "./results-period.js";
import { resultsWorkbook } from "./results-workbook.js";
import { createSurvey, updateSurvey } from "./save-survey.js";
import { submitAnswer } from "./submit-answer.js";
import { createSurveyKind, listSurveyKinds, updateSurveyKind } from "./survey-kinds.js";
import { createSurveyLinks, listSurveyLinks } from "./survey-links.js";
import { surveyResults } from "./survey-results.js";
import { loadSurvey, presentSurvey } from "./survey-store.js";

const tags = ["surveys"];

export function surveyRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = pathIdParams("アンケート");

  r.get(
    "/api/v1/surveys",
    { schema: { tags, summary: "アンケートの一覧", response: { 200: surveyListSchema, ...errorResponses } } },
    async (request) => {
      requireAllowed(request, canReadSurveyResults);
      requireScope(request, "voices:read");
      return { items: await listSurveys(db) };
    },
  );
  r.post(
    "/api/v1/surveys",
    {
      schema: {
        tags,
        summary: "アンケートの作成",
        description:
          "設問（満足度5段階・単一選択・複数選択・自由記述）のうち1つを総合満足度（headline）にします。" +
          "受付期間（opensOn〜closesOn、日本時間の日付）の外と、締め切ったアンケートは回答を受け付けません。",
        body: surveyInput,
        response: { 201: surveySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canManageSurveys);
      requireScope(request, "voices:write");
      const s = await db.transaction().execute((trx) => createSurvey(trx, user.id, request.body));
      return reply.status(201).send(presentSurvey(s, 0));
    },
  );
  r.get(
    "/api/v1/surveys/kinds",
    {
      schema: {
        tags,
        summary: "アンケートの種類の一覧",
        response: { 200: surveyKindListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canReadSurveyResults);
      return { items: await listSurveyKinds(db) };
    },
  );
  r.post(
    "/api/v1/surveys/kinds",
    {
      schema: {
        tags,
        summary: "アンケートの種類の追加",
        body: surveyKindInput,
        response: { 201: surveyKindSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canManageSurveys);
      requireScope(request, "voices:write");
      return reply.status(201).send(await createSurveyKind(db, request.body));
    },
  );
  r.patch(
    "/api/v1/surveys/kinds/:id",
    {
      schema: {
        tags,
        summary: "アンケートの種類の変更・廃止",
        params: pathIdParams("アンケートの種類"),
        body: surveyKindInput.omit({ code: true }),
        response: { 200: surveyKindSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageSurveys);
      requireScope(request, "voices:write");
      return updateSurveyKind(db, request.params.id, request.body);
    },
  );
  r.get(
    "/api/v1/surveys/figures",
    {
      schema: {
        tags,
        summary: "アンケートの種類ごとの回答数・満足度スコア・平均（KPI・報告書用）",
        description: "満足度スコアは総合満足度の「満足」「やや満足」の割合（%）、平均は5段階の平均値です。",
        querystring: resultsQuery,
        response: { 200: kindFiguresSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canReadSurveyResults);
      requireScope(request, "voices:read");
      return surveyKindFigures(db, await resultsPeriod(db, request.query));
    },
  );
  r.get(
    "/api/v1/surveys/:id",
    {
      schema: {
        tags,
        summary: "アンケート",
        params: idParams,
        response: { 200: surveySchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canReadSurveyResults);
      requireScope(request, "voices:read");
      const s = await loadSurvey(db, request.params.id);
      return presentSurvey(s, await countResponses(db, s.id));
    },
  );
  r.patch(
    "/api/v1/surveys/:id",
    {
      schema: {
        tags,
        summary: "アンケートの変更・締め切り（closed: true）・再開（closed: false）",
        params: idParams,
        body: surveyPatchInput,
        response: { 200: surveySchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageSurveys);
      requireScope(request, "voices:write");
      const s = await db.transaction().execute((trx) => updateSurvey(trx, request.params.id, request.body));
      return presentSurvey(s, await countResponses(db, s.id));
    },
  );
  r.post(
    "/api/v1/surveys/:id/answers",
    {
      schema: {
        tags,
        summary: "紙の回答の入力（職員）",
        description:
          "answerId（用紙の番号など）を付けると、同じ番号の回答は一度だけ保存されます（2回目は created: false）。" +
          "総合満足度が「やや不満」「不満」の回答と、苦情と判定されたコメントのある回答は、受付チャネル「アンケート」の声として登録されます。",
        params: idParams,
        body: paperAnswerInput,
        response: { 201: answerReceiptSchema, 200: answerReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canEnterSurveyAnswers);
      requireScope(request, "voices:write");
      const { answerId, ...answer } = request.body;
      const r = await db.transaction().execute((trx) =>
        submitAnswer(trx, request.params.id, answer, {
          source: "paper",
          externalId: answerId ?? null,
          enteredBy: user.id,
        }),
      );
      if (r.voiceId) wordsChanged([r.voiceId]);
      return reply
        .status(r.created ? 201 : 200)
        .send({ created: r.created, answerId: r.answerId, voiceReceiptNumber: r.voiceReceiptNumber });
    },
  );
  r.get(
    "/api/v1/surveys/:id/links",
    {
      schema: {
        tags,
        summary: "個別リンク（郵送用の1回限りのコード）の一覧",
        params: idParams,
        response: { 200: surveyLinkListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageSurveys);
      return { items: await listSurveyLinks(db, (await loadSurvey(db, request.params.id)).id) };
    },
  );
  r.post(
    "/api/v1/surveys/:id/links",
    {
      schema: {
        tags,
        summary: "個別リンクの作成（回答者ごとに1回だけ回答できるコード）",
        params: idParams,
        body: linkCreateInput,
        response: { 201: surveyLinkListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canManageSurveys);
      requireScope(request, "voices:write");
      const items = await db
        .transaction()
        .execute((trx) => createSurveyLinks(trx, request.params.id, request.body.respondents));
      return reply.status(201).send({ items });
    },
  );
  r.get(
    "/api/v1/surveys/:id/results",
    {
      schema: {
        tags,
        summary: "アンケートの結果（期間ごと）",
        description:
          "回答数、設問ごとの分布、総合満足度の平均（5段階）と満足度スコア（満足＋やや満足の割合）、前年同期からの増減（ポイント）、" +
          "回答者の属性別、自由記述と頻出語、アンケートから登録された声の件数と完了件数。period は fy2023、2023年度上期、2023-04 など。",
        params: idParams,
        querystring: resultsQuery,
        response: { 200: surveyResultsSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canReadSurveyResults);
      requireScope(request, "voices:read");
      const [survey, period] = await Promise.all([
        loadSurvey(db, request.params.id),
        resultsPeriod(db, request.query),
      ]);
      return surveyResults(db, survey, period);
    },
  );
  r.get(
    "/api/v1/surveys/:id/results/download",
    {
      schema: {
        tags,
        summary: "アンケートの結果の Excel（結果画面の表と同じ数値）",
        params: idParams,
        querystring: resultsQuery,
        response: {
          200: {
            description: "結果の Excel（.xlsx）。Content-Disposition にファイル名が入ります",
            content: {
              [XLSX_TYPE]: {
                schema: z.unknown().meta({ type: "string", format: "binary", description: "Excel（.xlsx）" }),
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canReadSurveyResults);
      requireScope(request, "voices:read");
      const [survey, period] = await Promise.all([
        loadSurvey(db, request.params.id),
        resultsPeriod(db, request.query),
      ]);
      const file = await resultsWorkbook(await surveyResults(db, survey, period));
      const name = `アンケート結果_${survey.name}_${period.label}.xlsx`;
      await recordFileExport(db, { userId: user.id, file: name, ip: request.ip });
      return reply
        .header("content-type", XLSX_TYPE)
        .header(
          "content-disposition",
          `attachment; filename="survey-results.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(file);
    },
  );
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
