/** The access matrix's calls to analysis counts, words, handling, queues and their downloads. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, OWN } from "./world.js";

export const analyticsFixtures = {
  "GET /api/v1/analysis/words": () => ({ url: `/api/v1/analysis/words?department=${OWN}` }),
  "GET /api/v1/analysis/counts": () => ({ url: `/api/v1/analysis/counts?by=type&department=${OWN}` }),
  "GET /api/v1/analysis/handling": () => ({ url: `/api/v1/analysis/handling?department=${OWN}` }),
  "GET /api/v1/analysis/queues": () => ({ url: "/api/v1/analysis/queues" }),
  "GET /api/v1/analysis/counts/download": () => ({
    url: `/api/v1/analysis/counts/download?by=type&department=${OWN}&format=csv`,
  }),
  "GET /api/v1/analysis/words/download": () => ({
    url: `/api/v1/analysis/words/download?department=${OWN}&format=csv`,
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
