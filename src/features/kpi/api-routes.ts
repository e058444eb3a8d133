// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type { z } from "zod";
import type {
  Kpi,
  KpiEntryInput,
  KpiHistory,
  KpiRegister,
  KpiReporting,
  KpiValue,
  kpiInputSchema,
  kpiPatchSchema,
  themeInputSchema,
  themePatchSchema,
  themeSchema,
} from "./contract.js";

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/kpis": { query: { year: number }; response: KpiRegister };
    "POST /api/v1/kpis": { body: z.input<typeof kpiInputSchema>; response: Kpi };
    "GET /api/v1/kpis/definitions": {
      response: { themes: z.infer<typeof themeSchema>[]; kpis: Kpi[] };
    };
    "POST /api/v1/kpis/themes": { body: z.input<typeof themeInputSchema>; response: { id: number } };
    "PATCH /api/v1/kpis/themes/:id": {
      params: { id: number };
      body: z.input<typeof themePatchSchema>;
      response: z.infer<typeof themeSchema>;
    };
    "POST /api/v1/kpis/themes/:id/retire": {
      params: { id: number };
      body: { retired: boolean };
      response: z.infer<typeof themeSchema>;
    };
    "PATCH /api/v1/kpis/:id": { params: { id: number }; body: z.input<typeof kpiPatchSchema>; response: Kpi };
    "GET /api/v1/kpis/settings": { response: KpiReporting };
    "PUT /api/v1/kpis/settings": { body: KpiReporting; response: KpiReporting };
    "POST /api/v1/kpis/template": { response: { created: number } };
    "POST /api/v1/kpis/:id/retire": { params: { id: number }; body: { retired: boolean }; response: Kpi };
    "GET /api/v1/kpis/:id/value": { params: { id: number }; query: { year: number }; response: KpiValue };
    "GET /api/v1/kpis/:id/history": {
      params: { id: number };
      query: { year: number; years?: number };
      response: KpiHistory;
    };
    "PUT /api/v1/kpis/:id/entries": {
      params: { id: number };
      query: { year: number };
      body: KpiEntryInput;
      response: KpiValue;
    };
  }
}
