/**
 * The members' survey page API: no login, rate-limited per IP address like the public voice form (the same
 * limits; behind a proxy the client address comes from KOE_TRUST_PROXY as everywhere). A public link answers
 * the survey by its code; a one-time link (a mailed letter's QR code or short code) answers once.
 */
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { databaseRateLimitStore } from "../../http/rate-limit-store.js";
import { waitPhrase } from "../../services/wait-phrase.js";
import { errorResponses, inputText } from "../../shared/api-contract.js";
import { PUBLIC_STATUS_LIMIT, PUBLIC_SUBMIT_LIMIT, PUBLIC_WINDOW_MS } from "../public-form/routes.js";
import { wordsChanged } from "../text/word-index.js";
import { answerInput, type PublicSurvey, publicAnswerReceiptSchema, publicSurveySchema } from "./contract.js";
import { canonicalLinkCode, LINK_UNKNOWN_MESSAGE, submitAnswer } from "./submit-answer.js";
import { loadSurvey, loadSurveyByCode, type SurveyRecord, surveyIsOpen } from "./survey-store.js";

const tags = ["public"];
const THANKS = "ご回答ありがとうございました。いただいたご意見は、サービスの改善に活かしてまいります。";
const codeParams = z.object({ code: inputText().max(60) });

function presentPublic(s: SurveyRecord, alreadyAnswered: boolean): PublicSurvey {
  return {
    name: s.name,
    intro: s.intro,
    purposeNotice: s.purposeNotice,
    questions: s.questions,
    open: surveyIsOpen(s),
    alreadyAnswered,
  };
}

async function linkByCode(db: Db, code: string) {
  const link = await db
    .selectFrom("survey_links")
    .select(["survey_id", "used_at", "code"])
    .where("code", "=", canonicalLinkCode(code))
    .executeTakeFirst();
  if (!link) throw new AppError("not_found", LINK_UNKNOWN_MESSAGE);
  return link;
}

export async function surveyPublicRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyRateLimit, {
      global: false,
      // Counted in the database, like the voice form: the limits hold across every app process on it.
      store: databaseRateLimitStore(db),
      errorResponseBuilder: (request, context) =>
        new AppError(
          "throttled",
          request.method === "GET"
            ? `短い時間に続けて開かれたため、表示を一時停止しています。${waitPhrase(context.ttl)}後にもう一度お試しください`
            : `短い時間に続けて送信されたため、受け付けを一時停止しています。${waitPhrase(context.ttl)}後にもう一度お試しください`,
        ),
    });
    routes(scope, db);
  });
}

function routes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { rateLimit: { max: PUBLIC_STATUS_LIMIT, timeWindow: PUBLIC_WINDOW_MS } };
  const write = { rateLimit: { max: PUBLIC_SUBMIT_LIMIT, timeWindow: PUBLIC_WINDOW_MS } };
  const body = answerInput.omit({ answeredAt: true });

  r.get(
    "/api/v1/public/surveys/:code",
    {
      config: read,
      schema: {
        tags,
        summary: "アンケートの設問（公開リンク、ログイン不要）",
        params: codeParams,
        response: { 200: publicSurveySchema, ...errorResponses },
      },
    },
    async (request) => presentPublic(await loadSurveyByCode(db, request.params.code), false),
  );
  r.post(
    "/api/v1/public/surveys/:code/answers",
    {
      config: write,
      schema: {
        tags,
        summary: "アンケートへの回答（公開リンク、ログイン不要）",
        description:
          "受付期間外・締め切り後は 409 です。お名前・連絡先を入れた場合は privacyConsent: true が必要です。website は空のままにしてください（ボット対策）。" +
          `同じ IP アドレスからの送信は ${PUBLIC_WINDOW_MS / 60000}分間に${PUBLIC_SUBMIT_LIMIT}件までです。`,
        params: codeParams,
        body,
        response: { 201: publicAnswerReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const survey = await loadSurveyByCode(db, request.params.code);
      const a = await db
        .transaction()
        .execute((trx) => submitAnswer(trx, survey.id, request.body, { source: "public" }));
      if (a.voiceId) wordsChanged([a.voiceId]);
      return reply.status(201).send({ thanks: THANKS });
    },
  );
  r.get(
    "/api/v1/public/survey-links/:code",
    {
      config: read,
      schema: {
        tags,
        summary: "個別リンク（お手紙のコード）のアンケート",
        description: "回答済みのコードは alreadyAnswered: true です。コードが見つからない場合は 404 です。",
        params: codeParams,
        response: { 200: publicSurveySchema, ...errorResponses },
      },
    },
    async (request) => {
      const link = await linkByCode(db, request.params.code);
      return presentPublic(await loadSurvey(db, link.survey_id), link.used_at !== null);
    },
  );
  r.post(
    "/api/v1/public/survey-links/:code/answers",
    {
      config: write,
      schema: {
        tags,
        summary: "個別リンクでの回答（1回だけ）",
        description: "同じコードでの2回目の回答は 409（回答済み）です。",
        params: codeParams,
        body,
        response: { 201: publicAnswerReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const link = await linkByCode(db, request.params.code);
      const a = await db
        .transaction()
        .execute((trx) =>
          submitAnswer(trx, link.survey_id, request.body, { source: "link", linkCode: link.code }),
        );
      if (a.voiceId) wordsChanged([a.voiceId]);
      return reply.status(201).send({ thanks: THANKS });
    },
  );
}
