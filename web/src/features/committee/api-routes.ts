// The committee routes in the typed client's route list (src/shared/api-routes.ts); see
// web/src/features/improvements/api-routes.ts for why they are added from here.
import type {
  AgendaEditInput,
  Committee,
  CommitteeList,
  CreateCommitteeInput,
  CreateMeetingInput,
  DecisionInput,
  MeetingDetail,
  MeetingList,
  ProposedAgenda,
  UpdateCommitteeInput,
} from "../../../../src/features/committee/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/committees": { response: CommitteeList };
    "POST /api/v1/committees": { body: CreateCommitteeInput; response: Committee };
    "PATCH /api/v1/committees/:id": { body: UpdateCommitteeInput; response: Committee };
    "GET /api/v1/meetings": { query: { committeeId?: number }; response: MeetingList };
    "POST /api/v1/meetings": { body: CreateMeetingInput; response: MeetingDetail };
    "GET /api/v1/meetings/:id": { response: MeetingDetail };
    "GET /api/v1/meetings/:id/proposed-agenda": { response: ProposedAgenda };
    "PUT /api/v1/meetings/:id/agenda": { body: AgendaEditInput; response: MeetingDetail };
    "POST /api/v1/meetings/:id/decisions": { body: DecisionInput; response: MeetingDetail };
  }
}
