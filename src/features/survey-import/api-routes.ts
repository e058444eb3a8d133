// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type { ImportQuery, ImportResult } from "../import-export/contract.js";

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/surveys/:id/answers/import": {
      params: { id: number };
      query: ImportQuery;
      body: Blob;
      response: ImportResult;
    };
  }
}
