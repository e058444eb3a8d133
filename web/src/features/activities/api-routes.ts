// The activity records' routes in the typed client's route list (src/shared/api-routes.ts), added from here
// because the list may import only src/shared while the activities contract lives in its feature.
import type {
  ActivityLabel,
  Audit,
  AuditBody,
  BusinessFigure,
  BusinessFigureBody,
  ElderlyHandling,
  ElderlyHandlingBody,
  IntentRecord,
  IntentRecordBody,
  OutreachEvent,
  OutreachEventBody,
  StaffBody,
  StaffMember,
  Training,
  TrainingBody,
} from "../../../../src/features/activities/contract.js";

type Range = { from?: string; to?: string };
type Items<T> = { items: T[] };
type Created = { id: number };

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/activities/labels": { query: { kind?: string }; response: Items<ActivityLabel> };
    "GET /api/v1/activities/staff": { response: Items<StaffMember> };
    "POST /api/v1/activities/staff": { body: StaffBody; response: Created };
    "GET /api/v1/activities/trainings": { query: Range; response: Items<Training> };
    "POST /api/v1/activities/trainings": { body: TrainingBody; response: Created };
    "DELETE /api/v1/activities/trainings/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/events": { query: Range; response: Items<OutreachEvent> };
    "POST /api/v1/activities/events": { body: OutreachEventBody; response: Created };
    "DELETE /api/v1/activities/events/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/business-figures": {
      query: Range & { metric?: string };
      response: Items<BusinessFigure>;
    };
    "PUT /api/v1/activities/business-figures": {
      body: { rows: BusinessFigureBody[] };
      response: { saved: number };
    };
    "GET /api/v1/activities/audits": { query: Range; response: Items<Audit> };
    "POST /api/v1/activities/audits": { body: AuditBody; response: Created };
    "DELETE /api/v1/activities/audits/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/elderly-handlings": {
      query: Range;
      response: Items<ElderlyHandling> & {
        total: number;
        byMeasure: { code: string; name: string; count: number }[];
      };
    };
    "POST /api/v1/activities/elderly-handlings": { body: ElderlyHandlingBody; response: Created };
    "GET /api/v1/activities/intent-records": {
      query: Range & { incomplete?: "true" | "false" };
      response: Items<IntentRecord>;
    };
    "POST /api/v1/activities/intent-records": { body: IntentRecordBody; response: Created };
  }
}
