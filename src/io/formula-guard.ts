// Keeps spreadsheet apps from running cell text as a formula (CSV injection), and undoes the guard on import.
//
// The guard is one apostrophe. So that a round trip export → import is lossless, text that already looks guarded
// (apostrophes, then a formula start: "'=SUM(A1)" typed as content) gets one more apostrophe on export, and the
// import removes exactly one apostrophe, only before such a start.

/** Starts that Excel/LibreOffice may treat as a formula (OWASP "CSV injection"). */
const DANGEROUS_START = /^[=+\-@\t\r]/;
/** What a guard looks like: one or more apostrophes, then a dangerous start. */
const GUARDED_START = /^'+[=+\-@\t\r]/;

/**
 * For CSV: prefixes an apostrophe when the text would start a formula (Excel shows such a cell as plain text),
 * and when it already looks guarded.
 */
export function neutralizeFormula(text: string): string {
  return DANGEROUS_START.test(text) || GUARDED_START.test(text) ? `'${text}` : text;
}

/**
 * For XLSX, where cells are written as strings and never run: only text that looks guarded gets the extra
 * apostrophe, so the import's {@link unneutralizeFormula} gives it back unchanged.
 */
export function escapeGuardLike(text: string): string {
  return GUARDED_START.test(text) ? `'${text}` : text;
}

/** Removes one guard apostrophe added by {@link neutralizeFormula} or {@link escapeGuardLike}. */
export function unneutralizeFormula(text: string): string {
  return GUARDED_START.test(text) ? text.slice(1) : text;
}
