/**
 * Monthly business figures from a CSV or XLSX file another system wrote (src/io's readers: Shift_JIS or UTF-8,
 * XLSX streamed, row limits). Columns by Japanese heading: 月 (2023-04, 2023/4, 2023年4月), 項目 (保障相談件数,
 * 新規契約件数, 早期消滅・失効件数, 継続率 or their codes), 種目 (継続率の種目), 件数 (継続率は継続件数), 満期件数.
 * Every row is checked before anything is written; each problem is reported with its row number, and a dry run
 * checks without writing.
 */
import type { Db } from "../../db/database.js";
import { AppError, invalidInput } from "../../errors.js";
import { readTable, TableReadError } from "../../io/read-table.js";
import { checkBusinessFigure, countStoredFigures, saveBusinessFigures } from "./business-figures.js";
import {
  BUSINESS_METRIC_LABELS,
  BUSINESS_METRICS,
  type BusinessFigureImportResult,
  type BusinessFigureInput,
  type BusinessMetric,
  businessFigureInputSchema,
} from "./contract.js";

const HEADINGS: Record<string, keyof BusinessFigureInput> = {
  月: "month",
  年月: "month",
  month: "month",
  項目: "metric",
  metric: "metric",
  種目: "line",
  line: "line",
  件数: "numerator",
  継続件数: "numerator",
  numerator: "numerator",
  満期件数: "denominator",
  分母: "denominator",
  denominator: "denominator",
};

function monthOf(raw: string): string | null {
  const m = /^(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?(?:[-/]\d{1,2}日?)?$/.exec(raw.normalize("NFKC").trim());
  if (!m) return null;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12 ? `${m[1]}-${String(mo).padStart(2, "0")}` : null;
}

function metricOf(raw: string): BusinessMetric | null {
  const s = raw.normalize("NFKC").trim();
  return (
    BUSINESS_METRICS.find(
      (m) =>
        m === s || BUSINESS_METRIC_LABELS[m] === s || BUSINESS_METRIC_LABELS[m].replace("件数", "") === s,
    ) ?? null
  );
}

const numberOf = (raw: string): number | null => {
  const s = raw
    .normalize("NFKC")
    .replace(/[,，件]/g, "")
    .trim();
  return s === "" ? null : Number(s);
};

/** Most row problems reported at once: enough to fix a file in one go, without a wall of text. */
const MAX_PROBLEMS = 50;

/** A field's problem from checkBusinessFigure ("rows.3.numerator": "4行目: …") renamed by the file's row. */
function problemsOf(err: unknown, rowNo: number): Record<string, string> | null {
  if (!(err instanceof AppError) || err.code !== "invalid_input" || !err.fields) return null;
  return Object.fromEntries(
    Object.entries(err.fields).map(([k, v]) => [
      k.replace(/^rows\.\d+/, `row${rowNo}`),
      v.replace(/^\d+行目/, `${rowNo}行目`),
    ]),
  );
}

/**
 * Reads and checks every row; with `dryRun` stores nothing and says what an import would do. Any problem is a
 * 400 listing each bad row's field in Japanese (行番号 as in the file, up to 50), and nothing is stored.
 */
export async function importBusinessFigures(
  db: Db,
  file: Buffer,
  fileName: string,
  today: string,
  opts: { dryRun?: boolean } = {},
): Promise<BusinessFigureImportResult> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, fileName);
  } catch (err) {
    if (err instanceof TableReadError) throw invalidInput({ file: err.message }, err.message);
    throw err;
  }
  const columns = table.headers.map((h) => HEADINGS[h.normalize("NFKC").trim()]);
  const missing = (["month", "metric", "numerator"] as const)
    .filter((need) => !columns.includes(need))
    .map((need) => ({ month: "月", metric: "項目", numerator: "件数" })[need]);
  if (missing.length) {
    const message = `見出しに「${missing.join("」「")}」の列がありません（見出し: 月・項目・種目・件数・満期件数）`;
    throw invalidInput({ file: message }, message);
  }
  const rows: BusinessFigureInput[] = [];
  const problems: Record<string, string> = {};
  const seen = new Map<string, number>();
  const add = (more: Record<string, string>) => {
    for (const [k, v] of Object.entries(more))
      if (Object.keys(problems).length < MAX_PROBLEMS) problems[k] = v;
  };
  for (const [i, cells] of table.rows.entries()) {
    const rowNo = table.rowNumbers[i] ?? i + 2;
    const raw: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) raw[c] = cells[j] ?? "";
    });
    const month = monthOf(raw.month ?? "");
    if (!month) {
      add({ [`row${rowNo}.month`]: `${rowNo}行目: 月「${raw.month ?? ""}」を読めません（2023-04 の形）` });
      continue;
    }
    const metric = metricOf(raw.metric ?? "");
    if (!metric) {
      add({ [`row${rowNo}.metric`]: `${rowNo}行目: 項目「${raw.metric ?? ""}」はありません` });
      continue;
    }
    const parsed = businessFigureInputSchema.safeParse({
      month,
      metric,
      line: (raw.line ?? "").trim(),
      numerator: numberOf(raw.numerator ?? ""),
      denominator: numberOf(raw.denominator ?? ""),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      add({ [`row${rowNo}.${String(issue?.path[0])}`]: `${rowNo}行目: ${issue?.message}` });
      continue;
    }
    try {
      checkBusinessFigure(parsed.data, i, today);
    } catch (err) {
      const p = problemsOf(err, rowNo);
      if (!p) throw err;
      add(p);
      continue;
    }
    const key = `${parsed.data.month}|${parsed.data.metric}|${parsed.data.line}`;
    const first = seen.get(key);
    if (first !== undefined) {
      add({ [`row${rowNo}.month`]: `${rowNo}行目: ${first}行目と同じ月・項目・種目です` });
      continue;
    }
    seen.set(key, rowNo);
    rows.push(parsed.data);
  }
  const n = Object.keys(problems).length;
  if (n)
    throw invalidInput(
      problems,
      `${n}${n >= MAX_PROBLEMS ? "件以上" : "件"}の誤りがあります。何も取り込んでいません`,
    );
  if (rows.length === 0) throw invalidInput({ file: "取り込む行がありません" }, "取り込む行がありません");
  const replaced = await countStoredFigures(db, rows);
  if (opts.dryRun) return { dryRun: true, checked: rows.length, saved: 0, replaced };
  const saved = await saveBusinessFigures(db, rows, today);
  return { dryRun: false, checked: rows.length, saved, replaced };
}
