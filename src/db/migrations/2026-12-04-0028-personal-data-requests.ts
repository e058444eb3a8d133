/**
 * APPI requests (保有個人データの開示・訂正・利用停止・消去): each request handled is recorded (who, when, what was
 * found and done), and a customer record whose personal fields were erased says when, so screens can tell
 * 「消去済み」 from a voice that never had a customer.
 */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  await db.schema
    .createTable("personal_data_requests")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    // disclosure | correction | stop_use | erasure
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    // member_number | phone | email: how the customer was found; the value itself is kept masked only
    .addColumn("lookup_kind", "varchar(20)", (c) => c.notNull())
    .addColumn("lookup_masked", "varchar(200)", (c) => c.notNull())
    .addColumn("customers_found", "integer", (c) => c.notNull())
    .addColumn("voices_found", "integer", (c) => c.notNull())
    .addColumn("answers_found", "integer", (c) => c.notNull())
    // when the request reached the organisation (as the member dated it) and free notes, e.g. how identity was checked
    .addColumn("received_on", "varchar(10)", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("handled_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("handled_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.alterTable("customers").addColumn("erased_at", ts).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("customers").dropColumn("erased_at").execute();
  await db.schema.dropTable("personal_data_requests").execute();
}
