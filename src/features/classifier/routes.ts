/** The classifier's learning: safety-net settings, the 「分類モデル」 report, gated retraining, restore, the 確認待ち queue. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canManageClassifier } from "../../domain/roles.js";
import type { FeatureContext } from "../../http/feature-routes.js";
import { requireAllowed } from "../../http/permissions.js";
import { recordAudit } from "../../services/audit.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { getClassifierSettings, updateClassifierSettings } from "./classifier-settings.js";
import {
  classifierSettingsInput,
  classifierSettingsSchema,
  complaintReviewCountSchema,
  complaintReviewListSchema,
  confirmReviewInput,
  modelReportSchema,
  retrainJobSchema,
  retrainJobStatusSchema,
  retrainResultSchema,
} from "./contract.js";
import { modelReport } from "./model-report.js";
import { restorePrevious } from "./retrain.js";
import { startRetrainJob } from "./retrain-job.js";
import { latestRetrainJob } from "./retrain-jobs.js";
import { confirmReview, countWaitingReviews, listReviews, sweepFlaggedVoices } from "./review-queue.js";

const okSchema = z.object({ ok: z.literal(true) }).describe("確認済みにしました");

export function classifierRoutes(app: FastifyInstance, db: Db, context: FeatureContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["text"];
  // Jobs this process trains: stopped (and marked interrupted) when the server closes, not left to their lease.
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  app.addHook("onClose", async () => {
    stopping.abort();
    await Promise.all(running);
  });
  r.get(
    "/api/v1/model/settings",
    {
      schema: {
        tags,
        summary: "苦情の見逃し防止の設定",
        response: { 200: classifierSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      return getClassifierSettings(db);
    },
  );
  r.put(
    "/api/v1/model/settings",
    {
      schema: {
        tags,
        summary: "苦情の見逃し防止の設定を変更",
        body: classifierSettingsInput,
        response: { 200: classifierSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canManageClassifier);
      return db.transaction().execute(async (trx) => {
        const after = await updateClassifierSettings(trx, request.body);
        await recordAudit(trx, {
          userId: user.id,
          action: "settings_changed",
          detail: `苦情の見逃し防止の設定: ${JSON.stringify(request.body)}`,
          ip: request.ip,
        });
        return after;
      });
    },
  );
  r.get(
    "/api/v1/model/report",
    {
      schema: {
        tags,
        summary: "分類モデルの成績と履歴",
        response: { 200: modelReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      return modelReport(db);
    },
  );
  /** Claims the one running slot across processes (409 when a job runs) and trains in this process's background. */
  const startJob = async (startedBy: number) => {
    const started = await startRetrainJob(db, {
      ...context.classifierRetrain,
      source: "retrain",
      startedBy,
      signal: stopping.signal,
    });
    running.add(started.done);
    void started.done.finally(() => running.delete(started.done));
    // The job as it started (its row says who started it), as GET shows it; GET follows it from there.
    return started.claimed;
  };
  r.post(
    "/api/v1/model/retrain",
    {
      schema: {
        tags,
        summary:
          "組織の声＋組み込みコーパスでの学習し直しを始める（バックグラウンド。確認用の声で良くなったときだけ使う）",
        response: { 202: retrainJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canManageClassifier);
      return reply.status(202).send(await startJob(user.id));
    },
  );
  // The older training route: kept for other systems that call it, it starts the same job and answers the same.
  r.post(
    "/api/v1/model/train",
    {
      schema: {
        tags,
        summary:
          "学習し直しを始める（旧い経路。POST /api/v1/model/retrain と同じジョブを始め、同じ形で答えます）",
        description:
          "以前は対応済・完了の声だけでこのサーバーの中で学習していました。いまは POST /api/v1/model/retrain と同じ、" +
          "データベースに記録される再学習のジョブ（全サーバーで同時に1つ）を始めます。進み具合は GET /api/v1/model/retrain で確認します。",
        deprecated: true,
        response: { 202: retrainJobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canManageClassifier);
      return reply.status(202).send(await startJob(user.id));
    },
  );
  r.get(
    "/api/v1/model/retrain",
    {
      schema: {
        tags,
        summary: "最新の再学習の状態（段階・進み具合・結果）",
        response: { 200: retrainJobStatusSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      return { job: await latestRetrainJob(db) };
    },
  );
  r.post(
    "/api/v1/model/restore",
    {
      schema: {
        tags,
        summary: "以前のモデルに戻す",
        response: { 200: retrainResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      return restorePrevious(db);
    },
  );
  r.get(
    "/api/v1/complaint-reviews",
    {
      schema: {
        tags,
        summary: "確認待ち（苦情の可能性）",
        response: { 200: complaintReviewListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      await sweepFlaggedVoices(db);
      return { items: await listReviews(db) };
    },
  );
  r.get(
    "/api/v1/complaint-reviews/count",
    {
      schema: {
        tags,
        summary: "確認待ちの件数",
        response: { 200: complaintReviewCountSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageClassifier);
      // Voices that arrived since the scheduler's last sweep count at once (a sweep with nothing new is one query).
      await sweepFlaggedVoices(db);
      return { waiting: await countWaitingReviews(db) };
    },
  );
  r.post(
    "/api/v1/complaint-reviews/:id/confirm",
    {
      schema: {
        tags,
        summary: "確認待ちの声の種別を確認する（変えるときは声の編集として記録）",
        params: pathIdParams("確認待ち"),
        body: confirmReviewInput,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canManageClassifier);
      await db.transaction().execute((trx) => confirmReview(trx, user, request.params.id, request.body));
      return { ok: true as const };
    },
  );
}
