// The label-alias routes in the typed client's route list (src/shared/api-routes.ts), added from here because the
// list may import only src/shared while the contract lives in src/features/import-aliases/contract.ts.
import type {
  AliasKind,
  LabelAliases,
  LabelAliasList,
  SetLabelAliasesInput,
} from "../../../../src/features/import-aliases/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/label-aliases": { response: LabelAliasList };
    "PUT /api/v1/label-aliases/:kind/:id": {
      params: { kind: AliasKind; id: number };
      body: SetLabelAliasesInput;
      response: LabelAliases;
    };
  }
}
