/** The spine's schema: labels, departments, users, sessions, customers, voices, timeline, audit, settings. */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  const date = pg ? sql`date` : sql`text`;
  const idType = pg ? "serial" : "integer";
  const yes = pg ? sql`true` : sql`1`;
  const no = pg ? sql`false` : sql`0`;
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("departments")
    .addColumn("id", idType, id)
    .addColumn("code", "varchar(60)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("active", bool, (c) => c.notNull().defaultTo(yes))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("taxonomy_labels")
    .addColumn("id", idType, id)
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("code", "varchar(60)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("description", "varchar(300)")
    .addColumn("active", bool, (c) => c.notNull().defaultTo(yes))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("taxonomy_labels_kind_code", ["kind", "code"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", idType, id)
    .addColumn("email", "varchar(200)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("role", "varchar(20)", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    .addColumn("password_hash", "varchar(300)", (c) => c.notNull())
    .addColumn("active", bool, (c) => c.notNull().defaultTo(yes))
    .addColumn("locked_until", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", idType, id)
    .addColumn("email", "varchar(200)", (c) => c.notNull())
    .addColumn("at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_failures_email_at")
    .on("login_failures")
    .columns(["email", "at"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "varchar(100)", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "varchar(100)", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("ip", "varchar(100)")
    .execute();

  await db.schema
    .createTable("customers")
    .addColumn("id", idType, id)
    .addColumn("name", "varchar(100)")
    .addColumn("kana", "varchar(100)")
    .addColumn("member_number", "varchar(40)")
    .addColumn("phone", "varchar(40)")
    .addColumn("email", "varchar(200)")
    .addColumn("prefecture", "varchar(10)")
    .addColumn("address", "varchar(300)")
    .addColumn("age_band", "varchar(20)")
    .addColumn("gender", "varchar(20)")
    .addColumn("contact_consent", bool, (c) => c.notNull().defaultTo(no))
    .execute();

  await db.schema
    .createTable("voices")
    .addColumn("id", idType, id)
    .addColumn("receipt_number", "varchar(20)", (c) => c.notNull().unique())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("received_at", ts, (c) => c.notNull())
    .addColumn("channel_id", "integer", (c) => c.notNull().references("taxonomy_labels.id"))
    .addColumn("type_id", "integer", (c) => c.notNull().references("taxonomy_labels.id"))
    .addColumn("category_id", "integer", (c) => c.references("taxonomy_labels.id"))
    .addColumn("product_line_id", "integer", (c) => c.references("taxonomy_labels.id"))
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("remedy_sought", "text")
    .addColumn("customer_id", "integer", (c) => c.references("customers.id"))
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("priority", "varchar(10)", (c) => c.notNull().defaultTo("normal"))
    .addColumn("assignee_id", "integer", (c) => c.references("users.id"))
    .addColumn("acknowledge_by", date)
    .addColumn("resolve_by", date)
    .addColumn("acknowledged_at", ts)
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolved_at", ts)
    .addColumn("closed_at", ts)
    .addColumn("void_reason", "text")
    .addColumn("response_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("insurer_name", "varchar(100)")
    .addColumn("insurer_reported_at", ts)
    .addColumn("insurer_answer", "text")
    .addColumn("external_id", "varchar(100)")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The list pages sort by received_at within a filter; one index per common leading filter.
  await db.schema.createIndex("voices_received_at").on("voices").columns(["received_at", "id"]).execute();
  await db.schema
    .createIndex("voices_type_received")
    .on("voices")
    .columns(["type_id", "received_at"])
    .execute();
  await db.schema
    .createIndex("voices_status_received")
    .on("voices")
    .columns(["status", "received_at"])
    .execute();
  await db.schema
    .createIndex("voices_department_received")
    .on("voices")
    .columns(["department_id", "received_at"])
    .execute();
  await db.schema
    .createIndex("voices_assignee_status")
    .on("voices")
    .columns(["assignee_id", "status", "resolve_by"])
    .execute();
  await db.schema
    .createIndex("voices_category_received")
    .on("voices")
    .columns(["category_id", "received_at"])
    .execute();
  await db.schema
    .createIndex("voices_channel_received")
    .on("voices")
    .columns(["channel_id", "received_at"])
    .execute();
  // Covering index for yearly counts by type and category (see MEASUREMENTS.md).
  await db.schema
    .createIndex("voices_fy_type_category")
    .on("voices")
    .columns(["fiscal_year", "type_id", "category_id"])
    .execute();
  await db.schema.createIndex("voices_external_id").on("voices").column("external_id").execute();

  await db.schema
    .createTable("voice_events")
    .addColumn("id", idType, id)
    .addColumn("voice_id", "integer", (c) => c.notNull().references("voices.id"))
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("voice_events_voice").on("voice_events").columns(["voice_id", "id"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", idType, id)
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "varchar(40)", (c) => c.notNull())
    .addColumn("voice_id", "integer")
    .addColumn("detail", "text")
    .addColumn("ip", "varchar(100)")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_voice").on("audit_log").column("voice_id").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "varchar(60)", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("receipt_counters")
    .addColumn("fiscal_year", "integer", (c) => c.primaryKey())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "receipt_counters",
    "settings",
    "audit_log",
    "voice_events",
    "voices",
    "customers",
    "sessions",
    "login_failures",
    "users",
    "taxonomy_labels",
    "departments",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
