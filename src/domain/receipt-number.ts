// Receipt numbers (受付番号) of voices: fiscal year and a per-year sequence, e.g. "2025-000123".

const RECEIPT_RE = /^(\d{4})-(\d{6,})$/;

export function formatReceiptNumber(fiscalYear: number, seq: number): string {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9999) {
    throw new RangeError(`invalid fiscal year: ${fiscalYear}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`invalid sequence: ${seq}`);
  return `${fiscalYear}-${String(seq).padStart(6, "0")}`;
}

/** Parses a receipt number as typed (full-width digits and surrounding spaces allowed); null if it is not one. */
export function parseReceiptNumber(s: string): { fiscalYear: number; seq: number } | null {
  const m = RECEIPT_RE.exec(s.normalize("NFKC").trim());
  if (!m) return null;
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { fiscalYear: Number(m[1]), seq };
}
