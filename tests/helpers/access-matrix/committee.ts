/** The access matrix's calls to committees, meetings, agendas and decisions. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, today } from "./world.js";

export const committeeFixtures = {
  "GET /api/v1/committees": () => ({ url: "/api/v1/committees" }),
  "POST /api/v1/committees": (_w, c) => ({
    url: "/api/v1/committees",
    body: { name: `CS向上委員会 分科会${c.n}` },
  }),
  "PATCH /api/v1/committees/:id": (w) => ({
    url: `/api/v1/committees/${w.committee}`,
    body: { description: "毎月第3木曜日" },
  }),
  "GET /api/v1/meetings": () => ({ url: "/api/v1/meetings" }),
  "POST /api/v1/meetings": (w) => ({
    url: "/api/v1/meetings",
    body: { committeeId: w.committee, heldOn: today, attendees: [{ name: "委員長 田中" }] },
  }),
  "GET /api/v1/meetings/:id": (w) => ({ url: `/api/v1/meetings/${w.meeting}` }),
  "GET /api/v1/meetings/:id/proposed-agenda": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/proposed-agenda`,
  }),
  "PUT /api/v1/meetings/:id/agenda": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/agenda`,
    body: { items: [{ title: "請求書類の受付連絡", body: "" }] },
  }),
  "POST /api/v1/meetings/:id/decisions": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/decisions`,
    body: { text: "担当部署の期限を延ばす", update: { improvementId: w.improvement, dueDate: "2027-06-30" } },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
