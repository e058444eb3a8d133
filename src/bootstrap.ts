/** Prepares a database for use: migrations, default labels, and the first admin on an empty database. */
import { randomBytes } from "node:crypto";
import { type KoeDatabase, migrateToLatest } from "./db/database.js";
import { seedTaxonomy } from "./features/users-and-settings/taxonomy.js";
import { countUsers, createUser } from "./features/users-and-settings/users.js";

export interface BootstrapResult {
  migrations: string[];
  /** set when this run created the first admin */
  createdAdmin: { email: string; password: string; generated: boolean } | null;
}

export async function prepareDatabase(
  kdb: KoeDatabase,
  admin: { email: string | null; password: string | null } = { email: null, password: null },
): Promise<BootstrapResult> {
  const migrations = await migrateToLatest(kdb.db);
  await seedTaxonomy(kdb.db);
  let createdAdmin: BootstrapResult["createdAdmin"] = null;
  if ((await countUsers(kdb.db)) === 0) {
    const email = admin.email ?? "admin@koe.local";
    const generated = !admin.password;
    const password = admin.password ?? randomBytes(12).toString("base64url");
    await createUser(kdb.db, { email, name: "管理者", role: "admin", departmentId: null, password });
    createdAdmin = { email, password, generated };
  }
  return { migrations, createdAdmin };
}
