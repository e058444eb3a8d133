// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type { AliasKind, LabelAliases, LabelAliasList, SetLabelAliasesInput } from "./contract.js";

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/label-aliases": { response: LabelAliasList };
    "PUT /api/v1/label-aliases/:kind/:id": {
      params: { kind: AliasKind; id: number };
      body: SetLabelAliasesInput;
      response: LabelAliases;
    };
  }
}
