/**
 * `koe stats`: the analytics' counts from the command line — an aligned table in the terminal, or JSON / CSV
 * (UTF-8 with BOM, or Shift_JIS for older Excel) for scripts and the reports' tests. Acts as the system (every
 * department), like the other commands with database access.
 */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { readConfig } from "../../config.js";
import { openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { encodeCp932 } from "../../io/export-voices.js";
import { neutralizeFormula } from "../../io/formula-guard.js";
import { recordCliAudit } from "../../services/audit.js";
import type { CompareOption, CountCell, CountRow, CountsResponse } from "./contract.js";
import { DIMENSION_LABELS } from "./contract.js";
import { countVoices } from "./count-voices.js";
import { formatTable } from "./text-table.js";

const SYSTEM_ACTOR = { id: 0, role: "admin" as const, departmentId: null };

export interface StatsOptions {
  fy?: string;
  period?: string;
  from?: string;
  to?: string;
  by?: string;
  compare?: boolean;
  json?: boolean;
  csv?: boolean;
  encoding?: string;
  type?: string;
  category?: string;
  channel?: string;
  department?: string;
  status?: string;
}

const OPTION_OF_FIELD: Record<string, string> = {
  period: "--period（--fy）",
  from: "--from",
  to: "--to",
  by: "--by",
  type: "--type",
  category: "--category",
  channel: "--channel",
  department: "--department",
  status: "--status",
};

const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

const n = (x: number) => x.toLocaleString("ja-JP");
const pct = (x: number | null) => (x === null ? "—" : `${x.toFixed(1)}%`);
const signed = (x: number | null, f: (v: number) => string) =>
  x === null ? "—" : `${x > 0 ? "+" : ""}${f(x)}`;

/** The query the API would get, from the command's options (the same validation and Japanese errors). */
export function statsQuery(opts: StatsOptions) {
  if (opts.fy !== undefined && opts.period !== undefined)
    fail("--fy と --period は同時に指定できません（どちらか一方にしてください）");
  if (opts.fy !== undefined && !/^\d{4}$/.test(opts.fy.trim()))
    fail(`--fy には年度を4桁の数字で指定してください（例: --fy 2022）。指定された値: ${opts.fy}`);
  if (opts.json && opts.csv) fail("--json と --csv は同時に指定できません");
  const compare: CompareOption = opts.compare ? "previous_year" : "none";
  return {
    period: opts.fy !== undefined ? `fy${opts.fy.trim()}` : opts.period,
    from: opts.from,
    to: opts.to,
    by: opts.by ?? "type",
    compare,
    type: opts.type,
    category: opts.category,
    channel: opts.channel,
    department: opts.department,
    status: opts.status,
  };
}

function headerOf(res: CountsResponse): string[] {
  const h = [...res.by.map((d) => DIMENSION_LABELS[d]), "件数", "構成比"];
  if (res.by.length === 2) h.push(`${DIMENSION_LABELS[res.by[0] ?? "type"]}内の構成比`);
  if (res.comparison) h.push(`前年同期（${res.comparison.label}）`, "増減", "増減率");
  return h;
}

/** groupShare: the share within the row's group; undefined on subtotals and the total, where it does not apply. */
function cellsOf(c: CountCell, res: CountsResponse, groupShare?: number | null): string[] {
  const out = [n(c.count), pct(c.sharePercent)];
  if (res.by.length === 2) out.push(groupShare === undefined ? "" : pct(groupShare));
  if (res.comparison)
    out.push(
      c.previous === null ? "—" : n(c.previous),
      signed(c.change, n),
      signed(c.changePercent, (v) => `${v.toFixed(1)}%`),
    );
  return out;
}

/**
 * The terminal table: every row with a count in either period (JSON and CSV keep the zeros too), a 小計 after
 * each group of a two-dimension table, and the 合計.
 */
export function statsTable(res: CountsResponse): string {
  const title = `${res.period.label}（${res.period.rangeLabel}）の声　${res.by.map((d) => DIMENSION_LABELS[d]).join(" × ")}`;
  const counted = (c: CountCell) => c.count > 0 || (c.previous ?? 0) > 0;
  const rows: string[][] = [];
  if (res.by.length === 1) {
    for (const r of res.rows.filter(counted)) rows.push([r.keys[0]?.label ?? "", ...cellsOf(r, res)]);
  } else {
    for (const group of (res.byDimension[0] ?? []).filter(counted)) {
      const key = group.keys[0];
      const inGroup = (x: CountRow) => x.keys[0]?.key === key?.key && x.keys[0]?.id === key?.id;
      for (const r of res.rows.filter((x) => counted(x) && inGroup(x)))
        rows.push([
          r.keys[0]?.label ?? "",
          r.keys[1]?.label ?? "",
          ...cellsOf(r, res, r.shareOfGroupPercent),
        ]);
      rows.push([key?.label ?? "", "小計", ...cellsOf(group, res)]);
    }
  }
  rows.push(["合計", ...res.by.slice(1).map(() => ""), ...cellsOf(res.total, res)]);
  const header = headerOf(res);
  const align = header.map((_, i) => (i < res.by.length ? "left" : "right") as "left" | "right");
  const lines = [
    title,
    ...(res.comparison ? [`比較: ${res.comparison.label}（${res.comparison.rangeLabel}）`] : []),
  ];
  if (res.period.state === "upcoming") lines.push("（この期間はまだ始まっていません）");
  else if (res.period.state === "in_progress")
    lines.push(`（期間の途中です: ${res.period.elapsedDays}日目／${res.period.totalDays}日）`);
  if (res.period.state !== "upcoming" && res.total.count === 0)
    lines.push("（この期間に数える声はありません）");
  return `${[...lines, "", ...formatTable(header, rows, align)].join("\n")}\n`;
}

const csvField = (s: string) => {
  const v = neutralizeFormula(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** CSV for spreadsheets: labels and codes of each dimension, plain numbers, CRLF line ends. */
export function statsCsv(res: CountsResponse): string {
  const head = res.by.flatMap((d) => [DIMENSION_LABELS[d], `${DIMENSION_LABELS[d]}コード`]);
  head.push("件数", "構成比(%)");
  if (res.by.length === 2) head.push(`${DIMENSION_LABELS[res.by[0] ?? "type"]}内の構成比(%)`);
  if (res.comparison) head.push("前年同期", "増減", "増減率(%)");
  const num = (x: number | null) => (x === null ? "" : String(x));
  const line = (keys: string[], c: CountCell, groupShare: number | null) => {
    const out = [...keys, String(c.count), num(c.sharePercent)];
    if (res.by.length === 2) out.push(num(groupShare));
    if (res.comparison) out.push(num(c.previous), num(c.change), num(c.changePercent));
    return out.map(csvField).join(",");
  };
  const lines = [head.map(csvField).join(",")];
  for (const r of res.rows)
    lines.push(
      line(
        r.keys.flatMap((k) => [k.label, k.key ?? ""]),
        r,
        r.shareOfGroupPercent,
      ),
    );
  lines.push(line(["合計", "", ...res.by.slice(1).flatMap(() => ["", ""])], res.total, null));
  return `${lines.join("\r\n")}\r\n`;
}

export function registerStatsCommand(program: Command) {
  program
    .command("stats")
    .description(
      "声の件数を期間と軸（種別・分類など1つか2つ）で集計して表示します（取消・統合された重複は数えません）。既定は表、--json / --csv でスクリプト向け",
    )
    .option("--fy <year>", "年度（例: 2022。年度の開始月は設定に従います）")
    .option("--period <period>", "期間: fy2022、fy2022h1（上期）、fy2022q3、2025-04 など")
    .option("--from <date>", "期間指定の開始日（--to と組で。例: 2025/4/1）")
    .option("--to <date>", "期間指定の終了日（この日を含む）")
    .option(
      "--by <dimensions>",
      "集計の軸（カンマ区切りで1つか2つ）: type, category, channel, product_line, department, status, priority, prefecture, age_band, gender, month",
      "type",
    )
    .option("--compare", "前年同期と比べます（件数・増減・増減率）")
    .option("--json", "JSON で出力します（API の /api/v1/analysis/counts と同じ形）")
    .option("--csv", "CSV で出力します（既定は UTF-8 BOM 付き）")
    .option("--encoding <encoding>", "CSV の文字コード: utf8（BOM付き）または shift_jis", "utf8")
    .option("--type <codes>", "種別で絞り込み（コードまたは名称、カンマ区切り）")
    .option("--category <codes>", "分類で絞り込み")
    .option("--channel <codes>", "受付チャネルで絞り込み")
    .option("--department <codes>", "部署で絞り込み")
    .option("--status <statuses>", "状態で絞り込み（received,in_progress,resolved,closed）")
    .action(async (opts: StatsOptions) => {
      const encoding = (opts.encoding ?? "utf8").toLowerCase().replace("-", "_");
      if (!["utf8", "shift_jis", "sjis"].includes(encoding)) fail("--encoding は utf8 か shift_jis です");
      if (encoding !== "utf8" && !opts.csv) fail("--encoding は --csv と一緒に指定してください");
      const query = statsQuery(opts);
      const config = readConfig();
      const kdb = await openTarget(config.database);
      try {
        await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
        const res = await countVoices(kdb.db, SYSTEM_ACTOR, query).catch((err: unknown) => {
          if (err instanceof AppError && err.fields && Object.keys(err.fields).length) {
            const lines = Object.entries(err.fields).map(([k, v]) => `${OPTION_OF_FIELD[k] ?? k}: ${v}`);
            return fail(lines.join("\n"));
          }
          throw err;
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
        else if (opts.csv) {
          const text = statsCsv(res);
          // a table taken out of koe, as the API's download of the same counts is audited
          await recordCliAudit(kdb.db, {
            action: "file_exported",
            detail: `声の件数 CSV（${res.period.label}、${res.by.map((d) => DIMENSION_LABELS[d]).join(" × ")}、${encoding === "utf8" ? "UTF-8" : "Shift_JIS"}、標準出力へ）`,
          });
          process.stdout.write(
            encoding === "utf8"
              ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
              : encodeCp932(text),
          );
        } else process.stdout.write(statsTable(res));
      } finally {
        await kdb.close();
      }
    });
}
