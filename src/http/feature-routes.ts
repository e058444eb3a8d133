/**
 * Every feature's routes, in one list: buildApp registers exactly these, so the server, the tests and the
 * benches run the same API. A new area adds its `routes.ts` function here (see docs/ARCHITECTURE.md).
 */
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/database.js";
import { activityImportRoutes, activityRoutes } from "../features/activities/routes.js";
import { analyticsDownloadRoutes } from "../features/analytics/download-routes.js";
import { analyticsRoutes } from "../features/analytics/routes.js";
import { circulationRoutes } from "../features/circulation/routes.js";
import type { RetrainJobOptions } from "../features/classifier/retrain-job.js";
import { classifierRoutes } from "../features/classifier/routes.js";
import { committeeRoutes } from "../features/committee/routes.js";
import { labelAliasRoutes } from "../features/import-aliases/routes.js";
import { importExportRoutes } from "../features/import-export/routes.js";
import { improvementRoutes } from "../features/improvements/routes.js";
import { insurerReportRoutes } from "../features/insurer-reports/routes.js";
import { kpiRoutes } from "../features/kpi/routes.js";
import { notificationRoutes } from "../features/notifications/routes.js";
import { personalDataRequestRoutes } from "../features/personal-data-requests/routes.js";
import { publicRoutes } from "../features/public-form/routes.js";
import { reportRoutes } from "../features/reports/routes.js";
import { reviewRoutes } from "../features/reviews/routes.js";
import { surveyImportRoutes } from "../features/survey-import/routes.js";
import { surveyPublicRoutes } from "../features/surveys/public-routes.js";
import { surveyRoutes } from "../features/surveys/routes.js";
import { textRoutes } from "../features/text/routes.js";
import { tokenRoutes } from "../features/tokens/routes.js";
import { adminRoutes } from "../features/users-and-settings/admin-routes.js";
import { sessionRoutes } from "../features/users-and-settings/session-routes.js";
import { voiceRoutes } from "../features/voices/routes.js";
import type { EarlyRefusals } from "./early-refusals.js";

/** What a feature's routes may need beyond the database: the session cookie's options. */
export interface FeatureContext {
  secureCookie: boolean;
  /** the login throttle's clock (milliseconds); tests pass one they can move */
  clock?: () => number;
  /** how the classifier's retraining jobs train (tests pass a small corpus and a trainer they control) */
  classifierRetrain?: RetrainJobOptions;
  /** refusals the HTTP server answers before Fastify (a flood of posts from an address over its limit) */
  earlyRefusals?: EarlyRefusals;
}

export type FeatureRoutes = (app: FastifyInstance, db: Db, context: FeatureContext) => void | Promise<void>;

export const featureRoutes: FeatureRoutes[] = [
  sessionRoutes,
  voiceRoutes,
  adminRoutes,
  publicRoutes,
  tokenRoutes,
  importExportRoutes,
  textRoutes,
  classifierRoutes,
  analyticsRoutes,
  analyticsDownloadRoutes,
  kpiRoutes,
  activityRoutes,
  activityImportRoutes,
  reviewRoutes,
  notificationRoutes,
  insurerReportRoutes,
  circulationRoutes,
  improvementRoutes,
  committeeRoutes,
  surveyRoutes,
  surveyPublicRoutes,
  labelAliasRoutes,
  surveyImportRoutes,
  personalDataRequestRoutes,
  reportRoutes,
];
