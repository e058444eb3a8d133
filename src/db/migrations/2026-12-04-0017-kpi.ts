/**
 * Customer-first KPIs and the activity records they count (issue 14): the staff roster and qualifications,
 * trainings, events, monthly business figures from other systems, inspections and audits, elderly-customer
 * handling and intent-confirmation records; the KPI register (themes, KPIs, per-period entries).
 * Editable lists (qualifications, training kinds, elderly-handling measures) live in activity_labels.
 */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
const label = (kind: string, code: string, name: string, sort_order: number, qualifying = 0) => ({
  kind,
  code,
  name,
  qualifying,
  active: 1,
  sort_order,
});
const DEFAULT_LABELS = [
  label("qualification", "fp1", "FP技能士1級", 1, 1),
  label("qualification", "fp2", "FP技能士2級", 2, 1),
  label("qualification", "fp3", "FP技能士3級", 3),
  label("qualification", "afp", "AFP", 4, 1),
  label("qualification", "cfp", "CFP", 5, 1),
  label("qualification", "nonlife_univ", "損保大学課程", 6),
  label("qualification", "life_univ", "生保大学課程", 7),
  label("training_kind", "practice", "実務", 1),
  label("training_kind", "product", "商品", 2),
  label("training_kind", "manners", "マナー", 3),
  label("training_kind", "compliance", "コンプライアンス", 4),
  label("training_kind", "other", "その他", 5),
  label("elderly_measure", "relative_present", "親族同席", 1),
  label("elderly_measure", "multiple_agents", "複数募集人", 2),
  label("elderly_measure", "multiple_meetings", "複数回面談", 3),
  label("elderly_measure", "phone_check", "電話での確認", 4),
];
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const date = "varchar(10)";

  await db.schema
    .createTable("activity_labels")
    .addColumn("id", idType, id)
    // qualification | training_kind | elderly_measure
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("code", "varchar(50)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    // qualification: counts as a professional qualification (FP技能士2級以上 and equivalents)
    .addColumn("qualifying", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("activity_labels_kind_code", ["kind", "code"])
    .execute();
  // The lists every organization starts with (issue 14); each renames, adds and retires its own.
  await db.insertInto("activity_labels").values(DEFAULT_LABELS).execute();

  await db.schema
    .createTable("staff_members")
    .addColumn("id", idType, id)
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.references("departments.id"))
    // full_time | part_time (定時職員) | contract | other
    .addColumn("employment_type", "varchar(30)", (c) => c.notNull())
    .addColumn("from_date", date, (c) => c.notNull())
    .addColumn("to_date", date)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("staff_qualifications")
    .addColumn("id", idType, id)
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff_members.id").onDelete("cascade"))
    .addColumn("label_id", "integer", (c) => c.notNull().references("activity_labels.id"))
    .addColumn("acquired_on", date, (c) => c.notNull())
    .addColumn("expires_on", date)
    .execute();
  await db.schema
    .createIndex("staff_qualifications_staff")
    .on("staff_qualifications")
    .column("staff_id")
    .execute();

  await db.schema
    .createTable("trainings")
    .addColumn("id", idType, id)
    .addColumn("held_on", date, (c) => c.notNull())
    .addColumn("kind_id", "integer", (c) => c.notNull().references("activity_labels.id"))
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("attendees", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("trainings_held_on").on("trainings").column("held_on").execute();

  await db.schema
    .createTable("outreach_events")
    .addColumn("id", idType, id)
    .addColumn("held_on", date, (c) => c.notNull())
    // event | seminar | consultation_session
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("attendance", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outreach_events_held_on").on("outreach_events").column("held_on").execute();

  // One row per month, metric and line: a count (numerator) or a rate (numerator over denominator).
  await db.schema
    .createTable("business_figures")
    .addColumn("id", idType, id)
    .addColumn("month", "varchar(7)", (c) => c.notNull())
    // consultations | new_contracts | early_lapses | renewals
    .addColumn("metric", "varchar(30)", (c) => c.notNull())
    // the line of business for renewals (自動車, 火災); '' when the metric has none
    .addColumn("line", "varchar(50)", (c) => c.notNull().defaultTo(""))
    .addColumn("numerator", "integer", (c) => c.notNull())
    .addColumn("denominator", "integer")
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("business_figures_month_metric_line", ["month", "metric", "line"])
    .execute();

  await db.schema
    .createTable("audits")
    .addColumn("id", idType, id)
    .addColumn("held_on", date, (c) => c.notNull())
    // self (自主点検) | internal (内部監査) | external (外部監査)
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("auditor", "varchar(200)", (c) => c.notNull())
    .addColumn("findings", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audits_held_on").on("audits").column("held_on").execute();

  await db.schema
    .createTable("audit_items")
    .addColumn("id", idType, id)
    .addColumn("audit_id", "integer", (c) => c.notNull().references("audits.id").onDelete("cascade"))
    .addColumn("content", "text", (c) => c.notNull())
    // the improvement task it became, when the improvements feature exists (no foreign key: it may not)
    .addColumn("improvement_id", "integer")
    .execute();
  await db.schema.createIndex("audit_items_audit").on("audit_items").column("audit_id").execute();

  await db.schema
    .createTable("elderly_handlings")
    .addColumn("id", idType, id)
    .addColumn("handled_on", date, (c) => c.notNull())
    // a reference without personal data (契約番号の下4桁, 受付番号…)
    .addColumn("customer_ref", "varchar(100)", (c) => c.notNull())
    .addColumn("staff_name", "varchar(100)", (c) => c.notNull())
    // JSON array of activity_labels codes of kind elderly_measure
    .addColumn("measures", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("elderly_handlings_on").on("elderly_handlings").column("handled_on").execute();

  await db.schema
    .createTable("intent_records")
    .addColumn("id", idType, id)
    .addColumn("recorded_on", date, (c) => c.notNull())
    .addColumn("customer_ref", "varchar(100)", (c) => c.notNull())
    .addColumn("staff_name", "varchar(100)")
    .addColumn("initial_intent", "text")
    .addColumn("final_intent", "text")
    .addColumn("product", "varchar(200)")
    .addColumn("reason", "text")
    .addColumn("intent_changed_reason", "text")
    .addColumn("customer_confirmed_on", date)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("intent_records_on").on("intent_records").column("recorded_on").execute();

  await db.schema
    .createTable("kpi_themes")
    .addColumn("id", idType, id)
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("retired_at", ts)
    .execute();

  await db.schema
    .createTable("kpis")
    .addColumn("id", idType, id)
    .addColumn("theme_id", "integer", (c) => c.notNull().references("kpi_themes.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    // 名 | 回 | 件 | %
    .addColumn("unit", "varchar(4)", (c) => c.notNull())
    // a source code of the KPI source registry (src/features/kpi/sources.ts), or 'manual'
    .addColumn("source", "varchar(50)", (c) => c.notNull())
    // JSON: the source's parameters (training kinds, department, survey kind…)
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("target", "varchar(200)")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("retired_at", ts)
    .execute();

  // Per KPI and reporting period ('2023'): a hand-entered value with its evidence, and the narrative.
  await db.schema
    .createTable("kpi_entries")
    .addColumn("id", idType, id)
    .addColumn("kpi_id", "integer", (c) => c.notNull().references("kpis.id"))
    .addColumn("period_key", "varchar(20)", (c) => c.notNull())
    .addColumn("value", "double precision")
    // JSON array of {label, value} for a hand-entered breakdown
    .addColumn("breakdown", "text")
    .addColumn("evidence", "text")
    .addColumn("narrative", "text")
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("kpi_entries_kpi_period", ["kpi_id", "period_key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "kpi_entries",
    "kpis",
    "kpi_themes",
    "intent_records",
    "elderly_handlings",
    "audit_items",
    "audits",
    "business_figures",
    "outreach_events",
    "trainings",
    "staff_qualifications",
    "staff_members",
    "activity_labels",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
