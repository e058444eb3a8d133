/**
 * Imports a voice file (CSV UTF-8/Shift_JIS or XLSX): read → validate every row → (dry run) report, or write
 * all rows in one transaction. A file with any problem writes nothing. This is the top-level function of an import
 * (the route and the CLI call it): it owns the write's transaction, which begins only after the file was read and
 * checked, so the other requests are not held up meanwhile.
 */
import type { Db, KoeDatabase } from "../../db/database.js";
import { isUniqueViolation } from "../../db/dialect.js";
import { AppError } from "../../errors.js";
import { voiceImportContextFor } from "../../features/import-aliases/import-lookups.js";
import type { ImportLimits } from "../../io/import-limits.js";
import { readTable, TableReadError } from "../../io/read-table.js";
import type { ColumnMapping } from "../../io/voice-columns.js";
import { type ImportContext, type LabelLookup, validateImportRows } from "../../io/voice-import-rows.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { ImportResult } from "./contract.js";
import {
  existingExternalIds,
  type ImportActor,
  type ImportProgress,
  importVoices,
  inImportTransaction,
} from "./import-voices.js";

export interface ImportFileOptions {
  dryRun: boolean;
  mapping?: ColumnMapping;
  /** the department of rows without one (overrides the mapping file's defaultDepartment) */
  defaultDepartment?: string;
  /** called while rows are written */
  onProgress?: ImportProgress;
  /** called between the steps, for a CLI to say what it is doing */
  onStep?: (step: "read" | "validate" | "write", detail: { rows: number }) => void;
  /** replaces some of IMPORT_LIMITS (tests); the server and the CLI use the real limits */
  limits?: Partial<ImportLimits>;
}

/**
 * Label lookups over the current taxonomy, by code or name only; retired labels still resolve (old records).
 * importVoiceFile uses the alias-aware lookups (features/import-aliases/import-lookups.ts).
 */
export function importContextFor(tax: TaxonomyIndex, mapping?: ColumnMapping): ImportContext {
  const lookup = (kind: LabelLookup["kind"]): LabelLookup => ({
    kind,
    resolve: (value) => tax.find(kind, value)?.id ?? null,
  });
  return {
    lookups: {
      type: lookup("type"),
      category: lookup("category"),
      channel: lookup("channel"),
      productLine: lookup("product_line"),
      department: lookup("department"),
    },
    ...(mapping ? { mapping } : {}),
  };
}

export async function importVoiceFile(
  target: Db | KoeDatabase,
  actor: ImportActor,
  file: Buffer,
  fileName: string,
  opts: ImportFileOptions,
): Promise<ImportResult> {
  const db = "db" in target && "dialect" in target ? target.db : (target as Db);
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, fileName, opts.limits);
  } catch (err) {
    if (err instanceof TableReadError)
      throw new AppError("invalid_input", err.message, { file: err.message });
    throw err;
  }
  opts.onStep?.("read", { rows: table.rows.length });
  // Labels resolve by code, name or alias; an unknown one is reported with the closest label.
  const ctx = await voiceImportContextFor(db, opts.mapping);
  if (opts.defaultDepartment) ctx.defaultDepartment = opts.defaultDepartment;
  const validation = await validateImportRows(table, ctx);
  opts.onStep?.("validate", { rows: table.rows.length });
  const base = {
    dryRun: opts.dryRun,
    total: table.rows.length,
    problems: validation.problems,
    ignoredColumns: validation.ignoredColumns,
    ...(table.encoding ? { encoding: table.encoding } : {}),
  };
  if (validation.problems.length > 0) return { ...base, imported: 0, importable: 0, skipped: 0 };
  if (opts.dryRun) {
    const ids = validation.valid.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
    const seen = ids.length ? await existingExternalIds(db, ids) : new Set<string>();
    const skipped = validation.valid.filter((r) => r.externalId !== null && seen.has(r.externalId)).length;
    return { ...base, imported: 0, importable: validation.valid.length - skipped, skipped };
  }
  opts.onStep?.("write", { rows: validation.valid.length });
  let written: Awaited<ReturnType<typeof importVoices>>;
  try {
    written = await inImportTransaction(target, (trx, sqlite) =>
      importVoices(trx, actor, validation.valid, {
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(sqlite ? { sqlite } : {}),
      }),
    );
  } catch (err) {
    // Another import committed the same 外部ID after this one looked (the unique index of migration 0022).
    if (isUniqueViolation(err, "external_id")) {
      const message =
        "同じ外部IDの声が、別の取り込みで同時に登録されました。何も取り込んでいません。もう一度取り込むと、登録済みの外部IDの行は飛ばされます";
      throw new AppError("conflict", message, { externalId: message });
    }
    throw err;
  }
  return { ...base, imported: written.imported, importable: written.imported, skipped: written.skipped };
}
