/** Reading a report's rows: the report, its sections in order and the voices featured in them. */
import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import type { ReportFeaturedVoicesTable, ReportSectionsTable, ReportsTable } from "./tables.js";

export type ReportRow = Selectable<ReportsTable>;
export type SectionRow = Selectable<ReportSectionsTable>;
export type FeaturedRow = Selectable<ReportFeaturedVoicesTable>;

export const NOT_FOUND = "報告書";

export async function reportRow(db: Db, id: number): Promise<ReportRow> {
  const row = await db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

export async function sectionRows(db: Db, reportId: number): Promise<SectionRow[]> {
  return db
    .selectFrom("report_sections")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export async function featuredRows(db: Db, sectionIds: number[]): Promise<FeaturedRow[]> {
  if (sectionIds.length === 0) return [];
  return db
    .selectFrom("report_featured_voices")
    .selectAll()
    .where("section_id", "in", sectionIds)
    .orderBy("section_id")
    .orderBy("sort_order")
    .execute();
}

export const parseConfig = (json: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(json) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
export const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));
