/** The access matrix's calls to notifications and their preferences. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture } from "./world.js";

export const notificationFixtures = {
  "GET /api/v1/notifications": () => ({ url: "/api/v1/notifications" }),
  "GET /api/v1/notifications/unread-count": () => ({ url: "/api/v1/notifications/unread-count" }),
  "POST /api/v1/notifications/read": () => ({ url: "/api/v1/notifications/read", body: { all: true } }),
  "GET /api/v1/notifications/preferences": () => ({ url: "/api/v1/notifications/preferences" }),
  "PUT /api/v1/notifications/preferences": () => ({
    url: "/api/v1/notifications/preferences",
    body: { items: [{ kind: "assigned", email: false }] },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
