// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.

import type { WordsQuery } from "../text/contract.js";
import type {
  CountsQuery,
  CountsResponse,
  HandlingQuery,
  HandlingResponse,
  QueuesResponse,
} from "./contract.js";

/** The file of a chart's numbers: XLSX, or CSV in UTF-8 (with BOM) or Shift_JIS. */
export interface DownloadFields {
  format?: "xlsx" | "csv";
  encoding?: "utf8" | "sjis";
  title?: string;
}

/** How the counts are laid out in the file (the chart's table view): see src/shared/analysis-tables.ts. */
export type TableLayout = "rows" | "grouped" | "cross" | "fiscal_months";

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/analysis/counts": { query: CountsQuery; response: CountsResponse };
    "GET /api/v1/analysis/handling": { query: HandlingQuery; response: HandlingResponse };
    "GET /api/v1/analysis/queues": { response: QueuesResponse };
    "GET /api/v1/analysis/counts/download": {
      query: CountsQuery & DownloadFields & { table?: TableLayout };
      response: Blob;
      file: true;
    };
    "GET /api/v1/analysis/words/download": {
      query: Omit<WordsQuery, "limit"> & DownloadFields & { limit?: number };
      response: Blob;
      file: true;
    };
  }
}
