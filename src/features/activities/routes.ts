/**
 * Activity-record routes under /api/v1/activities: the staff roster, trainings, events, monthly business figures
 * (grid or CSV/XLSX), audits, elderly-customer handling and intent records, and their editable lists.
 * One module per record kind (`<kind>-routes.ts`, what they share in `route-helpers.ts`), composed here in the
 * order they are registered. Thin: validate → one use case in a transaction (a bad row stores nothing) → the
 * declared shape.
 */
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/database.js";
import { activityLabelRoutes } from "./activity-label-routes.js";
import { auditRoutes } from "./audit-routes.js";
import { businessFigureImportRoutes, businessFigureRoutes } from "./business-figure-routes.js";
import { elderlyHandlingRoutes } from "./elderly-handling-routes.js";
import { outreachEventRoutes } from "./event-routes.js";
import { intentRecordRoutes } from "./intent-record-routes.js";
import { staffRoutes } from "./staff-routes.js";
import { trainingRoutes } from "./training-routes.js";

export function activityRoutes(app: FastifyInstance, db: Db) {
  activityLabelRoutes(app, db);
  staffRoutes(app, db);
  trainingRoutes(app, db);
  outreachEventRoutes(app, db);
  businessFigureRoutes(app, db);
  auditRoutes(app, db);
  elderlyHandlingRoutes(app, db);
  intentRecordRoutes(app, db);
}

/** The file import of monthly figures: its own scope, where every body arrives as bytes. */
export async function activityImportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await businessFigureImportRoutes(app, db);
}
