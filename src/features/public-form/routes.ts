/** The members' public voice form and status lookup: no login, rate-limited per IP address. */
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { FeatureContext } from "../../http/feature-routes.js";
import { databaseRateLimitStore, ExceededWindows } from "../../http/rate-limit-store.js";
import { mailerFromEnv } from "../../services/mail/smtp.js";
import { waitPhrase } from "../../services/wait-phrase.js";
import { errorResponses } from "../../shared/api-contract.js";
import { wordsChanged } from "../text/word-index.js";
import {
  publicStatusParams,
  publicStatusQuery,
  publicVoiceInput,
  publicVoiceReceiptSchema,
  publicVoiceStatusSchema,
} from "./contract.js";
import { getPublicVoiceStatus, mailReceipt, submitPublicVoice } from "./public-voices.js";

/** Submissions per IP address per window; KOE_PUBLIC_FORM_LIMIT overrides the count (e.g. behind one NAT). */
export const PUBLIC_SUBMIT_LIMIT = Number(process.env.KOE_PUBLIC_FORM_LIMIT ?? "") || 5;
export const PUBLIC_WINDOW_MS = 10 * 60 * 1000;
/** Status lookups per IP address per window: generous for people, far too few to guess check codes. */
export const PUBLIC_STATUS_LIMIT = 30;

const SUBMIT_PATH = "/api/v1/public/voices";

/** The limiter's refusal of a post, in Japanese: how long to wait (context.after is English, "10 minutes"). */
const submitRefusal = (ttl: number) =>
  `短い時間に続けて送信されたため、受け付けを一時停止しています。${waitPhrase(ttl)}後にもう一度お試しください`;

export async function publicRoutes(app: FastifyInstance, db: Db, context: FeatureContext): Promise<void> {
  const exceeded = new ExceededWindows();
  // A post from an address known to be over its limit is answered by the HTTP server, with the same 429 the
  // limiter gives below (a flood's thousands of posts then cost little; early-refusals.ts).
  context.earlyRefusals?.add("POST", SUBMIT_PATH, (ip, now) => {
    const known = exceeded.refuse(`POST ${SUBMIT_PATH}|${ip}`, now);
    if (!known) return undefined;
    const seconds = Math.ceil(known.ttl / 1000);
    return {
      status: 429,
      headers: {
        "x-ratelimit-limit": PUBLIC_SUBMIT_LIMIT,
        "x-ratelimit-remaining": 0,
        "x-ratelimit-reset": seconds,
        "retry-after": seconds,
      },
      body: { error: { code: "throttled", message: submitRefusal(known.ttl) } },
    };
  });
  // Encapsulated, so the rate limiter applies to these routes only and cannot clash with another registration.
  await app.register(async (scope) => {
    await scope.register(fastifyRateLimit, {
      global: false,
      // Counted in the database: the limits hold across every app process on it.
      store: databaseRateLimitStore(db, "", exceeded),
      errorResponseBuilder: (request, context) =>
        new AppError(
          "throttled",
          request.method === "GET"
            ? `短い時間に続けて照会されたため、状況の確認を一時停止しています。${waitPhrase(context.ttl)}後にもう一度お試しください`
            : submitRefusal(context.ttl),
        ),
    });
    publicVoiceRoutes(scope, db);
  });
}

function publicVoiceRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Mail is optional: without KOE_SMTP_URL the receipt is shown on screen only.
  const mailer = mailerFromEnv();
  r.post(
    SUBMIT_PATH,
    {
      config: { rateLimit: { max: PUBLIC_SUBMIT_LIMIT, timeWindow: PUBLIC_WINDOW_MS } },
      schema: {
        tags: ["public"],
        summary: "お客さまの声の投稿（ログイン不要）",
        description:
          "組合員・お客さまがホームページから声を送ります。受付番号と確認コード（この一度だけ表示）を返します。" +
          "メールアドレスが入力され、サーバーに KOE_SMTP_URL が設定されていれば、同じ内容をメールでも送ります（emailed: true）。" +
          "声は受付チャネル「ホームページ」、部署「お客様相談室」、担当者なしで登録されます。" +
          "お名前・連絡先を入れた場合は privacyConsent: true が必要です。website は空のままにしてください（ボット対策）。" +
          `同じ IP アドレスからの投稿は ${PUBLIC_WINDOW_MS / 60000}分間に${PUBLIC_SUBMIT_LIMIT}件までです。`,
        body: publicVoiceInput,
        response: { 201: publicVoiceReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const statusUrl = `${request.protocol}://${request.host}/voice/status`;
      const submitted = await db.transaction().execute((trx) => submitPublicVoice(trx, request.body));
      // Its words were written with it; the background indexer only takes a voice the analyzer failed on.
      if (!submitted.analysed) wordsChanged([submitted.voiceId]);
      const receipt = await mailReceipt(submitted, {
        mailer,
        statusUrl,
        onMailError: (err) => request.log.warn({ err }, "public form: receipt mail not sent"),
      });
      return reply.status(201).send(receipt);
    },
  );
  r.get(
    "/api/v1/public/voices/:receiptNumber",
    {
      config: { rateLimit: { max: PUBLIC_STATUS_LIMIT, timeWindow: PUBLIC_WINDOW_MS } },
      schema: {
        tags: ["public"],
        summary: "投稿した声の状況確認（受付番号と確認コード）",
        description:
          "状況（受付済・対応中・対応済・完了）だけを返します。担当者名や対応内容は返しません。" +
          "受付番号か確認コードが誤っている場合は、どちらが誤っているかを区別せず 404 を返します。",
        params: publicStatusParams,
        querystring: publicStatusQuery,
        response: { 200: publicVoiceStatusSchema, ...errorResponses },
      },
    },
    async (request) => getPublicVoiceStatus(db, request.params.receiptNumber, request.query.code),
  );
}
