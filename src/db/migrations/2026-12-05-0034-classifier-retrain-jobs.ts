/**
 * Retraining the classifier as a background job (the 「再学習」 button and the weekly retraining): one row per run,
 * with its stage, progress and result, so any of several app processes can show it. `running_slot` is 1 on the one
 * running job and null on the others: its unique index lets exactly one insert claim the slot across processes.
 * `lease_until` is moved forward by the process that trains; a job whose lease ran out (its process died) no
 * longer blocks the next one.
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
    .createTable("classifier_retrain_jobs")
    .addColumn("id", idType, id)
    // "retrain" (the button) or "weekly"
    .addColumn("source", "varchar(20)", (c) => c.notNull())
    // "running", "succeeded", "failed" or "interrupted"
    .addColumn("state", "varchar(20)", (c) => c.notNull())
    // "loading", "training", "evaluating", "saving" or "done"
    .addColumn("stage", "varchar(20)", (c) => c.notNull())
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("running_slot", "integer", (c) => c.unique())
    // which process trains it (a random id per process): only it moves the lease or finishes the job
    .addColumn("owner", "varchar(64)", (c) => c.notNull())
    .addColumn("started_by", "integer", (c) => c.references("users.id"))
    .addColumn("started_at", ts, (c) => c.notNull())
    .addColumn("heartbeat_at", ts, (c) => c.notNull())
    .addColumn("lease_until", ts, (c) => c.notNull())
    .addColumn("finished_at", ts)
    // JSON: activated, message, model id, held-back scores
    .addColumn("result", "text")
    .addColumn("error", "text")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("classifier_retrain_jobs").ifExists().execute();
}
