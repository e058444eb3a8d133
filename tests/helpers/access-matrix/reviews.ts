/** The access matrix's calls to the half-year reviews. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture, World } from "./world.js";

async function reviewVersion(w: World): Promise<number> {
  return (await w.make<{ version: number }>("GET", `/api/v1/reviews/${w.review}`)).version;
}

export const reviewFixtures = {
  "GET /api/v1/reviews": () => ({ url: "/api/v1/reviews" }),
  "POST /api/v1/reviews": (_w, c) => ({
    url: "/api/v1/reviews",
    body: { period: `fy${2000 + (c.n % 25)}h${(c.n % 2) + 1}` },
  }),
  "GET /api/v1/reviews/voice-example": (w) => ({ url: `/api/v1/reviews/voice-example?voice=${w.voice}` }),
  "GET /api/v1/reviews/:id": (w) => ({ url: `/api/v1/reviews/${w.review}` }),
  "PUT /api/v1/reviews/:id": async (w) => ({
    url: `/api/v1/reviews/${w.review}`,
    body: { version: await reviewVersion(w), items: [{ principle: 1, heading: "方針の公表" }] },
  }),
  "POST /api/v1/reviews/:id/approve": async (w) => ({
    url: `/api/v1/reviews/${w.review}/approve`,
    body: { version: await reviewVersion(w) },
  }),
  "GET /api/v1/reviews/:id/figures": (w) => ({ url: `/api/v1/reviews/${w.review}/figures` }),
} satisfies Partial<Record<RouteKey, Fixture>>;
