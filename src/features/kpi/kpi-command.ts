/**
 * `koe kpi show --year 2023 [--json]`: the KPI register of a reporting year from the command line — an aligned
 * Japanese table like `koe stats` (theme, KPI, value, last year, year-over-year wording, breakdown), or the API's
 * JSON (GET /api/v1/kpis?year=2023).
 */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { readConfig } from "../../config.js";
import { openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { formatTable } from "../analytics/text-table.js";
import type { KpiRegister } from "./contract.js";
import { kpiRegister } from "./kpi-register.js";

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";
const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

/** The register as terminal lines. */
export function kpiTable(r: KpiRegister): string {
  const period = r.themes[0]?.kpis[0]?.period;
  const rows = r.themes.flatMap((t) =>
    t.kpis.map((k) => [
      `${t.number}${CIRCLED[k.number - 1] ?? `(${k.number})`}`,
      k.name + (k.retiredAt ? "（廃止）" : ""),
      k.display,
      k.previousDisplay,
      k.yoy,
      [k.breakdown.map((b) => `${b.label} ${b.display}`).join("・"), k.note ?? ""].filter(Boolean).join("　"),
    ]),
  );
  const title = period ? `KPI ${period.label}（${period.from}〜${period.to}）` : `KPI ${r.year}年`;
  const lines = formatTable(["番号", "指標", "値", "前年", "前年比", "内訳"], rows, [
    "left",
    "left",
    "right",
    "right",
    "left",
    "left",
  ]);
  return `${[title, "", ...lines].join("\n")}\n`;
}

export function registerKpiCommand(program: Command) {
  const kpi = program.command("kpi").description("顧客本位の業務運営の KPI");
  kpi
    .command("show")
    .description(
      "報告期間（暦年または年度。設定に従います）の KPI を、前年の値と前年比の文言つきで表示します",
    )
    .requiredOption("--year <year>", "年（例: 2023）")
    .option("--json", "JSON で出力します（API の GET /api/v1/kpis?year= と同じ形）")
    .action(async (opts: { year: string; json?: boolean }) => {
      const year = Number(opts.year.normalize("NFKC"));
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        fail("--year は2000〜2100の整数で指定してください（例: --year 2023）");
      const config = readConfig();
      const kdb = await openTarget(config.database);
      try {
        await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
        const res = await kpiRegister(kdb.db, year).catch((err: unknown) => {
          if (err instanceof AppError && err.fields) return fail(Object.values(err.fields).join("\n"));
          throw err;
        });
        if (res.themes.length === 0)
          process.stderr.write(
            "KPI がまだ登録されていません（画面の「ひな形から作成」か POST /api/v1/kpis/template）\n",
          );
        process.stdout.write(opts.json ? `${JSON.stringify(res, null, 2)}\n` : kpiTable(res));
      } finally {
        await kdb.close();
      }
    });
}
