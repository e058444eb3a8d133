// The 回覧 and 声の日 routes in the typed client's route list (see ../notifications/api-routes.ts for why here).
import type {
  CirculationCommentInput,
  CirculationDetail,
  CirculationList,
  CirculationListQuery,
  DigestScheduleDto,
  DigestScheduleInput,
  SendCirculationInput,
} from "../../../../src/features/circulation/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/circulations": { body: SendCirculationInput; response: CirculationDetail };
    "GET /api/v1/circulations": { query: CirculationListQuery; response: CirculationList };
    "GET /api/v1/circulations/:id": { response: CirculationDetail };
    "POST /api/v1/circulations/:id/read": { response: CirculationDetail };
    "POST /api/v1/circulations/:id/comments": { body: CirculationCommentInput; response: CirculationDetail };
    "GET /api/v1/settings/digest": { response: DigestScheduleDto };
    "PUT /api/v1/settings/digest": { body: DigestScheduleInput; response: DigestScheduleDto };
  }
}
