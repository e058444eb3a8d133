// Validates the rows of an import file into voices ready to insert, collecting every problem with its row and column.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { z } from "zod";
import { EARLIEST_VOICE_DATE, parseDateTimeJa, voiceDateProblem } from "../shared/japanese-date.js";
import { normalizeText } from "../shared/normalize.js";
import { unneutralizeFormula } from "./formula-guard.js";
import { compileValueMaps } from "./import-value-maps.js";
import {
  type ColumnMapping,
  type FileCustomer,
  headerOf,
  type ImportColumnKey,
  REQUIRED_IMPORT_KEYS,
  resolveHeaders,
} from "./voice-columns.js";

export interface LabelLookup {
  kind: "type" | "category" | "channel" | "product_line" | "department";
  /** the id of the label whose name or code matches; null when none. Provided by the caller. */
  resolve(value: string): number | null;
  /** the name of the closest label, for an unknown value's problem; null when nothing is close */
  suggest?(value: string): string | null;
}

export interface ImportContext {
  lookups: {
    type: LabelLookup;
    category: LabelLookup;
    channel: LabelLookup;
    productLine: LabelLookup;
    department: LabelLookup;
  };
  mapping?: ColumnMapping;
  /** used when the file has no 受付チャネル column or the cell is empty (e.g. "アンケート") */
  defaultChannel?: string;
  /** used when the file has no 部署 column or the cell is empty (a call-centre export of one department) */
  defaultDepartment?: string;
  /** "now" for the future-date check; defaults to the current time */
  now?: Date;
}

export interface ImportProblem {
  /** row number as a spreadsheet shows it (the header is row 1) */
  row: number;
  /** the header as written in the file (our Japanese header when the column is missing) */
  column: string;
  value: string;
  /** Japanese, shown to the user */
  reason: string;
  /** for an unknown label: the closest label's name */
  suggestion?: string;
}

export interface ImportRow {
  row: number;
  externalId: string | null;
  /** ISO 8601 */
  receivedAt: string;
  channelId: number;
  typeId: number;
  categoryId: number;
  productLineId: number | null;
  departmentId: number;
  content: string;
  remedySought: string | null;
  customer: FileCustomer | null;
}

export interface ImportTable {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  /** spreadsheet row numbers of `rows`; when absent, rows are taken to follow the header without gaps */
  rowNumbers?: readonly number[];
  headerRow?: number;
}

export interface ImportValidation {
  valid: ImportRow[];
  problems: ImportProblem[];
  /** headers in the file that are not imported (unknown, or export-only such as 受付番号) */
  ignoredColumns: string[];
}

export const CONTENT_MAX_CHARS = 10_000;

/** Lengths follow the API contract (customerInput, remedySought), so an imported voice is one the API accepts. */
const MAX_CHARS: Partial<Record<ImportColumnKey, number>> = {
  content: CONTENT_MAX_CHARS,
  remedySought: 2000,
  customerName: 100,
  memberNumber: 40,
  phone: 40,
  email: 200,
  prefecture: 10,
  ageBand: 20,
  gender: 20,
  externalId: 100,
};

const LABEL_NOUN = {
  type: "種別",
  category: "分類",
  channel: "受付チャネル",
  productLine: "商品",
  department: "部署",
} as const;
type LabelKey = keyof typeof LABEL_NOUN;

/** Allows one day of clock skew and time-zone confusion before calling a date "in the future". */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const emailSchema = z.email();

function charCount(s: string): number {
  // Code points, not UTF-16 units: 𠮷 is one character to the user.
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function formatCount(n: number): string {
  return n.toLocaleString("ja-JP");
}

/** ASCII without ~ (which normalizeText turns into 〜) or control characters: NFKC and the rest leave it alone. */
const PLAIN_ASCII = /^[ -}]*$/;
const NORMALIZE_CACHE_LIMIT = 10_000;

/**
 * normalizeText for short cells (labels, dates, customer attributes), which repeat row after row; a bounded
 * cache keeps memory flat on files with many distinct values.
 */
function cachedNormalizer(): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (PLAIN_ASCII.test(s)) return s.trim();
    if (s.length > 64) return normalizeText(s);
    let out = cache.get(s);
    if (out === undefined) {
      out = normalizeText(s);
      if (cache.size < NORMALIZE_CACHE_LIMIT) cache.set(s, out);
    }
    return out;
  };
}

/** Caches each lookup: a 100,000-row file repeats a handful of label names. */
function cachedResolver(lookup: LabelLookup): (value: string) => number | null {
  const cache = new Map<string, number | null>();
  return (value) => {
    let id = cache.get(value);
    if (id === undefined) {
      id = lookup.resolve(value);
      cache.set(value, id);
    }
    return id;
  };
}

