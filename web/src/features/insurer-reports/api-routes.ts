// The insurer report routes in the typed client's route list (see ../notifications/api-routes.ts for why here).
import type {
  InsurerReportList,
  InsurerReportListQuery,
  InsurerReportRuleDto,
  InsurerReportRuleInput,
  RecordInsurerReportInput,
} from "../../../../src/features/insurer-reports/contract.js";
import type { VoiceDetail } from "../../../../src/shared/api-contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/insurer-reports": { query: InsurerReportListQuery; response: InsurerReportList };
    "POST /api/v1/voices/:id/insurer-report": { body: RecordInsurerReportInput; response: VoiceDetail };
    "GET /api/v1/settings/insurer-reports": { response: InsurerReportRuleDto };
    "PUT /api/v1/settings/insurer-reports": { body: InsurerReportRuleInput; response: InsurerReportRuleDto };
  }
}
