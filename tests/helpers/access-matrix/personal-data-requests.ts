/** The access matrix's calls to personal-data requests. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { CUSTOMERS, type Fixture, OWN } from "./world.js";

export const personalDataRequestFixtures = {
  "POST /api/v1/personal-data-requests/lookup": () => ({
    url: "/api/v1/personal-data-requests/lookup",
    body: { kind: "phone", value: CUSTOMERS[OWN].phone },
  }),
  "GET /api/v1/personal-data-requests": () => ({ url: "/api/v1/personal-data-requests" }),
  "POST /api/v1/personal-data-requests": () => ({
    url: "/api/v1/personal-data-requests",
    body: {
      kind: "stop_use",
      lookup: { kind: "email", value: "nobody-here@example.jp" },
      receivedOn: "2026-11-18",
    },
  }),
  "POST /api/v1/personal-data-requests/disclosure-file": () => ({
    url: "/api/v1/personal-data-requests/disclosure-file",
    body: { lookup: { kind: "phone", value: CUSTOMERS[OWN].phone }, receivedOn: "2026-11-18" },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
