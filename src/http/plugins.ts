/** The optional route sets and authenticators wired into the running server (one list, used by serve and tests). */
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/database.js";
import { activityImportRoutes, activityRoutes } from "../features/activities/routes.js";
import { analyticsDownloadRoutes } from "../features/analytics/download-routes.js";
import { analyticsRoutes } from "../features/analytics/routes.js";
import { circulationRoutes } from "../features/circulation/routes.js";
import { committeeRoutes } from "../features/committee/routes.js";
import { labelAliasRoutes } from "../features/import-aliases/routes.js";
import { importExportRoutes } from "../features/import-export/routes.js";
import { improvementRoutes } from "../features/improvements/routes.js";
import { insurerReportRoutes } from "../features/insurer-reports/routes.js";
import { kpiRoutes } from "../features/kpi/routes.js";
import { notificationRoutes } from "../features/notifications/routes.js";
import { publicRoutes } from "../features/public-form/routes.js";
import { reportRoutes } from "../features/reports/routes.js";
import { reviewRoutes } from "../features/reviews/routes.js";
import { surveyImportRoutes } from "../features/survey-import/routes.js";
import { surveyPublicRoutes } from "../features/surveys/public-routes.js";
import { surveyRoutes } from "../features/surveys/routes.js";
import { textRoutes } from "../features/text/routes.js";
import { authenticateApiToken } from "../features/tokens/api-tokens.js";
import { tokenRoutes } from "../features/tokens/routes.js";
import type { TokenAuthenticator } from "./authentication.js";

export const appPlugins: ((app: FastifyInstance, db: Db) => void | Promise<void>)[] = [
  publicRoutes,
  tokenRoutes,
  importExportRoutes,
  textRoutes,
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
  reportRoutes,
];

export const tokenAuthenticator: TokenAuthenticator | undefined = authenticateApiToken;
