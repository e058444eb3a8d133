// Keeps spreadsheet apps from running cell text as a formula (CSV injection), and undoes the guard on import.

/** Starts that Excel/LibreOffice may treat as a formula (OWASP "CSV injection"). */
const DANGEROUS_START = /^[=+\-@\t\r]/;
/** What writeVoicesCsv produced: an apostrophe before a dangerous start. */
const GUARDED_START = /^'[=+\-@\t\r]/;

/** Prefixes an apostrophe when the text would start a formula; Excel shows such a cell as plain text. */
export function neutralizeFormula(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** Removes the apostrophe added by {@link neutralizeFormula}, so an exported file re-imports losslessly. */
export function unneutralizeFormula(text: string): string {
  return GUARDED_START.test(text) ? text.slice(1) : text;
}
