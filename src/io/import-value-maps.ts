// The value part of an import's mapping file: their word in a column → ours, applied to a cell before it is checked.
import { aliasKey } from "../features/import-aliases/alias-key.js";
import type { ImportColumnKey } from "./voice-columns.js";

const CACHE_LIMIT = 10_000;

/**
 * A replacer for the mapped columns, or null when the mapping has no values. Cells are compared as aliases are
 * (aliasKey: width, case and spaces do not matter); a cell no entry matches is returned as it is.
 */
export function compileValueMaps<K extends string = ImportColumnKey>(
  values: Partial<Record<K, Record<string, string>>> | undefined,
): ((key: K, cell: string) => string) | null {
  if (!values) return null;
  const maps = new Map<K, Map<string, string>>();
  for (const [key, map] of Object.entries(values) as [K, Record<string, string>][]) {
    maps.set(key, new Map(Object.entries(map).map(([theirs, ours]) => [aliasKey(theirs), ours])));
  }
  if (maps.size === 0) return null;
  // 100,000 rows repeat a handful of values: the normalization is cached (bounded).
  const keys = new Map<string, string>();
  return (key, cell) => {
    const map = maps.get(key);
    if (!map || cell === "") return cell;
    let k = keys.get(cell);
    if (k === undefined) {
      k = aliasKey(cell);
      if (keys.size < CACHE_LIMIT) keys.set(cell, k);
    }
    return map.get(k) ?? cell;
  };
}
