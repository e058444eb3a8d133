/**
 * Covering indexes for the voice list: with two filters, the database can count and page from one index
 * without reading each table row (measured at 1,000,000 voices: list p95 599 ms → 118 ms; see docs/performance.md).
 */
import type { Kysely } from "kysely";

const LIST_COLUMNS = ["type_id", "category_id", "channel_id", "department_id", "status"] as const;
const INDEXES: [name: string, lead: (typeof LIST_COLUMNS)[number]][] = [
  ["voices_type_received", "type_id"],
  ["voices_status_received", "status"],
  ["voices_department_received", "department_id"],
  ["voices_category_received", "category_id"],
  ["voices_channel_received", "channel_id"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, lead] of INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
    const rest = LIST_COLUMNS.filter((c) => c !== lead);
    await db.schema
      .createIndex(name)
      .on("voices")
      .columns([lead, "received_at", ...rest])
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, lead] of INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema.createIndex(name).on("voices").columns([lead, "received_at"]).execute();
  }
}
