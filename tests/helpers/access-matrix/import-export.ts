/** The access matrix's calls to the voice import and export. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import type { Fixture } from "./world.js";

export const importExportFixtures = {
  "POST /api/v1/imports": () => ({
    url: "/api/v1/imports?dryRun=true",
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "受付日時,種別,分類,部署,内容\n2026/11/10 9:00,苦情,応対,コールセンター,電話がつながりにくい\n",
    },
  }),
  "GET /api/v1/exports/voices": () => ({ url: "/api/v1/exports/voices?format=csv" }),
} satisfies Partial<Record<RouteKey, Fixture>>;
