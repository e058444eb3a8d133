/** The access matrix's calls to the published reports. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture, World } from "./world.js";

/** The report and the review as they are now: allowed calls move their revision on. */
async function currentReport(w: World) {
  return w.make<{ revision: number; sections: { id: number; block: string }[] }>(
    "GET",
    `/api/v1/reports/${w.report}`,
  );
}

export const reportFixtures = {
  "GET /api/v1/reports": () => ({ url: "/api/v1/reports" }),
  "POST /api/v1/reports": (_w, c) => ({
    url: "/api/v1/reports",
    body: { kind: "annual-voice", fiscalYear: 2000 + (c.n % 25) },
  }),
  "GET /api/v1/reports/:id": (w) => ({ url: `/api/v1/reports/${w.report}` }),
  "PUT /api/v1/reports/:id": async (w) => {
    // the draft as it is now: each allowed call saves a new revision
    const r = await w.make<{ revision: number; sections: { block: string }[] }>(
      "GET",
      `/api/v1/reports/${w.draftReport}`,
    );
    return {
      url: `/api/v1/reports/${w.draftReport}`,
      body: {
        revision: r.revision,
        sections: [{ block: r.sections[0]?.block ?? "text", heading: "はじめに" }],
      },
    };
  },
  "POST /api/v1/reports/:id/sections/order": async (w) => {
    const r = await currentReport(w);
    return {
      url: `/api/v1/reports/${w.report}/sections/order`,
      body: { revision: r.revision, sectionIds: r.sections.map((x) => x.id).reverse() },
    };
  },
  "PUT /api/v1/reports/:id/sections/:sectionId/voices": async (w) => {
    const r = await currentReport(w);
    const section = r.sections.find((x) => x.block === "featured_thanks") ?? r.sections[0];
    return {
      url: `/api/v1/reports/${w.report}/sections/${section?.id ?? 0}/voices`,
      body: { revision: r.revision, voices: [] },
    };
  },
  "GET /api/v1/reports/:id/sections/:sectionId/suggestions": async (w) => {
    const r = await currentReport(w);
    const section = r.sections.find((x) => x.block === "featured_thanks") ?? r.sections[0];
    return { url: `/api/v1/reports/${w.report}/sections/${section?.id ?? 0}/suggestions` };
  },
  // a fresh draft each time, made by another person, so every allowed caller is the second person
  "POST /api/v1/reports/:id/approve": async (w, c) => {
    const r = await w.make<{ id: number; revision: number }>("POST", "/api/v1/reports", {
      kind: "half-year-review",
      fiscalYear: 2000 + (c.n % 25),
      half: 2,
    });
    return { url: `/api/v1/reports/${r.id}/approve`, body: { revision: r.revision } };
  },
  "POST /api/v1/reports/:id/publish": async (w) => ({
    url: `/api/v1/reports/${w.report}/publish`,
    body: { revision: (await currentReport(w)).revision },
  }),
  "POST /api/v1/reports/:id/new-version": async (w) => ({
    url: `/api/v1/reports/${w.report}/new-version`,
    body: { revision: (await currentReport(w)).revision },
  }),
  "GET /api/v1/reports/:id/document": (w) => ({ url: `/api/v1/reports/${w.report}/document` }),
  "GET /api/v1/reports/:id/preview": (w) => ({ url: `/api/v1/reports/${w.report}/preview` }),
  "GET /api/v1/reports/:id/file": (w) => ({ url: `/api/v1/reports/${w.report}/file?format=xlsx` }),
} satisfies Partial<Record<RouteKey, Fixture>>;
