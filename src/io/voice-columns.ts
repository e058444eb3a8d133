// The columns of the voice import/export file, header matching, and the optional column-mapping file.
import { z } from "zod";
import type { Customer } from "../shared/api-contract.js";

export const IMPORT_COLUMNS = [
  { key: "receivedAt", header: "受付日時" },
  { key: "channel", header: "受付チャネル" },
  { key: "type", header: "種別" },
  { key: "category", header: "分類" },
  { key: "productLine", header: "商品" },
  { key: "department", header: "部署" },
  { key: "content", header: "内容" },
  { key: "remedySought", header: "ご要望" },
  { key: "customerName", header: "氏名" },
  { key: "memberNumber", header: "組合員番号" },
  { key: "phone", header: "電話番号" },
  { key: "email", header: "メール" },
  { key: "prefecture", header: "都道府県" },
  { key: "ageBand", header: "年代" },
  { key: "gender", header: "性別" },
  { key: "externalId", header: "外部ID" },
] as const;

/** Written on export, recognized and ignored on import. */
export const EXPORT_ONLY_COLUMNS = [
  { key: "receiptNumber", header: "受付番号" },
  { key: "status", header: "状態" },
  { key: "assignee", header: "担当者" },
  { key: "resolveBy", header: "回答期限" },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];
export type ExportOnlyColumnKey = (typeof EXPORT_ONLY_COLUMNS)[number]["key"];
export type VoiceColumnKey = ImportColumnKey | ExportOnlyColumnKey;

export interface VoiceColumn {
  key: VoiceColumnKey;
  header: string;
}

/** Personal data (APPI) and the customer's attributes: exported only when the caller allows it. */
export const CUSTOMER_COLUMN_KEYS: readonly ImportColumnKey[] = [
  "customerName",
  "memberNumber",
  "phone",
  "email",
  "prefecture",
  "ageBand",
  "gender",
];

/** The customer's fields a voice file carries (the file's customer columns), on import and export alike. */
export type FileCustomer = Pick<
  Customer,
  "name" | "memberNumber" | "phone" | "email" | "prefecture" | "ageBand" | "gender"
>;

export const REQUIRED_IMPORT_KEYS: readonly ImportColumnKey[] = [
  "receivedAt",
  "type",
  "category",
  "department",
  "content",
];

const ALL_COLUMNS: readonly VoiceColumn[] = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS];

