// The survey answer import in the typed client's route list (src/shared/api-routes.ts), as the analytics routes do.
import type { ImportQuery, ImportResult } from "../../../../src/features/import-export/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/surveys/:id/answers/import": {
      params: { id: number };
      query: ImportQuery;
      body: Blob;
      response: ImportResult;
    };
  }
}
