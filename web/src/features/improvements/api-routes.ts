// The insights and improvements routes in the typed client's route list (src/shared/api-routes.ts), added from
// here because the list may import only src/shared while this contract lives in src/features/improvements.
import type {
  CreateImprovementInput,
  CreateInsightInput,
  EffectCheck,
  EffectQuery,
  ImprovementCount,
  ImprovementCountQuery,
  ImprovementDetail,
  ImprovementList,
  ImprovementListQuery,
  Insight,
  InsightList,
  InsightListQuery,
  LinkInput,
  NoteInput,
  PublicImprovementList,
  StatusChangeInput,
  UpdateImprovementInput,
} from "../../../../src/features/improvements/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/insights": { query: InsightListQuery; response: InsightList };
    "POST /api/v1/insights": { body: CreateInsightInput; response: Insight };
    "GET /api/v1/insights/:id": { response: Insight };
    "GET /api/v1/improvements": { query: ImprovementListQuery; response: ImprovementList };
    "POST /api/v1/improvements": { body: CreateImprovementInput; response: ImprovementDetail };
    "GET /api/v1/improvements/count": { query: ImprovementCountQuery; response: ImprovementCount };
    "GET /api/v1/improvements/public": { query: ImprovementCountQuery; response: PublicImprovementList };
    "GET /api/v1/improvements/:id": { response: ImprovementDetail };
    "PATCH /api/v1/improvements/:id": { body: UpdateImprovementInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/links": { body: LinkInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/status": { body: StatusChangeInput; response: ImprovementDetail };
    "POST /api/v1/improvements/:id/notes": { body: NoteInput; response: ImprovementDetail };
    "GET /api/v1/improvements/:id/effect": { query: EffectQuery; response: EffectCheck };
    "GET /api/v1/voices/:id/improvements": { response: ImprovementList };
  }
}
