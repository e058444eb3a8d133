/**
 * Kysely table types: reports, their sections, featured voices and published snapshots. Composed into
 * `Database` in src/db/schema.ts.
 */
import type { Generated } from "kysely";
import type { Id } from "../../db/column-types.js";

export interface ReportsTable {
  id: Id;
  /** annual-voice | kpi | half-year-review */
  kind: string;
  fiscal_year: number;
  /** 0 a whole year, 1 上期, 2 下期 */
  half: Generated<number>;
  period_key: string;
  period_label: string;
  period_from: string;
  period_to: string;
  title: string;
  organisation_name: string;
  /** draft | approved | published */
  status: string;
  version: number;
  previous_id: number | null;
  revision: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  approved_by: number | null;
  approved_at: string | null;
  published_by: number | null;
  published_at: string | null;
}

export interface ReportSectionsTable {
  id: Id;
  report_id: number;
  sort_order: number;
  /** generated | text */
  kind: string;
  block: string;
  heading: string;
  /** JSON object */
  config: string;
  body: string;
}

export interface ReportFeaturedVoicesTable {
  id: Id;
  section_id: number;
  sort_order: number;
  voice_id: number;
  text: string;
  reply: string;
  attribution: string;
  theme: string;
}

export interface ReportSnapshotsTable {
  report_id: number;
  /** the ReportDocument as JSON */
  document: string;
  created_at: string;
}
