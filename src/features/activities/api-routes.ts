// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type { z } from "zod";
import type {
  ActivityLabelKind,
  AuditImprovementInput,
  AuditInput,
  AuditItemLinkInput,
  auditPatchSchema,
  auditSchema,
  BusinessFigureImportResult,
  BusinessMetric,
  businessFigureSchema,
  businessFiguresInputSchema,
  ElderlyHandlingInput,
  elderlyHandlingPatchSchema,
  elderlyHandlingSchema,
  IntentRecord,
  IntentRecordInput,
  intentRecordPatchSchema,
  labelInputSchema,
  labelPatchSchema,
  labelSchema,
  OutreachEventInput,
  outreachEventPatchSchema,
  outreachEventSchema,
  StaffInput,
  staffSchema,
  TrainingInput,
  trainingPatchSchema,
  trainingSchema,
} from "./contract.js";

type Range = { from?: string; to?: string };
type Items<S extends z.ZodType> = { items: z.infer<S>[] };
type Created = { id: number };

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/activities/labels": {
      query: { kind?: ActivityLabelKind };
      response: Items<typeof labelSchema>;
    };
    "POST /api/v1/activities/labels": { body: z.input<typeof labelInputSchema>; response: Created };
    "PATCH /api/v1/activities/labels/:id": {
      params: { id: number };
      body: z.input<typeof labelPatchSchema>;
      response: Created;
    };
    "GET /api/v1/activities/staff": { response: Items<typeof staffSchema> };
    "POST /api/v1/activities/staff": { body: StaffInput; response: Created };
    "PUT /api/v1/activities/staff/:id": { params: { id: number }; body: StaffInput; response: Created };
    "GET /api/v1/activities/trainings": { query: Range; response: Items<typeof trainingSchema> };
    "POST /api/v1/activities/trainings": { body: TrainingInput; response: Created };
    "PATCH /api/v1/activities/trainings/:id": {
      params: { id: number };
      body: z.input<typeof trainingPatchSchema>;
      response: Created;
    };
    "DELETE /api/v1/activities/trainings/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/events": { query: Range; response: Items<typeof outreachEventSchema> };
    "POST /api/v1/activities/events": { body: OutreachEventInput; response: Created };
    "PATCH /api/v1/activities/events/:id": {
      params: { id: number };
      body: z.input<typeof outreachEventPatchSchema>;
      response: Created;
    };
    "DELETE /api/v1/activities/events/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/business-figures": {
      query: Range & { metric?: BusinessMetric };
      response: Items<typeof businessFigureSchema>;
    };
    "PUT /api/v1/activities/business-figures": {
      body: z.input<typeof businessFiguresInputSchema>;
      response: { saved: number };
    };
    "DELETE /api/v1/activities/business-figures/:id": { params: { id: number }; response: Created };
    "POST /api/v1/activities/business-figures/import": {
      query: { dryRun?: "true" | "false" };
      body: Blob;
      response: BusinessFigureImportResult;
    };
    "GET /api/v1/activities/audits": { query: Range; response: Items<typeof auditSchema> };
    "POST /api/v1/activities/audits": { body: AuditInput; response: Created };
    "PATCH /api/v1/activities/audits/:id": {
      params: { id: number };
      body: z.input<typeof auditPatchSchema>;
      response: Created;
    };
    "POST /api/v1/activities/audit-items/:id/improvement-link": {
      params: { id: number };
      body: AuditItemLinkInput;
      response: { id: number; improvementId: number };
    };
    "DELETE /api/v1/activities/audits/:id": { params: { id: number }; response: Created };
    "POST /api/v1/activities/audit-items/:id/improvement": {
      params: { id: number };
      body: AuditImprovementInput;
      response: { id: number; improvementId: number };
    };
    "GET /api/v1/activities/elderly-handlings": {
      query: Range;
      response: Items<typeof elderlyHandlingSchema> & {
        total: number;
        byMeasure: { code: string; name: string; count: number }[];
      };
    };
    "POST /api/v1/activities/elderly-handlings": { body: ElderlyHandlingInput; response: Created };
    "PATCH /api/v1/activities/elderly-handlings/:id": {
      params: { id: number };
      body: z.input<typeof elderlyHandlingPatchSchema>;
      response: Created;
    };
    "DELETE /api/v1/activities/elderly-handlings/:id": { params: { id: number }; response: Created };
    "GET /api/v1/activities/intent-records": {
      query: Range & { incomplete?: "true" | "false" };
      response: { items: IntentRecord[] };
    };
    "POST /api/v1/activities/intent-records": { body: IntentRecordInput; response: Created };
    "PATCH /api/v1/activities/intent-records/:id": {
      params: { id: number };
      body: z.input<typeof intentRecordPatchSchema>;
      response: Created;
    };
    "DELETE /api/v1/activities/intent-records/:id": { params: { id: number }; response: Created };
  }
}
