/** Labels (types, categories, channels, product lines) and departments: seeding, listing, editing, resolving. */

import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { DEFAULT_DEPARTMENTS, DEFAULT_TAXONOMY } from "../../domain/taxonomy-defaults.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { configCacheOf, forgetConfig } from "../../services/config-cache.js";
import {
  type Department,
  type Label,
  TAXONOMY_KINDS,
  type Taxonomy,
  type TaxonomyKind,
} from "../../shared/api-contract.js";
import { normalizeText } from "../../shared/normalize.js";

export const KIND_LABELS_JA: Record<TaxonomyKind | "department", string> = {
  type: "種別",
  category: "分類",
  channel: "受付チャネル",
  product_line: "商品",
  department: "部署",
};

/** Inserts the default labels and departments that are missing (idempotent). */
export async function seedTaxonomy(db: Db): Promise<void> {
  const at = nowIso();
  for (const kind of TAXONOMY_KINDS) {
    for (const l of DEFAULT_TAXONOMY[kind]) {
      await db
        .insertInto("taxonomy_labels")
        .values({
          kind,
          code: l.code,
          name: l.name,
          description: l.description ?? null,
          active: 1,
          sort_order: l.sortOrder,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(["kind", "code"]).doNothing())
        .execute();
    }
  }
  for (const d of DEFAULT_DEPARTMENTS) {
    await db
      .insertInto("departments")
      .values({ code: d.code, name: d.name, active: 1, sort_order: d.sortOrder, created_at: at })
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
  forgetConfig(db);
}

export async function loadTaxonomy(db: Db): Promise<Taxonomy> {
  // One statement for labels and departments: nearly every request reads the taxonomy.
  const rows = await db
    .selectFrom("taxonomy_labels")
    .select(["id", "kind", "code", "name", "active", "sort_order"])
    .unionAll(
      db
        .selectFrom("departments")
        .select(["id", sql<string>`'department'`.as("kind"), "code", "name", "active", "sort_order"]),
    )
    .execute();
  rows.sort((a, b) => Number(a.sort_order) - Number(b.sort_order) || a.id - b.id);
  const out: Taxonomy = { type: [], category: [], channel: [], product_line: [], departments: [] };
  for (const l of rows) {
    const entry = { id: l.id, code: l.code, name: l.name, active: Boolean(l.active) };
    if (l.kind === "department") out.departments.push(entry satisfies Department);
    else out[l.kind as TaxonomyKind]?.push(entry satisfies Label);
  }
  return out;
}

/** An in-memory lookup of one taxonomy snapshot: resolves a code, a name or an id to a label. */
export class TaxonomyIndex {
  constructor(readonly taxonomy: Taxonomy) {}

  list(kind: TaxonomyKind | "department"): (Label | Department)[] {
    return kind === "department" ? this.taxonomy.departments : this.taxonomy[kind];
  }

  find(kind: TaxonomyKind | "department", value: string | number): Label | Department | null {
    const list = this.list(kind);
    if (typeof value === "number") return list.find((l) => l.id === value) ?? null;
    const v = normalizeText(value);
    return list.find((l) => l.code === v) ?? list.find((l) => normalizeText(l.name) === v) ?? null;
  }

  byId(kind: TaxonomyKind | "department", id: number | null): Label | Department | null {
    if (id === null) return null;
    return this.list(kind).find((l) => l.id === id) ?? null;
  }
}

/** The taxonomy as a lookup, kept in memory until it changes (services/config-cache.ts); never modify it. */
export async function taxonomyIndex(db: Db): Promise<TaxonomyIndex> {
  return configCacheOf(db).read(db, "taxonomy", async (d) => new TaxonomyIndex(await loadTaxonomy(d)));
}

const CODE_RE = /^[a-z0-9_-]{1,60}$/;

function checkLabelInput(input: { code?: string; name?: string }, creating: boolean): Record<string, string> {
  const fields: Record<string, string> = {};
  if (creating || input.code !== undefined) {
    if (!input.code || !CODE_RE.test(input.code))
      fields.code = "コードは半角英小文字・数字・_・- の60文字以内で入力してください";
  }
  if (creating || input.name !== undefined) {
    const name = input.name?.trim() ?? "";
    if (name.length === 0 || name.length > 100) fields.name = "名称は1〜100文字で入力してください";
  }
  return fields;
}

export async function createLabel(
  db: Db,
  kind: TaxonomyKind,
  input: { code: string; name: string },
): Promise<Label> {
  const fields = checkLabelInput(input, true);
  if (Object.keys(fields).length) throw invalidInput(fields);
  const exists = await db
    .selectFrom("taxonomy_labels")
    .select("id")
    .where("kind", "=", kind)
    .where("code", "=", input.code)
    .executeTakeFirst();
  if (exists) throw invalidInput({ code: `コード「${input.code}」はすでに使われています` });
  const max = await db
    .selectFrom("taxonomy_labels")
    .select((eb) => eb.fn.max("sort_order").as("m"))
    .where("kind", "=", kind)
    .executeTakeFirst();
  const row = await db
    .insertInto("taxonomy_labels")
    .values({
      kind,
      code: input.code,
      name: normalizeText(input.name),
      description: null,
      active: 1,
      sort_order: Number(max?.m ?? 0) + 1,
      created_at: nowIso(),
    })
    .returning(["id", "code", "name", "active"])
    .executeTakeFirstOrThrow();
  forgetConfig(db);
  return { ...row, active: Boolean(row.active) };
}

/** Renaming or retiring keeps the label's id, so old voices stay readable; retired labels leave the pickers. */
export async function updateLabel(
  db: Db,
  kind: TaxonomyKind,
  id: number,
  patch: { name?: string; active?: boolean },
): Promise<Label> {
  const fields = checkLabelInput(patch, false);
  if (Object.keys(fields).length) throw invalidInput(fields);
  const set: { name?: string; active?: number } = {};
  if (patch.name !== undefined) set.name = normalizeText(patch.name);
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(set).length === 0) throw invalidInput({}, "変更する項目がありません");
  const row = await db
    .updateTable("taxonomy_labels")
    .set(set)
    .where("kind", "=", kind)
    .where("id", "=", id)
    .returning(["id", "code", "name", "active"])
    .executeTakeFirst();
  forgetConfig(db);
  if (!row) throw notFound(KIND_LABELS_JA[kind]);
  return { ...row, active: Boolean(row.active) };
}

export async function createDepartment(db: Db, input: { code: string; name: string }): Promise<Department> {
  const fields = checkLabelInput(input, true);
  if (Object.keys(fields).length) throw invalidInput(fields);
  const exists = await db
    .selectFrom("departments")
    .select("id")
    .where("code", "=", input.code)
    .executeTakeFirst();
  if (exists) throw invalidInput({ code: `コード「${input.code}」はすでに使われています` });
  const row = await db
    .insertInto("departments")
    .values({
      code: input.code,
      name: normalizeText(input.name),
      active: 1,
      sort_order: 100,
      created_at: nowIso(),
    })
    .returning(["id", "code", "name", "active"])
    .executeTakeFirstOrThrow();
  forgetConfig(db);
  return { ...row, active: Boolean(row.active) };
}

export async function updateDepartment(
  db: Db,
  id: number,
  patch: { name?: string; active?: boolean },
): Promise<Department> {
  const fields = checkLabelInput(patch, false);
  if (Object.keys(fields).length) throw invalidInput(fields);
  const set: { name?: string; active?: number } = {};
  if (patch.name !== undefined) set.name = normalizeText(patch.name);
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(set).length === 0) throw new AppError("invalid_input", "変更する項目がありません");
  const row = await db
    .updateTable("departments")
    .set(set)
    .where("id", "=", id)
    .returning(["id", "code", "name", "active"])
    .executeTakeFirst();
  forgetConfig(db);
  if (!row) throw notFound("部署");
  return { ...row, active: Boolean(row.active) };
}
