/** Kysely table types: KPI themes, KPIs and their entries. Composed into `Database` in src/db/schema.ts. */
import type { ColumnType } from "kysely";
import type { Id } from "../../db/column-types.js";

export interface KpiThemesTable {
  id: Id;
  number: number;
  name: string;
  retired_at: string | null;
}

export interface KpisTable {
  id: Id;
  theme_id: number;
  number: number;
  name: string;
  /** 名 | 回 | 件 | % */
  unit: string;
  /** a code of the KPI source registry, or manual */
  source: string;
  /** JSON parameters of the source */
  params: ColumnType<string, string | undefined, string>;
  target: string | null;
  created_at: string;
  retired_at: string | null;
}

export interface KpiEntriesTable {
  id: Id;
  kpi_id: number;
  /** the reporting period: a year, '2023' */
  period_key: string;
  value: number | null;
  /** JSON array of {label, value} */
  breakdown: string | null;
  evidence: string | null;
  narrative: string | null;
  updated_by: number | null;
  updated_at: string;
}
