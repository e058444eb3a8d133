/** The survey kinds (加入者向け / お支払い時 / 保全対応時 / 担当者品質 / その他): an editable list like the labels. */
import type { Db } from "../../db/database.js";
import { invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { normalizeText } from "../../shared/normalize.js";
import type { SurveyKind } from "./contract.js";

const CODE_RE = /^[a-z0-9_-]{1,60}$/;

export async function listSurveyKinds(db: Db): Promise<SurveyKind[]> {
  const rows = await db.selectFrom("survey_kinds").selectAll().orderBy("sort_order").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    departmentCode: r.department_code,
    active: Boolean(r.active),
  }));
}

async function checkDepartment(db: Db, code: string | null | undefined, fields: Record<string, string>) {
  if (!code) return;
  const d = await db.selectFrom("departments").select("id").where("code", "=", code).executeTakeFirst();
  if (!d) fields.departmentCode = `「${code}」は登録されていない部署のコードです`;
}

export async function createSurveyKind(
  db: Db,
  input: { code?: string | undefined; name?: string | undefined; departmentCode?: string | null | undefined },
): Promise<SurveyKind> {
  const fields: Record<string, string> = {};
  const code = input.code?.trim() ?? "";
  if (!CODE_RE.test(code)) fields.code = "コードは半角英小文字・数字・_・- の60文字以内で入力してください";
  const name = normalizeText(input.name ?? "");
  if (name === "" || name.length > 100) fields.name = "名称は1〜100文字で入力してください";
  await checkDepartment(db, input.departmentCode, fields);
  if (!fields.code) {
    const exists = await db
      .selectFrom("survey_kinds")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirst();
    if (exists) fields.code = `コード「${code}」はすでに使われています`;
  }
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  const max = await db
    .selectFrom("survey_kinds")
    .select((eb) => eb.fn.max("sort_order").as("m"))
    .executeTakeFirst();
  await db
    .insertInto("survey_kinds")
    .values({
      code,
      name,
      department_code: input.departmentCode ?? null,
      active: 1,
      sort_order: Number(max?.m ?? 0) + 10,
      created_at: nowIso(),
    })
    .execute();
  return (await listSurveyKinds(db)).find((k) => k.code === code) as SurveyKind;
}

/** Renaming or retiring keeps the id, so old surveys keep their kind; a retired kind leaves the picker. */
export async function updateSurveyKind(
  db: Db,
  id: number,
  patch: {
    name?: string | undefined;
    departmentCode?: string | null | undefined;
    active?: boolean | undefined;
  },
): Promise<SurveyKind> {
  const fields: Record<string, string> = {};
  const set: { name?: string; department_code?: string | null; active?: number } = {};
  if (patch.name !== undefined) {
    const name = normalizeText(patch.name);
    if (name === "" || name.length > 100) fields.name = "名称は1〜100文字で入力してください";
    set.name = name;
  }
  if (patch.departmentCode !== undefined) {
    await checkDepartment(db, patch.departmentCode, fields);
    set.department_code = patch.departmentCode || null;
  }
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  if (Object.keys(set).length === 0) throw invalidInput({}, "変更する項目がありません");
  const r = await db.updateTable("survey_kinds").set(set).where("id", "=", id).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw notFound("アンケートの種類");
  return (await listSurveyKinds(db)).find((k) => k.id === id) as SurveyKind;
}