/**
 * How long the row checks run before they let the event loop turn: 100,000 rows take about a second in all, and
 * the server must keep answering other requests meanwhile. The clock is read every CLOCK_EVERY_ROWS rows.
 */
const SLICE_MS = 20;
const CLOCK_EVERY_ROWS = 64;

/**
 * Checks every row of `table`. Asynchronous only to yield to the event loop every {@link SLICE_MS} ms; the
 * result does not depend on it.
 */
export async function validateImportRows(table: ImportTable, ctx: ImportContext): Promise<ImportValidation> {
  const headerRow = table.headerRow ?? 1;
  const problems: ImportProblem[] = [];
  const valid: ImportRow[] = [];

  if (table.headers.every((h) => h.trim() === "")) {
    problems.push({
      row: headerRow,
      column: "",
      value: "",
      reason: "見出し行がありません。1行目に列名を入れてください",
    });
    return { valid, problems, ignoredColumns: [] };
  }

  const { indexOf, ignored, duplicates } = resolveHeaders(table.headers, ctx.mapping);
  for (const dup of duplicates) {
    problems.push({
      row: headerRow,
      column: dup.headers[1] ?? headerOf(dup.key),
      value: "",
      reason: `「${headerOf(dup.key)}」にあたる列が複数あります（${dup.headers.map((h) => `『${h}』`).join("、")}）`,
    });
  }
  const defaultDepartment = (ctx.defaultDepartment ?? ctx.mapping?.defaultDepartment)?.trim() ?? "";
  for (const key of REQUIRED_IMPORT_KEYS) {
    if (key === "department" && defaultDepartment !== "") continue;
    if (indexOf[key] === undefined) {
      problems.push({
        row: headerRow,
        column: headerOf(key),
        value: "",
        reason: `必須の列『${headerOf(key)}』がありません`,
      });
    }
  }

  const resolvers: Record<LabelKey, (value: string) => number | null> = {
    type: cachedResolver(ctx.lookups.type),
    category: cachedResolver(ctx.lookups.category),
    channel: cachedResolver(ctx.lookups.channel),
    productLine: cachedResolver(ctx.lookups.productLine),
    department: cachedResolver(ctx.lookups.department),
  };

  const defaultChannel = ctx.defaultChannel?.trim() ?? "";
  let defaultChannelId: number | null = null;
  if (defaultChannel !== "") {
    defaultChannelId = resolvers.channel(defaultChannel) ?? resolvers.channel(normalizeText(defaultChannel));
    if (defaultChannelId === null) {
      problems.push({
        row: headerRow,
        column: headerOf("channel"),
        value: defaultChannel,
        reason: `既定の受付チャネル『${defaultChannel}』は登録されていない受付チャネルです`,
      });
    }
  } else if (indexOf.channel === undefined) {
    problems.push({
      row: headerRow,
      column: headerOf("channel"),
      value: "",
      reason: `必須の列『${headerOf("channel")}』がありません（既定の受付チャネルを指定すると省略できます）`,
    });
  }

  let defaultDepartmentId: number | null = null;
  if (defaultDepartment !== "") {
    defaultDepartmentId =
      resolvers.department(defaultDepartment) ?? resolvers.department(normalizeText(defaultDepartment));
    if (defaultDepartmentId === null) {
      const near = ctx.lookups.department.suggest?.(defaultDepartment) ?? null;
      problems.push({
        row: headerRow,
        column: headerOf("department"),
        value: defaultDepartment,
        reason: `既定の部署『${defaultDepartment}』は登録されていない部署です${near ? `（近いもの: 『${near}』）` : ""}`,
        ...(near ? { suggestion: near } : {}),
      });
    }
  }

  // Rows cannot be checked meaningfully against a broken header row.
  if (problems.length > 0) return { valid, problems, ignoredColumns: ignored };

  const columnName = (key: ImportColumnKey): string => {
    const index = indexOf[key];
    return index === undefined ? headerOf(key) : (table.headers[index] ?? headerOf(key));
  };
  const externalIdRows = new Map<string, number>();
  const now = (ctx.now ?? new Date()).getTime();
  const normalizeCached = cachedNormalizer();
  const mapValue = compileValueMaps(ctx.mapping?.values);

  // One row's state; the helpers below are created once, not per row (100,000 rows should stay cheap).
  let cells: readonly string[] = [];
  let row = 0;
  let rowProblems: ImportProblem[] = [];

  const problem = (key: ImportColumnKey, value: string, reason: string) => {
    rowProblems.push({ row, column: columnName(key), value, reason });
  };
  const raw = (key: ImportColumnKey): string => {
    const index = indexOf[key];
    const cell = index === undefined ? "" : unneutralizeFormula(cells[index] ?? "");
    return mapValue === null ? cell : mapValue(key, cell);
  };
  const text = (key: ImportColumnKey): string => {
    const value =
      key === "content" || key === "remedySought" ? normalizeText(raw(key)) : normalizeCached(raw(key));
    const max = MAX_CHARS[key];
    if (max !== undefined && value.length > max) {
      const count = charCount(value);
      if (count > max) {
        problem(
          key,
          value.length > 40 ? `${value.slice(0, 40)}…` : value,
          `${headerOf(key)}は${formatCount(max)}文字以内で入力してください（${formatCount(count)}文字）`,
        );
      }
    }
    return value;
  };
  const required = (key: ImportColumnKey): string => {
    const value = text(key);
    if (value === "") problem(key, "", `${headerOf(key)}を入力してください`);
    return value;
  };
  const label = (key: LabelKey, value: string): number | null => {
    if (value === "") return null;
    const id = resolvers[key](value);
    if (id !== null) return id;
    // normalizeText turns （） into (): try the cell as typed too, since label names may keep full-width forms.
    const typed = raw(key).trim();
    const typedId = typed !== value ? resolvers[key](typed) : null;
    if (typedId === null) {
      const near = ctx.lookups[key].suggest?.(typed) ?? null;
      const reason = `『${typed}』は登録されていない${LABEL_NOUN[key]}です`;
      if (near === null) problem(key, typed, reason);
      else {
        // The likely cause is another system's word for one of ours: say which, and how to make it import.
        problem(
          key,
          typed,
          `${reason}。『${near}』のことなら、設定でその別名に『${typed}』を登録すると取り込めます`,
        );
        (rowProblems[rowProblems.length - 1] as ImportProblem).suggestion = near;
      }
    }
    return typedId;
  };

  let sliceStart = performance.now();
  for (let i = 0; i < table.rows.length; i++) {
    if (i % CLOCK_EVERY_ROWS === 0 && performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    cells = table.rows[i] ?? [];
    row = table.rowNumbers?.[i] ?? headerRow + 1 + i;
    if (cells.every((c) => c.trim() === "")) continue;
    rowProblems = [];

    const receivedText = required("receivedAt");
    let receivedAt: string | null = null;
    if (receivedText !== "") {
      const parsed = parseDateTimeJa(receivedText);
      if (!parsed.ok) {
        problem("receivedAt", receivedText, parsed.message);
      } else if (Date.parse(parsed.iso) > now + FUTURE_TOLERANCE_MS) {
        problem("receivedAt", receivedText, `受付日時『${receivedText}』が未来の日時です`);
      } else if (parsed.date < EARLIEST_VOICE_DATE) {
        // the future is checked above with its own tolerance; here only the earliest date matters
        problem("receivedAt", receivedText, voiceDateProblem(parsed.date, "受付日時") ?? "");
      } else {
        receivedAt = parsed.iso;
      }
    }

    const channelText = text("channel");
    let channelId: number | null;
    if (channelText === "") {
      channelId = defaultChannelId;
      if (channelId === null) problem("channel", "", "受付チャネルを入力してください");
    } else {
      channelId = label("channel", channelText);
    }

    const typeId = label("type", required("type"));
    const categoryId = label("category", required("category"));
    const productLineText = text("productLine");
    const productLineId = label("productLine", productLineText);
    const departmentText = defaultDepartmentId === null ? required("department") : text("department");
    const departmentId = departmentText === "" ? defaultDepartmentId : label("department", departmentText);
    const content = required("content");
    const remedySought = text("remedySought");

    const customer: FileCustomer = {
      name: text("customerName") || null,
      memberNumber: text("memberNumber") || null,
      phone: text("phone") || null,
      email: text("email") || null,
      prefecture: text("prefecture") || null,
      ageBand: text("ageBand") || null,
      gender: text("gender") || null,
    };
    if (customer.email !== null && !emailSchema.safeParse(customer.email).success) {
      problem("email", customer.email, `メールアドレス『${customer.email}』の形式が正しくありません`);
    }

    const externalId = text("externalId") || null;
    if (externalId !== null) {
      const firstRow = externalIdRows.get(externalId);
      if (firstRow === undefined) {
        externalIdRows.set(externalId, row);
      } else {
        problem("externalId", externalId, `外部ID『${externalId}』が${firstRow}行目と重複しています`);
      }
    }

    if (
      rowProblems.length > 0 ||
      receivedAt === null ||
      channelId === null ||
      typeId === null ||
      categoryId === null ||
      departmentId === null ||
      (productLineText !== "" && productLineId === null)
    ) {
      for (const p of rowProblems) problems.push(p);
      continue;
    }
    valid.push({
      row,
      externalId,
      receivedAt,
      channelId,
      typeId,
      categoryId,
      productLineId,
      departmentId,
      content,
      remedySought: remedySought || null,
      customer: Object.values(customer).some((v) => v !== null) ? customer : null,
    });
  }

  return { valid, problems, ignoredColumns: ignored };
}