export function headerOf(key: VoiceColumnKey): string {
  return ALL_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/**
 * The export column order: 受付番号 first (it identifies the voice), then the import columns, then the handling
 * columns. Customer columns only when `includeCustomer`.
 */
export function exportColumns(includeCustomer: boolean): VoiceColumn[] {
  const [receipt, ...handling] = EXPORT_ONLY_COLUMNS;
  const body = IMPORT_COLUMNS.filter((c) => includeCustomer || !CUSTOMER_COLUMN_KEYS.includes(c.key));
  return [receipt, ...body, ...handling];
}

/** Header comparison key: NFKC, no whitespace at all, lower case ("受付　日時", " ReceivedAt " both match). */
export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

const BUILT_IN_HEADERS: ReadonlyMap<string, VoiceColumnKey> = new Map(
  ALL_COLUMNS.flatMap((c) => [
    [normalizeHeader(c.header), c.key] as const,
    [normalizeHeader(c.key), c.key] as const,
  ]),
);

/** Our column for a header, or for a mapping target; null when unknown. */
export function columnKeyFor(header: string): VoiceColumnKey | null {
  return BUILT_IN_HEADERS.get(normalizeHeader(header)) ?? null;
}

export interface ColumnMapping {
  /** their header → our column key (already resolved from a code name or Japanese header) */
  columns: Record<string, VoiceColumnKey>;
  /** per column: their value → ours (窓口 → 窓口（支所・共済ショップ）); the cell is replaced before it is checked */
  values?: Partial<Record<ImportColumnKey, Record<string, string>>>;
  /** the department of rows whose 部署 is empty, or of every row when the file has no 部署 column */
  defaultDepartment?: string;
}

const MAPPING_SHAPE =
  '対応表は { "columns": { "ファイルの列名": "取込先の列名" }, "values": { "取込先の列名": { "ファイルの値": "koe の値" } }, "defaultDepartment": "部署" } の形式で指定してください';

// Strict: a misspelt part ("value", "default_department") must not be ignored silently.
const mappingFileSchema = z.strictObject(
  {
    columns: z
      .record(
        z.string().trim().min(1, "対応表の列名（左側）が空です"),
        z.string({ error: "対応先は文字列で指定してください" }).trim().min(1, "対応先の列名が空です"),
        { error: "「columns」には列名の対応をオブジェクトで指定してください" },
      )
      .optional(),
    values: z
      .record(
        z.string().trim().min(1, "「values」の列名が空です"),
        z.record(
          z.string().trim().min(1, "置き換える値（左側）が空です"),
          z.string({ error: "置き換え先は文字列で指定してください" }).trim().min(1, "置き換え先の値が空です"),
          { error: "「values」の各列には値の対応をオブジェクトで指定してください" },
        ),
        { error: "「values」には列ごとの値の対応をオブジェクトで指定してください" },
      )
      .optional(),
    defaultDepartment: z
      .string({ error: "「defaultDepartment」は部署の名称かコードを文字列で指定してください" })
      .trim()
      .min(1, "「defaultDepartment」が空です")
      .optional(),
  },
  { error: MAPPING_SHAPE },
);

export type ParseMappingResult = { ok: true; mapping: ColumnMapping } | { ok: false; errors: string[] };

/**
 * Reads a mapping file: `{ "columns": { "<their header>": "<our code name or Japanese header>" }, "values":
 * { "<our column>": { "<their value>": "<our value>" } }, "defaultDepartment": "<department>" }` (each part
 * optional). Accepts the JSON text or an already parsed value. Every error is reported, in Japanese.
 */
export function parseColumnMapping(input: string | unknown): ParseMappingResult {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ""));
    } catch {
      return { ok: false, errors: ["対応表ファイルが JSON として読み込めません"] };
    }
  }
  const parsed = mappingFileSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const where = issue.path.length > 1 ? `「${issue.path.slice(1).map(String).join("」の「")}」: ` : "";
        return `${where}${issue.message}`;
      }),
    };
  }
  const errors: string[] = [];
  const columns: Record<string, VoiceColumnKey> = {};
  for (const [theirs, target] of Object.entries(parsed.data.columns ?? {})) {
    const key = columnKeyFor(target);
    if (key === null) {
      errors.push(`「${theirs}」の対応先「${target}」は取込できる列ではありません`);
    } else if (EXPORT_ONLY_COLUMNS.some((c) => c.key === key)) {
      errors.push(`「${theirs}」の対応先「${target}」は出力専用の列のため取込できません`);
    } else {
      columns[theirs] = key;
    }
  }
  const values: Partial<Record<ImportColumnKey, Record<string, string>>> = {};
  for (const [column, map] of Object.entries(parsed.data.values ?? {})) {
    const key = columnKeyFor(column);
    if (key === null || !isImportKey(key)) {
      errors.push(
        `「values」の「${column}」は取込できる列ではありません（取込先の列名かコード名で指定してください）`,
      );
    } else {
      values[key] = { ...values[key], ...map };
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const mapping: ColumnMapping = { columns };
  if (Object.keys(values).length > 0) mapping.values = values;
  if (parsed.data.defaultDepartment) mapping.defaultDepartment = parsed.data.defaultDepartment;
  return { ok: true, mapping };
}

export interface ResolvedHeaders {
  /** column index in the file for each of our import columns found */
  indexOf: Partial<Record<ImportColumnKey, number>>;
  /** headers we do not import (unknown, or export-only such as 受付番号), as written in the file */
  ignored: string[];
  /** our columns that appear more than once: the headers as written in the file */
  duplicates: { key: ImportColumnKey; headers: string[] }[];
}

/** Matches the file's header row to our columns; the mapping wins over the built-in names. */
export function resolveHeaders(headers: readonly string[], mapping?: ColumnMapping): ResolvedHeaders {
  const mapped = new Map<string, VoiceColumnKey>();
  for (const [theirs, key] of Object.entries(mapping?.columns ?? {}))
    mapped.set(normalizeHeader(theirs), key);

  const indexOf: Partial<Record<ImportColumnKey, number>> = {};
  const seen = new Map<ImportColumnKey, string[]>();
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === "") return;
    const norm = normalizeHeader(header);
    const key = mapped.get(norm) ?? BUILT_IN_HEADERS.get(norm) ?? null;
    if (key === null || !isImportKey(key)) {
      ignored.push(header);
      return;
    }
    const list = seen.get(key);
    if (list) {
      list.push(header);
    } else {
      seen.set(key, [header]);
      indexOf[key] = index;
    }
  });
  const duplicates = [...seen]
    .filter(([, list]) => list.length > 1)
    .map(([key, list]) => ({ key, headers: list }));
  return { indexOf, ignored, duplicates };
}

const IMPORT_KEYS: ReadonlySet<string> = new Set(IMPORT_COLUMNS.map((c) => c.key));
export function isImportKey(key: string): key is ImportColumnKey {
  return IMPORT_KEYS.has(key);
}
