/** The access matrix's calls to the KPI register. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture } from "./world.js";

export const kpiFixtures = {
  "GET /api/v1/kpis": () => ({ url: "/api/v1/kpis?year=2025" }),
  "POST /api/v1/kpis": (w, c) => ({
    url: "/api/v1/kpis",
    body: {
      themeId: w.kpiTheme,
      number: (c.n % 89) + 10,
      name: "相談会の開催",
      unit: "回",
      source: "manual",
    },
  }),
  "GET /api/v1/kpis/definitions": () => ({ url: "/api/v1/kpis/definitions" }),
  "POST /api/v1/kpis/themes": (_w, c) => ({
    url: "/api/v1/kpis/themes",
    body: { number: (c.n % 80) + 10, name: "組合員との接点" },
  }),
  "PATCH /api/v1/kpis/themes/:id": (w) => ({
    url: `/api/v1/kpis/themes/${w.kpiTheme}`,
    body: { name: "お客さまの声を経営に活かします" },
  }),
  "POST /api/v1/kpis/themes/:id/retire": (w) => ({
    url: `/api/v1/kpis/themes/${w.kpiTheme}/retire`,
    body: { retired: false },
  }),
  "PATCH /api/v1/kpis/:id": (w) => ({ url: `/api/v1/kpis/${w.kpi}`, body: { target: "前年以上" } }),
  "GET /api/v1/kpis/settings": () => ({ url: "/api/v1/kpis/settings" }),
  "GET /api/v1/kpis/:id/history": (w) => ({ url: `/api/v1/kpis/${w.kpi}/history?year=2025` }),
  "PUT /api/v1/kpis/settings": async (w) => ({
    url: "/api/v1/kpis/settings",
    body: await w.make("GET", "/api/v1/kpis/settings"),
  }),
  "POST /api/v1/kpis/template": () => ({ url: "/api/v1/kpis/template", body: {} }),
  "POST /api/v1/kpis/:id/retire": (w) => ({ url: `/api/v1/kpis/${w.kpi}/retire`, body: { retired: false } }),
  "GET /api/v1/kpis/:id/value": (w) => ({ url: `/api/v1/kpis/${w.kpi}/value?year=2025` }),
  "PUT /api/v1/kpis/:id/entries": (w) => ({
    url: `/api/v1/kpis/${w.kpi}/entries?year=2025`,
    body: { value: 12, evidence: "相談会の記録" },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
