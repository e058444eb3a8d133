/** The access matrix's calls to circulations and the digest settings. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, OWN } from "./world.js";

export const circulationFixtures = {
  "POST /api/v1/circulations": (w) => ({
    url: "/api/v1/circulations",
    body: {
      title: "今週の声",
      message: "ご確認ください",
      voiceIds: [w.voice],
      to: { departmentIds: [w.dept[OWN]] },
    },
  }),
  "GET /api/v1/circulations": () => ({ url: "/api/v1/circulations" }),
  "GET /api/v1/circulations/:id": (w) => ({ url: `/api/v1/circulations/${w.circulation}` }),
  "POST /api/v1/circulations/:id/read": (w) => ({
    url: `/api/v1/circulations/${w.circulation}/read`,
    body: {},
  }),
  "POST /api/v1/circulations/:id/comments": (w) => ({
    url: `/api/v1/circulations/${w.circulation}/comments`,
    body: { body: "窓口でも同じ声がありました" },
  }),
  "GET /api/v1/settings/digest": () => ({ url: "/api/v1/settings/digest" }),
  "PUT /api/v1/settings/digest": () => ({
    url: "/api/v1/settings/digest",
    body: { enabled: false, weekday: 1, hour: 9 },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
