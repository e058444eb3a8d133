/** Channels: public form receipts (hashed check codes), API tokens (hashed) and idempotency keys of the voice API. */
import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this migration never imports app code, and knows both dialects itself.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? "timestamptz" : "text";
  const idType = pg ? "serial" : "integer";
  // biome-ignore lint/suspicious/noExplicitAny: column builder callback from Kysely
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  // One row per voice sent through the public form: the member proves it is theirs with the check code.
  await db.schema
    .createTable("public_receipts")
    .addColumn("voice_id", "integer", (c) => c.primaryKey().references("voices.id"))
    .addColumn("code_hash", "varchar(100)", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", idType, id)
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("token_hash", "varchar(100)", (c) => c.notNull().unique())
    .addColumn("token_prefix", "varchar(20)", (c) => c.notNull())
    .addColumn("scopes", "varchar(200)", (c) => c.notNull())
    // the hidden service user the token acts as (audit, created_by, idempotency keys)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("last_used_at", ts)
    .addColumn("revoked_at", ts)
    .execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("id", idType, id)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("idem_key", "varchar(200)", (c) => c.notNull())
    // null while the first request is still running
    .addColumn("voice_id", "integer", (c) => c.references("voices.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("idempotency_keys_user_key", ["user_id", "idem_key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["idempotency_keys", "api_tokens", "public_receipts"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
