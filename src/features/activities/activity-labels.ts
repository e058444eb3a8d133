/** The editable lists of the activity records: qualifications, training kinds, elderly-handling measures. */
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import type { ActivityLabelKind } from "./contract.js";

export interface ActivityLabel {
  id: number;
  kind: string;
  code: string;
  name: string;
  qualifying: boolean;
  active: boolean;
  sortOrder: number;
}

type Row = {
  id: number;
  kind: string;
  code: string;
  name: string;
  qualifying: number;
  active: number;
  sort_order: number;
};
const present = (r: Row): ActivityLabel => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  qualifying: Boolean(r.qualifying),
  active: Boolean(r.active),
  sortOrder: r.sort_order,
});

export async function listActivityLabels(db: Db, kind?: ActivityLabelKind): Promise<ActivityLabel[]> {
  let q = db.selectFrom("activity_labels").selectAll().orderBy("kind").orderBy("sort_order").orderBy("id");
  if (kind) q = q.where("kind", "=", kind);
  return (await q.execute()).map(present);
}

/**
 * The label of `kind` a person named by code or name (商品 or product). A retired label is refused for new
 * records (unless the record being edited already has it: `kept`); `field` names the input in the error.
 */
export async function resolveLabel(
  db: Db,
  kind: ActivityLabelKind,
  codeOrName: string,
  field: string,
  what: string,
  kept: ReadonlySet<number> = new Set(),
): Promise<ActivityLabel> {
  const key = codeOrName.normalize("NFKC").trim();
  const rows = await listActivityLabels(db, kind);
  const hit = rows.find((r) => r.code === key) ?? rows.find((r) => r.name.normalize("NFKC") === key);
  if (!hit || !(hit.active || kept.has(hit.id))) {
    const names = rows.filter((r) => r.active).map((r) => r.name);
    throw invalidInput({ [field]: `${what}「${codeOrName}」はありません（${names.join("・")}）` });
  }
  return hit;
}

export async function createActivityLabel(
  db: Db,
  input: {
    kind: ActivityLabelKind;
    code: string;
    name: string;
    qualifying: boolean;
    active: boolean;
    sortOrder: number;
  },
): Promise<number> {
  const dup = await db
    .selectFrom("activity_labels")
    .select("id")
    .where("kind", "=", input.kind)
    .where("code", "=", input.code)
    .executeTakeFirst();
  if (dup)
    throw new AppError("conflict", "同じコードがすでにあります", { code: "同じコードがすでにあります" });
  const r = await db
    .insertInto("activity_labels")
    .values({
      kind: input.kind,
      code: input.code,
      name: input.name,
      qualifying: input.qualifying ? 1 : 0,
      active: input.active ? 1 : 0,
      sort_order: input.sortOrder,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Renames, reorders or retires a label; records keep pointing at it (old records keep their label). */
export async function updateActivityLabel(
  db: Db,
  id: number,
  patch: { name?: string; qualifying?: boolean; active?: boolean; sortOrder?: number },
): Promise<void> {
  const r = await db
    .updateTable("activity_labels")
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.qualifying !== undefined && { qualifying: patch.qualifying ? 1 : 0 }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
    })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound("項目");
}
