/** The staff roster (people who need not be koe users) and their qualifications with dates. */
import type { Db } from "../../db/database.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { resolveLabel } from "./activity-labels.js";
import type { StaffInput } from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

/** Adds a staff member with their qualifications, in the caller's transaction (all or nothing). */
export async function createStaffMember(db: Db, input: StaffInput, today: string): Promise<number> {
  assertNotFuture(input.fromDate, today, "fromDate", "在籍開始日");
  if (input.toDate && input.toDate < input.fromDate)
    throw invalidInput({ toDate: "在籍終了日は在籍開始日以降の日付にしてください" });
  if (input.departmentId !== null) {
    const d = await db
      .selectFrom("departments")
      .select("id")
      .where("id", "=", input.departmentId)
      .executeTakeFirst();
    if (!d) throw invalidInput({ departmentId: "指定の部署がありません" });
  }
  const labels: { id: number }[] = [];
  for (const [i, q] of input.qualifications.entries()) {
    assertNotFuture(q.acquiredOn, today, `qualifications.${i}.acquiredOn`, "資格の取得日");
    labels.push(
      await resolveLabel(db, "qualification", q.qualification, `qualifications.${i}.qualification`, "資格"),
    );
  }
  const staff = await db
    .insertInto("staff_members")
    .values({
      name: input.name,
      department_id: input.departmentId,
      employment_type: input.employmentType,
      from_date: input.fromDate,
      to_date: input.toDate,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.qualifications.length)
    await db
      .insertInto("staff_qualifications")
      .values(
        input.qualifications.map((q, i) => ({
          staff_id: staff.id,
          label_id: (labels[i] as { id: number }).id,
          acquired_on: q.acquiredOn,
          expires_on: q.expiresOn,
        })),
      )
      .execute();
  return staff.id;
}

export async function listStaff(db: Db) {
  const staff = await db
    .selectFrom("staff_members as s")
    .leftJoin("departments as d", "d.id", "s.department_id")
    .select([
      "s.id",
      "s.name",
      "s.department_id",
      "d.name as department_name",
      "s.employment_type",
      "s.from_date",
      "s.to_date",
    ])
    .orderBy("s.id")
    .execute();
  const quals = await db
    .selectFrom("staff_qualifications as q")
    .innerJoin("activity_labels as l", "l.id", "q.label_id")
    .select(["q.id", "q.staff_id", "l.name", "q.acquired_on", "q.expires_on"])
    .orderBy("q.acquired_on")
    .execute();
  return staff.map((s) => ({
    id: s.id,
    name: s.name,
    departmentId: s.department_id,
    departmentName: s.department_name,
    employmentType: s.employment_type,
    fromDate: s.from_date,
    toDate: s.to_date,
    qualifications: quals
      .filter((q) => q.staff_id === s.id)
      .map((q) => ({ id: q.id, name: q.name, acquiredOn: q.acquired_on, expiresOn: q.expires_on })),
  }));
}

/** Sets a staff member's leaving date (the roster keeps them for past periods). */
export async function endStaffMember(db: Db, id: number, toDate: string): Promise<void> {
  const s = await db.selectFrom("staff_members").select("from_date").where("id", "=", id).executeTakeFirst();
  if (!s) throw notFound("職員");
  if (toDate < s.from_date) throw invalidInput({ toDate: "在籍終了日は在籍開始日以降の日付にしてください" });
  await db.updateTable("staff_members").set({ to_date: toDate }).where("id", "=", id).execute();
}
