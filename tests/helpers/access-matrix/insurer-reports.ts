/** The access matrix's calls to reports to the insurer and their settings. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture } from "./world.js";

export const insurerReportFixtures = {
  "GET /api/v1/insurer-reports": () => ({ url: "/api/v1/insurer-reports" }),
  "GET /api/v1/settings/insurer-reports": () => ({ url: "/api/v1/settings/insurer-reports" }),
  "PUT /api/v1/settings/insurer-reports": () => ({
    url: "/api/v1/settings/insurer-reports",
    body: { enabled: true, typeCodes: ["complaint"], productLineCodes: [], days: 5 },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
