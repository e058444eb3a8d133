/** The access matrix's calls to the members' voice form and status page. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { CUSTOMERS, type Fixture } from "./world.js";

export const publicFormFixtures = {
  "POST /api/v1/public/voices": () => ({
    url: "/api/v1/public/voices",
    body: {
      topic: "request",
      content: "ホームページの請求書類の案内がわかりにくいです。",
      name: CUSTOMERS.cs.name,
      email: CUSTOMERS.cs.email,
      phone: CUSTOMERS.cs.phone,
      contactConsent: true,
      privacyConsent: true,
    },
  }),
  "GET /api/v1/public/voices/:receiptNumber": (w) => ({
    url: `/api/v1/public/voices/${w.publicReceipt.receiptNumber}?code=${encodeURIComponent(w.publicReceipt.checkCode)}`,
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
