/**
 * The CS committee (CS向上委員会): committees defined by admins, their meetings with attendees, the agenda koe
 * proposes (edited by the secretary), and the decisions per agenda item that create or update improvements.
 */
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
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("committees")
    .addColumn("id", idType, id)
    .addColumn("name", "varchar(100)", (c) => c.notNull().unique())
    .addColumn("description", "varchar(300)")
    .addColumn("active", bool, (c) => c.notNull().defaultTo(yes))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("meetings")
    .addColumn("id", idType, id)
    .addColumn("committee_id", "integer", (c) => c.notNull().references("committees.id"))
    .addColumn("held_on", date, (c) => c.notNull())
    // the agenda covers voices received from this day (the day after the previous meeting) to held_on
    .addColumn("since", date, (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meetings_committee_held")
    .on("meetings")
    .columns(["committee_id", "held_on"])
    .execute();

  await db.schema
    .createTable("meeting_attendees")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("meeting_attendees_pk", ["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("meeting_agenda_items")
    .addColumn("id", idType, id)
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(30)", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // what koe found (voice ids, counts, rising words, improvement ids), JSON
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_agenda_items_meeting")
    .on("meeting_agenda_items")
    .columns(["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", idType, id)
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id"))
    .addColumn("agenda_item_id", "integer", (c) => c.references("meeting_agenda_items.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("improvement_id", "integer", (c) => c.references("improvements.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_decisions_meeting")
    .on("meeting_decisions")
    .columns(["meeting_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "meeting_decisions",
    "meeting_agenda_items",
    "meeting_attendees",
    "meetings",
    "committees",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
