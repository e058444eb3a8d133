/**
 * The label lookups of an import (voices, survey answers): a cell names a label by code, name or alias; an
 * unknown one gets the closest active label as a suggestion. One snapshot of the taxonomy and aliases per import.
 */
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { ColumnMapping } from "../../io/voice-columns.js";
import type { ImportContext, LabelLookup } from "../../io/voice-import-rows.js";
import { KIND_LABELS_JA, type TaxonomyIndex, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { aliasKey } from "./alias-key.js";
import { closestLabel, type SuggestionCandidate } from "./closest-label.js";
import type { AliasKind } from "./contract.js";
import { type AliasRow, loadAliases } from "./label-aliases.js";

export interface LabelWords {
  tax: TaxonomyIndex;
  aliases: readonly AliasRow[];
}

export async function loadLabelWords(db: Db): Promise<LabelWords> {
  const [tax, aliases] = await Promise.all([taxonomyIndex(db), loadAliases(db)]);
  return { tax, aliases };
}

/** A lookup for one kind: code or name first (as before aliases existed), then an alias. */
export function labelLookup(words: LabelWords, kind: AliasKind): LabelLookup {
  const byAlias = new Map<string, number>();
  for (const a of words.aliases) if (a.kind === kind) byAlias.set(a.key, a.labelId);
  const candidates: SuggestionCandidate[] = words.tax
    .list(kind)
    .filter((l) => l.active)
    .map((l) => ({
      name: l.name,
      words: [
        l.name,
        l.code,
        ...words.aliases.filter((a) => a.kind === kind && a.labelId === l.id).map((a) => a.alias),
      ],
    }));
  const suggestions = new Map<string, string | null>();
  return {
    kind,
    resolve: (value) => words.tax.find(kind, value)?.id ?? byAlias.get(aliasKey(value)) ?? null,
    suggest: (value) => {
      let near = suggestions.get(value);
      if (near === undefined) {
        near = closestLabel(value, candidates);
        suggestions.set(value, near);
      }
      return near;
    },
  };
}

/** The voice import's context over the current labels, aliases and the mapping file. */
export function voiceImportContext(words: LabelWords, mapping?: ColumnMapping): ImportContext {
  const lookups = {
    type: labelLookup(words, "type"),
    category: labelLookup(words, "category"),
    channel: labelLookup(words, "channel"),
    productLine: labelLookup(words, "product_line"),
    department: labelLookup(words, "department"),
  };
  if (mapping?.values) checkValueTargets(mapping.values, lookups);
  return { lookups, ...(mapping ? { mapping } : {}) };
}

const LABEL_COLUMNS = {
  type: "type",
  category: "category",
  channel: "channel",
  productLine: "product_line",
  department: "department",
} as const;

/**
 * The mapping file's values must land on a label: a typo in the mapping would otherwise show up as a problem on
 * every row, naming a value the file does not contain. Refused as a whole with every wrong target listed.
 */
function checkValueTargets(
  values: NonNullable<ColumnMapping["values"]>,
  lookups: Record<keyof typeof LABEL_COLUMNS, LabelLookup>,
): void {
  const errors: string[] = [];
  for (const [column, kind] of Object.entries(LABEL_COLUMNS) as [keyof typeof LABEL_COLUMNS, AliasKind][]) {
    for (const [theirs, ours] of Object.entries(values[column] ?? {})) {
      if (lookups[column].resolve(ours) !== null) continue;
      const near = lookups[column].suggest?.(ours) ?? null;
      errors.push(
        `対応表の値の置き換え『${theirs}』→『${ours}』: 『${ours}』は登録されていない${KIND_LABELS_JA[kind]}です${near ? `（近いもの: 『${near}』）` : ""}`,
      );
    }
  }
  if (errors.length > 0)
    throw new AppError("invalid_input", errors.join("\n"), { mapping: errors.join("\n") });
}

export async function voiceImportContextFor(db: Db, mapping?: ColumnMapping): Promise<ImportContext> {
  return voiceImportContext(await loadLabelWords(db), mapping);
}
