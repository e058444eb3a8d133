/** The active users as the role rules read them (id, role, department) with their names; a few hundred at most. */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/roles.js";
import type { Role } from "../../shared/api-contract.js";

export type ActiveUser = Actor & { name: string; email: string };

export async function activeUsers(db: Db): Promise<ActiveUser[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "department_id"])
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    departmentId: r.department_id,
  }));
}
