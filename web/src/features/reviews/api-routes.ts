// The review routes in the typed client's route list (src/shared/api-routes.ts), added from here because the list
// may import only src/shared while the reviews contract lives in src/features/reviews/contract.ts.
import type {
  ApproveReviewInput,
  CreateReviewInput,
  FigureCatalog,
  ReviewDetail,
  ReviewList,
  UpdateReviewInput,
  VoiceExample,
  VoiceExampleQuery,
} from "../../../../src/features/reviews/contract.js";

declare module "../../../../src/shared/api-routes.js" {
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
