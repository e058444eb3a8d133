/** Listing and replacing a label's aliases (admins, in settings). All aliases of one label are set at once. */
import type { Db } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { invalidInput, notFound } from "../../errors.js";
import { recordAudit, recordCliAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { normalizeText } from "../../shared/normalize.js";
import { KIND_LABELS_JA, loadTaxonomy } from "../users-and-settings/taxonomy.js";
import { ALIAS_MAX_CHARS, ALIASES_PER_LABEL_MAX, aliasKey } from "./alias-key.js";
import type { AliasKind, LabelAliases, LabelAliasList } from "./contract.js";

export interface AliasRow {
  kind: AliasKind;
  labelId: number;
  alias: string;
  key: string;
}

/** Every alias, in the order they were entered per label. */
export async function loadAliases(db: Db): Promise<AliasRow[]> {
  const rows = await db
    .selectFrom("label_aliases")
    .select(["kind", "label_id", "alias", "alias_key"])
    .orderBy("kind")
    .orderBy("label_id")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    kind: r.kind as AliasKind,
    labelId: r.label_id,
    alias: r.alias,
    key: r.alias_key,
  }));
}

export async function listLabelAliases(db: Db): Promise<LabelAliasList> {
  const items = new Map<string, LabelAliases>();
  for (const r of await loadAliases(db)) {
    const id = `${r.kind}:${r.labelId}`;
    let item = items.get(id);
    if (!item) {
      item = { kind: r.kind, labelId: r.labelId, aliases: [] };
      items.set(id, item);
    }
    item.aliases.push(r.alias);
  }
  return { items: [...items.values()] };
}

const charCount = (s: string) => [...s].length;

/**
 * Replaces the aliases of one label (or department) in the caller's transaction. Each alias is normalized as label
 * names are; an empty one, one over 100 characters, one given twice, or one that already names another label of
 * the same kind (its name, code or alias) is refused with a Japanese message per item (`aliases.N`), and nothing
 * is stored.
 */
export async function setLabelAliases(
  trx: Db,
  actor: { id: number } | null,
  kind: AliasKind,
  labelId: number,
  input: readonly string[],
): Promise<LabelAliases> {
  const noun = KIND_LABELS_JA[kind];
  // Two saves at once must not both pass the checks below and both write (released at commit).
  await dialectFor(trx).lockUntilCommit(trx, "koe_label_aliases");
  const taxonomy = await loadTaxonomy(trx);
  const labels = kind === "department" ? taxonomy.departments : taxonomy[kind];
  const label = labels.find((l) => l.id === labelId);
  if (!label) throw notFound(noun);

  // Who else answers to a word: other labels' names and codes, then their aliases.
  const taken = new Map<string, string>();
  for (const l of labels) {
    if (l.id === labelId) continue;
    taken.set(aliasKey(l.name), `${noun}『${l.name}』の名称`);
    taken.set(aliasKey(l.code), `${noun}『${l.name}』のコード`);
  }
  const nameOf = new Map(labels.map((l) => [l.id, l.name]));
  const others = await trx
    .selectFrom("label_aliases")
    .select(["label_id", "alias_key"])
    .where("kind", "=", kind)
    .where("label_id", "!=", labelId)
    .execute();
  for (const o of others) taken.set(o.alias_key, `${noun}『${nameOf.get(o.label_id) ?? o.label_id}』の別名`);

  const fields: Record<string, string> = {};
  if (input.length > ALIASES_PER_LABEL_MAX)
    fields.aliases = `別名は1つのラベルにつき${ALIASES_PER_LABEL_MAX}個までです（${input.length}個）`;
  const seen = new Map<string, number>();
  const aliases: { alias: string; key: string }[] = [];
  input.forEach((raw, i) => {
    const field = `aliases.${i}`;
    const alias = normalizeText(raw);
    const key = aliasKey(alias);
    const shown = `${i + 1}つ目の別名`;
    if (key === "") fields[field] = `${shown}が空です。別名を入力するか、欄を削除してください`;
    else if (charCount(alias) > ALIAS_MAX_CHARS)
      fields[field] = `${shown}は${ALIAS_MAX_CHARS}文字以内で入力してください（${charCount(alias)}文字）`;
    else if (key === aliasKey(label.name) || key === aliasKey(label.code))
      fields[field] = `別名『${alias}』はこの${noun}の名称かコードと同じです（別名にしなくても取り込めます）`;
    else if (taken.has(key))
      fields[field] =
        `別名『${alias}』はすでに${taken.get(key)}として使われています（1つの言葉は1つの${noun}にしか対応できません）`;
    else if (seen.has(key))
      fields[field] = `別名『${alias}』が${(seen.get(key) as number) + 1}つ目と重複しています`;
    else {
      seen.set(key, i);
      aliases.push({ alias, key });
    }
  });
  if (Object.keys(fields).length > 0) throw invalidInput(fields, Object.values(fields)[0]);

  await trx.deleteFrom("label_aliases").where("kind", "=", kind).where("label_id", "=", labelId).execute();
  if (aliases.length > 0) {
    const at = nowIso();
    await trx
      .insertInto("label_aliases")
      .values(
        aliases.map((a) => ({
          kind,
          label_id: labelId,
          alias: a.alias,
          alias_key: a.key,
          created_by: actor?.id ?? null,
          created_at: at,
        })),
      )
      .execute();
  }
  const detail = `${noun}『${label.name}』の別名: ${aliases.map((a) => a.alias).join("、") || "（なし）"}`;
  // without an actor the aliases were set by `koe alias`
  await (actor
    ? recordAudit(trx, { userId: actor.id, action: "label_aliases_set", detail })
    : recordCliAudit(trx, { action: "label_aliases_set", detail }));
  return { kind, labelId, aliases: aliases.map((a) => a.alias) };
}
