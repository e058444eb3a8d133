/**
 * koe's logical backup: one JSON value per line, the same on SQLite and PostgreSQL, so a backup of either engine
 * restores into either. A header names the schema version (the last migration applied); each table is its column
 * list, its rows as arrays, and its row count; an end record repeats every count, so a file cut short is detected.
 * Booleans are written 0/1 and timestamps as ISO 8601 text, as koe stores them on SQLite.
 */

export const BACKUP_FORMAT = "koe-backup";
export const BACKUP_FORMAT_VERSION = 1;

/** What a stored value becomes in the file: binary data as base64, everything else as JSON has it. */
export type BackupValue = string | number | null | { base64: string };

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** the last migration applied to the source: the restore migrates its target to the same point first */
  schema: string;
  createdAt: string;
  /** the source's engine, for the record only */
  engine: string;
}

export type BackupRecord =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: string; columns: string[] }
  | { kind: "rows"; rows: BackupValue[][] }
  | { kind: "tableEnd"; table: string; rows: number }
  | { kind: "end"; tables: Record<string, number> };

/** A value read from either driver, as the file holds it. */
export function toBackupValue(v: unknown): BackupValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { base64: Buffer.from(v).toString("base64") };
  // JSON columns come back as objects from PostgreSQL; SQLite holds the same as text.
  return JSON.stringify(v);
}

/** A value from the file as either driver takes it. */
export function fromBackupValue(v: BackupValue): string | number | null | Buffer {
  if (v !== null && typeof v === "object") return Buffer.from(v.base64, "base64");
  return v;
}

/** Lines of the file: the header first, then rows one per line so a large table streams. */
export function* recordLines(record: BackupRecord): Generator<string> {
  switch (record.kind) {
    case "header":
      yield JSON.stringify(record.header);
      return;
    case "table":
      yield JSON.stringify({ table: record.table, columns: record.columns });
      return;
    case "rows":
      for (const row of record.rows) yield JSON.stringify(row);
      return;
    case "tableEnd":
      yield JSON.stringify({ tableEnd: record.table, rows: record.rows });
      return;
    case "end":
      yield JSON.stringify({ end: true, tables: record.tables });
      return;
  }
}

export class BackupFormatError extends Error {}

const NOT_A_BACKUP = "koe のバックアップファイルではありません（先頭に koe-backup の見出しがありません）";

/** One line of the file back into a record; `line` is its number, for the message. */
export function parseRecordLine(text: string, line: number, first: boolean): BackupRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (first) throw new BackupFormatError(NOT_A_BACKUP);
    throw new BackupFormatError(
      `バックアップファイルの ${line} 行目が読めません（壊れているか途中で切れています）`,
    );
  }
  if (first) {
    const h = value as Partial<BackupHeader> | null;
    if (!h || h.format !== BACKUP_FORMAT) {
      throw new BackupFormatError(
        "koe のバックアップファイルではありません（先頭に koe-backup の見出しがありません）",
      );
    }
    if (h.formatVersion !== BACKUP_FORMAT_VERSION || typeof h.schema !== "string") {
      throw new BackupFormatError(
        `この版の koe が読めない形式のバックアップです（形式 ${String(h.formatVersion)}）。新しい版の koe で復元してください`,
      );
    }
    return { kind: "header", header: h as BackupHeader };
  }
  if (Array.isArray(value)) return { kind: "rows", rows: [value as BackupValue[]] };
  const o = value as Record<string, unknown> | null;
  if (o && typeof o.table === "string" && Array.isArray(o.columns)) {
    return { kind: "table", table: o.table, columns: o.columns as string[] };
  }
  if (o && typeof o.tableEnd === "string" && typeof o.rows === "number") {
    return { kind: "tableEnd", table: o.tableEnd, rows: o.rows };
  }
  if (o && o.end === true && o.tables && typeof o.tables === "object") {
    return { kind: "end", tables: o.tables as Record<string, number> };
  }
  throw new BackupFormatError(`バックアップファイルの ${line} 行目の形式が正しくありません`);
}
