// The KPI register's routes in the typed client's route list (src/shared/api-routes.ts), added from here because
// the list may import only src/shared while the KPI contract lives in src/features/kpi/contract.ts.
import type {
  Kpi,
  KpiEntryInput,
  KpiRegister,
  KpiReporting,
  KpiValue,
} from "../../../../src/features/kpi/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/kpis": { query: { year: number }; response: KpiRegister };
    "GET /api/v1/kpis/settings": { response: KpiReporting };
    "PUT /api/v1/kpis/settings": { body: KpiReporting; response: KpiReporting };
    "POST /api/v1/kpis/template": { response: { created: number } };
    "POST /api/v1/kpis/:id/retire": { params: { id: number }; body: { retired: boolean }; response: Kpi };
    "GET /api/v1/kpis/:id/value": { params: { id: number }; query: { year: number }; response: KpiValue };
    "PUT /api/v1/kpis/:id/entries": {
      params: { id: number };
      query: { year: number };
      body: KpiEntryInput;
      response: KpiValue;
    };
  }
}
