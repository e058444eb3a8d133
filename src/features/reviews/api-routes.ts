// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type {
  ApproveReviewInput,
  CreateReviewInput,
  FigureCatalog,
  ReviewDetail,
  ReviewList,
  UpdateReviewInput,
  VoiceExample,
  VoiceExampleQuery,
} from "./contract.js";

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/reviews": { response: ReviewList };
    "POST /api/v1/reviews": { body: CreateReviewInput; response: ReviewDetail };
    "GET /api/v1/reviews/voice-example": { query: VoiceExampleQuery; response: VoiceExample };
    "GET /api/v1/reviews/:id": { response: ReviewDetail };
    "PUT /api/v1/reviews/:id": { body: UpdateReviewInput; response: ReviewDetail };
    "POST /api/v1/reviews/:id/approve": { body: ApproveReviewInput; response: ReviewDetail };
    "GET /api/v1/reviews/:id/figures": { response: FigureCatalog };
  }
}
