/**
 * An improvement task shows the audit improvement items it was registered from (audit_items.improvement_id):
 * looked up by that column, so it gets an index. No foreign key is added: audit_items predates it on SQLite,
 * where adding one means rebuilding the table, and deleting an audit leaves its improvement task in place.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("audit_items_improvement")
    .ifNotExists()
    .on("audit_items")
    .column("improvement_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_items_improvement").ifExists().execute();
}
