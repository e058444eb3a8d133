/** The access matrix's calls to sign-in, the session and two-factor login. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, PASSWORD } from "./world.js";

export const sessionFixtures = {
  // each signs in as themselves (one address's concurrent attempts at one account are throttled, rightly)
  "POST /api/v1/session": (w, c) => ({
    url: "/api/v1/session",
    body: { email: c.member?.email ?? w.loginEmail, password: PASSWORD },
  }),
  "GET /api/v1/session": () => ({ url: "/api/v1/session" }),
  // runs last (see ROUTES in access-matrix.test.ts), so it may end the callers' sessions
  "DELETE /api/v1/session": () => ({ url: "/api/v1/session" }),
  "DELETE /api/v1/session/all": () => ({ url: "/api/v1/session/all" }),
  // Without a pending login there is no challenge: the body is refused (400), never 401/403 — the route is public.
  "POST /api/v1/session/two-factor": () => ({
    url: "/api/v1/session/two-factor",
    body: { challenge: "", code: "" },
  }),
  "GET /api/v1/account/two-factor": () => ({ url: "/api/v1/account/two-factor" }),
  "POST /api/v1/account/two-factor/setup": () => ({
    url: "/api/v1/account/two-factor/setup",
    body: { password: PASSWORD },
  }),
  "POST /api/v1/account/two-factor/confirm": () => ({
    url: "/api/v1/account/two-factor/confirm",
    body: { code: "000000" },
  }),
  "POST /api/v1/account/two-factor/disable": () => ({
    url: "/api/v1/account/two-factor/disable",
    body: { password: PASSWORD },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
