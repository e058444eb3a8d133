/** The access matrix's calls to staff insights and improvement tasks. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, OWN } from "./world.js";

export const improvementFixtures = {
  "GET /api/v1/insights": () => ({ url: "/api/v1/insights" }),
  "POST /api/v1/insights": (w) => ({
    url: "/api/v1/insights",
    body: {
      content: "請求書類の受付連絡がないという声が続いている",
      departmentId: w.dept[OWN],
      voiceIds: [w.voice],
    },
  }),
  "GET /api/v1/insights/:id": (w) => ({ url: `/api/v1/insights/${w.insight}` }),
  "GET /api/v1/improvements": () => ({ url: "/api/v1/improvements" }),
  "POST /api/v1/improvements": (w) => ({
    url: "/api/v1/improvements",
    body: {
      title: "請求書類の受付連絡",
      problem: "書類の到着をお客さまに知らせていない",
      ownerDepartmentId: w.dept[OWN],
      dueDate: "2027-03-31",
      voiceIds: [w.voice],
    },
  }),
  "GET /api/v1/improvements/count": () => ({ url: "/api/v1/improvements/count" }),
  "GET /api/v1/improvements/public": () => ({ url: "/api/v1/improvements/public" }),
  "GET /api/v1/improvements/:id": (w) => ({ url: `/api/v1/improvements/${w.improvement}` }),
  "PATCH /api/v1/improvements/:id": (w) => ({
    url: `/api/v1/improvements/${w.improvement}`,
    body: { result: "受付時に SMS で知らせる案を検討中" },
  }),
  "POST /api/v1/improvements/:id/links": (w) => ({
    url: `/api/v1/improvements/${w.improvement}/links`,
    body: { voiceIds: [w.otherVoice] },
  }),
  "POST /api/v1/improvements/:id/status": async (w) => {
    const i = await w.make<{ id: number }>("POST", "/api/v1/improvements", {
      title: "受付連絡の見直し",
      problem: "連絡の遅れ",
      ownerDepartmentId: w.dept[OWN],
      dueDate: "2027-03-31",
    });
    return { url: `/api/v1/improvements/${i.id}/status`, body: { to: "under_review" } };
  },
  "POST /api/v1/improvements/:id/notes": (w) => ({
    url: `/api/v1/improvements/${w.improvement}/notes`,
    body: { text: "支払部と打ち合わせ済み" },
  }),
  "GET /api/v1/improvements/:id/effect": (w) => ({ url: `/api/v1/improvements/${w.improvement}/effect` }),
} satisfies Partial<Record<RouteKey, Fixture>>;
