/**
 * Analytics: a period's counts and handling figures read from indexes instead of the voices' rows. A period is a
 * range of received_at; each index starts with it (or with the type, then it) and holds every column its query
 * groups or filters by, so a fiscal year of 1,000,000 voices is counted from ~65,000 index entries. Measured in
 * docs/decisions.md ("Analytics: covering indexes, not a rollup table") and docs/performance.md.
 * - voices_received_counts: counts by type, category, channel, department, status, product line, priority, and
 *   the customer's attributes through customer_id;
 * - voices_handling: only voices with a deadline (a praise has none): acknowledged/resolved within the deadline;
 * - voices_type_closed: complaints and requests closed, for the median business days from receipt to close;
 * - voice_events_kind_voice: the reopen events (再開) without reading every timeline.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this migration never imports app code.
interface IndexSpec {
  name: string;
  /** the columns the index is ordered by */
  keys: string[];
  /** carried along for index-only reads (PostgreSQL INCLUDE; appended to the keys on SQLite) */
  covered: string[];
  where?: string;
}

const INDEXES: IndexSpec[] = [
  {
    name: "voices_received_counts",
    keys: ["received_at"],
    covered: [
      "type_id",
      "category_id",
      "channel_id",
      "department_id",
      "status",
      "product_line_id",
      "priority",
      "customer_id",
    ],
  },
  {
    name: "voices_handling",
    keys: ["received_at"],
    covered: [
      "department_id",
      "type_id",
      "category_id",
      "channel_id",
      "status",
      "acknowledge_by",
      "acknowledged_at",
      "resolve_by",
      "resolved_at",
      "closed_at",
    ],
    where: "acknowledge_by is not null or resolve_by is not null",
  },
  {
    name: "voices_type_closed",
    keys: ["type_id", "received_at"],
    covered: ["status", "department_id", "closed_at"],
  },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const ix of INDEXES) {
    // PostgreSQL's INCLUDE keeps the carried columns out of the tree's ordering: a smaller tree, the same reads.
    const columns = pg
      ? `(${ix.keys.join(", ")}) include (${ix.covered.join(", ")})`
      : `(${[...ix.keys, ...ix.covered].join(", ")})`;
    const where = ix.where ? ` where ${ix.where}` : "";
    await sql.raw(`create index if not exists ${ix.name} on voices ${columns}${where}`).execute(db);
  }
  await db.schema
    .createIndex("voice_events_kind_voice")
    .ifNotExists()
    .on("voice_events")
    .columns(["kind", "voice_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("voice_events_kind_voice").ifExists().execute();
  for (const ix of [...INDEXES].reverse()) await db.schema.dropIndex(ix.name).ifExists().execute();
}
