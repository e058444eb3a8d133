/** The access matrix's calls to classification, the model and the 確認待ち queue. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture } from "./world.js";

export const classifierFixtures = {
  "POST /api/v1/classify": () => ({
    url: "/api/v1/classify",
    body: { text: "担当者の説明がとても丁寧でした" },
  }),
  "GET /api/v1/model": () => ({ url: "/api/v1/model" }),
  "POST /api/v1/model/train": () => ({ url: "/api/v1/model/train", body: {} }),
  "GET /api/v1/model/settings": () => ({ url: "/api/v1/model/settings" }),
  "PUT /api/v1/model/settings": () => ({ url: "/api/v1/model/settings", body: {} }),
  "GET /api/v1/model/report": () => ({ url: "/api/v1/model/report" }),
  "POST /api/v1/model/retrain": () => ({ url: "/api/v1/model/retrain", body: {} }),
  "GET /api/v1/model/retrain": () => ({ url: "/api/v1/model/retrain" }),
  "POST /api/v1/model/restore": () => ({ url: "/api/v1/model/restore", body: {} }),
  "GET /api/v1/complaint-reviews": () => ({ url: "/api/v1/complaint-reviews" }),
  "GET /api/v1/complaint-reviews/count": () => ({ url: "/api/v1/complaint-reviews/count" }),
  "POST /api/v1/complaint-reviews/:id/confirm": (w) => ({
    url: `/api/v1/complaint-reviews/${w.voice}/confirm`,
    body: { type: "complaint" },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
