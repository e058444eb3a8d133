/**
 * Two guarantees the database itself now keeps (issue 17):
 * - A tamper-evident audit log: each entry stores the hash of the entry before it (`prev_hash`) and the hash of that
 *   and its own content (`hash`), so changing, inserting or deleting an older entry breaks every link after it.
 *   Existing entries are chained here in id order.
 * - 外部ID unique: one voice per id of the system it came from (ids carry their source, e.g. `survey:3:answer:9`),
 *   so two imports at once cannot both add it. Many voices may have none (NULLs never collide on either engine).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";

// Frozen in time: this migration never imports app code. The hash below must stay the one in
// src/services/audit-chain.ts at the time of writing (a test checks that backfilled chains verify).
const GENESIS = "0".repeat(64);

interface Row {
  id: number;
  at: string | Date;
  user_id: number | null;
  action: string;
  voice_id: number | null;
  detail: string | null;
  ip: string | null;
}

function entryHash(prev: string, r: Row): string {
  const at = r.at instanceof Date ? r.at.toISOString() : String(r.at);
  const content = JSON.stringify([prev, at, r.user_id, r.action, r.voice_id, r.detail, r.ip]);
  return createHash("sha256").update(content, "utf8").digest("hex");
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
async function backfill(trx: Kysely<any>): Promise<void> {
  let prev = GENESIS;
  let after = 0;
  for (;;) {
    const rows: Row[] = await trx
      .selectFrom("audit_log")
      .select(["id", "at", "user_id", "action", "voice_id", "detail", "ip"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      const hash = entryHash(prev, r);
      await trx.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", r.id).execute();
      prev = hash;
      after = r.id;
    }
  }
}

/** Stops the migration, in Japanese, when voices already share a 外部ID: which one to keep is a person's call. */
// biome-ignore lint/suspicious/noExplicitAny: see backfill()
async function refuseDuplicateExternalIds(db: Kysely<any>): Promise<void> {
  const dups: { external_id: string }[] = await db
    .selectFrom("voices")
    .select("external_id")
    .where("external_id", "is not", null)
    .groupBy("external_id")
    .having((eb) => eb.fn.countAll(), ">", 1)
    .limit(10)
    .execute();
  if (dups.length === 0) return;
  const ids = dups.map((d) => `『${d.external_id}』`).join("、");
  throw new Error(
    `外部IDが同じ声が複数あります（${ids}${dups.length === 10 ? "など" : ""}）。重複した声の外部IDを直すか取り消してから、もう一度起動してください`,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see backfill()
export async function up(db: Kysely<any>): Promise<void> {
  await refuseDuplicateExternalIds(db);
  await db.schema.dropIndex("voices_external_id").execute();
  await db.schema
    .createIndex("voices_external_id_unique")
    .on("voices")
    .column("external_id")
    .unique()
    .execute();
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "varchar(64)").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "varchar(64)").execute();
  // PostgreSQL runs each migration in a transaction already; SQLite does not, and one transaction makes the
  // backfill both atomic and fast.
  if (db.isTransaction) await backfill(db);
  else await db.transaction().execute(backfill);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("voices_external_id_unique").execute();
  await db.schema.createIndex("voices_external_id").on("voices").column("external_id").execute();
  await db.schema.alterTable("audit_log").dropColumn("hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute();
}
