// The notification routes in the typed client's route list (src/shared/api-routes.ts), added from here because
// that list imports only src/shared while this contract lives in src/features/notifications/contract.ts.
import type {
  MarkReadInput,
  NotificationList,
  NotificationListQuery,
  Preferences,
  PreferencesInput,
  UnreadCount,
} from "../../../../src/features/notifications/contract.js";

declare module "../../../../src/shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/notifications": { query: NotificationListQuery; response: NotificationList };
    "GET /api/v1/notifications/unread-count": { response: UnreadCount };
    "POST /api/v1/notifications/read": { body: MarkReadInput; response: UnreadCount };
    "GET /api/v1/notifications/preferences": { response: Preferences };
    "PUT /api/v1/notifications/preferences": { body: PreferencesInput; response: Preferences };
  }
}
