/** The staff roster (people who need not be koe users) and their qualifications with dates. */
import type { Db } from "../../db/database.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { resolveLabel } from "./activity-labels.js";
import type { StaffInput } from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

/** Checks a roster entry as typed and resolves its qualifications' labels (nothing is written). */
async function checkStaffInput(
  db: Db,
  input: StaffInput,
  today: string,
  kept: ReadonlySet<number> = new Set(),
): Promise<{ id: number }[]> {
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
      await resolveLabel(
        db,
        "qualification",
        q.qualification,
        `qualifications.${i}.qualification`,
        "資格",
        kept,
      ),
    );
  }
  return labels;
}

async function insertQualifications(db: Db, staffId: number, input: StaffInput, labels: { id: number }[]) {
  if (input.qualifications.length)
    await db
      .insertInto("staff_qualifications")
      .values(
        input.qualifications.map((q, i) => ({
          staff_id: staffId,
          label_id: (labels[i] as { id: number }).id,
          acquired_on: q.acquiredOn,
          expires_on: q.expiresOn,
        })),
      )
      .execute();
}

/** Adds a staff member with their qualifications, in the caller's transaction (all or nothing). */
export async function createStaffMember(db: Db, input: StaffInput, today: string): Promise<number> {
  const labels = await checkStaffInput(db, input, today);
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
  await insertQualifications(db, staff.id, input, labels);
  return staff.id;
}

/**
 * Replaces a roster entry as edited (name, department, employment, dates and the full list of qualifications),
 * in the caller's transaction: a bad field changes nothing. Past periods recount from the edited facts.
 */
export async function updateStaffMember(db: Db, id: number, input: StaffInput, today: string): Promise<void> {
  const s = await db.selectFrom("staff_members").select("id").where("id", "=", id).executeTakeFirst();
  if (!s) throw notFound("職員");
  // a qualification whose label was retired since stays on the person it was recorded for
  const held = await db
    .selectFrom("staff_qualifications")
    .select("label_id")
    .where("staff_id", "=", id)
    .execute();
  const labels = await checkStaffInput(db, input, today, new Set(held.map((h) => h.label_id)));
  await db
    .updateTable("staff_members")
    .set({
      name: input.name,
      department_id: input.departmentId,
      employment_type: input.employmentType,
      from_date: input.fromDate,
      to_date: input.toDate,
    })
    .where("id", "=", id)
    .execute();
  await db.deleteFrom("staff_qualifications").where("staff_id", "=", id).execute();
  await insertQualifications(db, id, input, labels);
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
