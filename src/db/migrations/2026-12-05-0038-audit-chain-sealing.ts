/**
 * The audit log's chain is linked just after its entries are written, not while they are (services/audit.ts):
 * recording a view became one insert, and the chain's lock, its last hash and the links are taken by a sealing
 * step that runs right after, off the request's path. Under the load bench's 200 sessions the chain's five round
 * trips per group were the largest wait in opening and registering a voice.
 *
 * Entries are linked in the order they are sealed, which is not always their id order (a transaction that
 * commits late gets sealed after entries with higher ids): `chain_seq` is that order, and verification walks it.
 * Entries chained so far keep their id as their place. Entries not yet sealed have no hashes; an index finds them.
 */
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("chain_seq", "integer").execute();
  await db
    .updateTable("audit_log")
    .set({ chain_seq: sql.ref("id") })
    .where("hash", "is not", null)
    .execute();
  await db.schema.createIndex("audit_log_chain_seq").on("audit_log").column("chain_seq").unique().execute();
  await db.schema
    .createIndex("audit_log_unsealed")
    .on("audit_log")
    .column("id")
    .where(sql.ref("hash"), "is", null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_unsealed").execute();
  await db.schema.dropIndex("audit_log_chain_seq").execute();
  await db.schema.alterTable("audit_log").dropColumn("chain_seq").execute();
}
