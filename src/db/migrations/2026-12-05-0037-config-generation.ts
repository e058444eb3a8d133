/**
 * A counter that moves whenever the taxonomy (labels, departments) or the settings every request reads change, so
 * each app process can keep them in memory and know, from one column of the session's own query, when its copy is
 * out of date (services/config-cache.ts). Triggers move it, so every writer counts: the admin screens, the CLI,
 * a restore, another process. Only the settings keys the cache holds move it: the settings table also keeps job
 * cursors and claims that change often and would empty the cache for nothing.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code (the keys of getSettings() and getInsurerReportRule() as
// of this migration; config-cache.test.ts checks that each of them moves the generation).
const CACHED_SETTINGS = [
  "fiscalYearStartMonth",
  "deadlineRules",
  "userDictionary",
  "sessionIdleMinutes",
  "sessionAbsoluteHours",
  "insurerReportRule",
];
const TABLES = ["taxonomy_labels", "departments"];
const BUMP = "update config_generation set generation = generation + 1 where id = 1";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("config_generation")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("generation", "bigint", (c) => c.notNull())
    .execute();
  await db.insertInto("config_generation").values({ id: 1, generation: 1 }).execute();
  const keys = CACHED_SETTINGS.map((k) => `'${k}'`).join(", ");
  if (pg) {
    await sql
      .raw(
        `create function koe_bump_config_generation() returns trigger language plpgsql as $$
         begin ${BUMP}; return null; end $$`,
      )
      .execute(db);
    for (const table of TABLES) {
      await sql
        .raw(
          `create trigger koe_config_${table} after insert or update or delete or truncate on ${table}
           for each statement execute function koe_bump_config_generation()`,
        )
        .execute(db);
    }
    const row = (event: string, when: string) =>
      sql
        .raw(
          `create trigger koe_config_settings_${event} after ${event} on settings for each row
           when (${when}) execute function koe_bump_config_generation()`,
        )
        .execute(db);
    await row("insert", `new.key in (${keys})`);
    await row("update", `new.key in (${keys}) or old.key in (${keys})`);
    await row("delete", `old.key in (${keys})`);
    await sql
      .raw(
        "create trigger koe_config_settings_truncate after truncate on settings for each statement execute function koe_bump_config_generation()",
      )
      .execute(db);
    return;
  }
  for (const table of TABLES)
    for (const event of ["insert", "update", "delete"])
      await sql
        .raw(`create trigger koe_config_${table}_${event} after ${event} on ${table} begin ${BUMP}; end`)
        .execute(db);
  const when = { insert: `new.key in (${keys})`, update: `new.key in (${keys}) or old.key in (${keys})` };
  for (const [event, condition] of Object.entries({ ...when, delete: `old.key in (${keys})` }))
    await sql
      .raw(
        `create trigger koe_config_settings_${event} after ${event} on settings when ${condition} begin ${BUMP}; end`,
      )
      .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    for (const table of TABLES)
      await sql.raw(`drop trigger if exists koe_config_${table} on ${table}`).execute(db);
    for (const event of ["insert", "update", "delete", "truncate"])
      await sql.raw(`drop trigger if exists koe_config_settings_${event} on settings`).execute(db);
    await sql.raw("drop function if exists koe_bump_config_generation()").execute(db);
  } else {
    for (const table of TABLES)
      for (const event of ["insert", "update", "delete"])
        await sql.raw(`drop trigger if exists koe_config_${table}_${event}`).execute(db);
    for (const event of ["insert", "update", "delete"])
      await sql.raw(`drop trigger if exists koe_config_settings_${event}`).execute(db);
  }
  await db.schema.dropTable("config_generation").ifExists().execute();
}
