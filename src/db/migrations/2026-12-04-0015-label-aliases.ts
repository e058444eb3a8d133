/**
 * Label aliases: the words another system uses for one of koe's labels or departments (a call-centre export says
 * 窓口 where koe says 窓口（支所・共済ショップ）). Imports resolve a cell by code, name, then alias. `alias_key` is
 * the comparison form (normalized, lower case, no spaces); it is unique per kind, so one word never means two labels.
 * `label_id` points into taxonomy_labels, or into departments when kind is "department" (hence no foreign key).
 */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("label_aliases")
    .addColumn("id", idType, id)
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("label_id", "integer", (c) => c.notNull())
    .addColumn("alias", "varchar(100)", (c) => c.notNull())
    .addColumn("alias_key", "varchar(100)", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("label_aliases_kind_key", ["kind", "alias_key"])
    .execute();
  await db.schema
    .createIndex("label_aliases_label")
    .on("label_aliases")
    .columns(["kind", "label_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("label_aliases").ifExists().execute();
}
