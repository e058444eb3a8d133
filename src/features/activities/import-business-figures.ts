/**
 * Monthly business figures from a CSV or XLSX file another system wrote (src/io's readers: Shift_JIS or UTF-8,
 * XLSX streamed, row limits). Columns by Japanese heading: 月 (2023-04, 2023/4, 2023年4月), 項目 (保障相談件数,
 * 新規契約件数, 早期消滅・失効件数, 継続率 or their codes), 種目 (継続率の種目), 件数 (継続率は継続件数), 満期件数.
 * Every row is checked before anything is written; the first problem is reported with its row number.
 */
import type { Db } from "../../db/database.js";
import { invalidInput } from "../../errors.js";
import { readTable, TableReadError } from "../../io/read-table.js";
import { saveBusinessFigures } from "./business-figures.js";
import {
  BUSINESS_METRIC_LABELS,
  BUSINESS_METRICS,
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

export async function importBusinessFigures(
  db: Db,
  file: Buffer,
  fileName: string,
  today: string,
): Promise<number> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, fileName);
  } catch (err) {
    if (err instanceof TableReadError) throw invalidInput({ file: err.message }, err.message);
    throw err;
  }
  const columns = table.headers.map((h) => HEADINGS[h.normalize("NFKC").trim()]);
  for (const need of ["month", "metric", "numerator"] as const)
    if (!columns.includes(need)) {
      const name = { month: "月", metric: "項目", numerator: "件数" }[need];
      throw invalidInput({ file: `見出しに「${name}」の列がありません` });
    }
  const rows: BusinessFigureInput[] = [];
  for (const [i, cells] of table.rows.entries()) {
    const rowNo = table.rowNumbers[i];
    const raw: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) raw[c] = cells[j] ?? "";
    });
    const month = monthOf(raw.month ?? "");
    if (!month)
      throw invalidInput({
        [`row${rowNo}.month`]: `${rowNo}行目: 月「${raw.month}」を読めません（2023-04 の形）`,
      });
    const metric = metricOf(raw.metric ?? "");
    if (!metric)
      throw invalidInput({ [`row${rowNo}.metric`]: `${rowNo}行目: 項目「${raw.metric}」はありません` });
    const parsed = businessFigureInputSchema.safeParse({
      month,
      metric,
      line: (raw.line ?? "").trim(),
      numerator: numberOf(raw.numerator ?? ""),
      denominator: numberOf(raw.denominator ?? ""),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidInput({ [`row${rowNo}.${String(issue?.path[0])}`]: `${rowNo}行目: ${issue?.message}` });
    }
    rows.push(parsed.data);
  }
  if (rows.length === 0) throw invalidInput({ file: "取り込む行がありません" });
  try {
    return await saveBusinessFigures(db, rows, today);
  } catch (err) {
    // saveBusinessFigures names rows by their index in the list: name them by the file's row numbers instead
    if (err instanceof Error && "fields" in err && err.fields) {
      const fields = err.fields as Record<string, string>;
      const renamed = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => {
          const idx = Number(/^rows\.(\d+)\./.exec(k)?.[1] ?? -1);
          const rowNo = table.rowNumbers[idx];
          return rowNo === undefined
            ? [k, v]
            : [k.replace(/^rows\.\d+/, `row${rowNo}`), v.replace(/^\d+行目/, `${rowNo}行目`)];
        }),
      );
      throw invalidInput(renamed);
    }
    throw err;
  }
}
