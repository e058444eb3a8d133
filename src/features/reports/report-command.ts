/**
 * `koe report build --kind annual-voice --fy 2022 --format pdf,html,xlsx --out DIR`: one report's files — the
 * latest version of that kind and period (its frozen document once approved), or, when none was made yet, the
 * kind's template generated now without storing anything. `koe publish --out DIR`: the static site of every
 * published report (the latest published version of each), for any web server; re-running gives the same bytes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { readConfig } from "../../config.js";
import { type KoeDatabase, openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { recordCliAudit } from "../../services/audit.js";
import { reportDocument } from "./approve-report.js";
import { createReport } from "./create-report.js";
import { generateDocument } from "./generate-document.js";
import { type PublishedReport, writePublishedSite } from "./render/published-site.js";
import { renderReportHtml } from "./render/report-html.js";
import { renderReportPdf } from "./render/report-pdf.js";
import { renderReportXlsx } from "./render/report-xlsx.js";
import { REPORT_KINDS, type ReportDocument, type ReportKind } from "./report-document.js";
import { reportFileBase } from "./report-file-name.js";
import { reportPeriod } from "./report-period.js";
import { iso } from "./report-rows.js";

const FORMATS = ["html", "pdf", "xlsx"] as const;
type Format = (typeof FORMATS)[number];
const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

/** Thrown to roll back the draft a build makes when the period has no report yet. */
class Rollback extends Error {
  constructor(readonly doc: ReportDocument) {
    super("rollback");
  }
}

/** The document of that kind and period: the stored latest version, or the template generated now (nothing kept). */
export async function buildDocument(
  kdb: KoeDatabase,
  kind: ReportKind,
  fy: number,
  half: number | undefined,
) {
  const { db } = kdb;
  const period = await reportPeriod(db, kind, fy, half);
  const existing = await db
    .selectFrom("reports")
    .select("id")
    .where("kind", "=", kind)
    .where("period_key", "=", period.key)
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (existing) return reportDocument(db, existing.id);
  const admin = await db
    .selectFrom("users")
    .select(["id", "department_id"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  try {
    await db.transaction().execute(async (trx) => {
      const actor = { id: admin.id, role: "admin" as const, departmentId: admin.department_id };
      const id = await createReport(trx, actor, {
        kind,
        fiscalYear: fy,
        ...(half ? { half: half as 1 | 2 } : {}),
      });
      throw new Rollback(await generateDocument(trx, id));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.doc;
    throw err;
  }
  return fail("報告書を作成できませんでした");
}

const SLUG_OF = (r: { kind: string; period_key: string }) => `${r.kind}-${r.period_key}`.toLowerCase();

export function registerReportCommands(program: Command) {
  const report = program.command("report").description("報告書（年次報告書・KPI 報告・半期の取組み報告）");
  report
    .command("build")
    .description("報告書のファイルを作ります（承認済みなら承認時の内容、未作成ならひな形から今の数値で）")
    .requiredOption("--kind <kind>", `種類: ${REPORT_KINDS.join(" / ")}`)
    .requiredOption("--fy <year>", "年度（KPI 報告は報告期間の年）")
    .option("--half <half>", "半期の取組み報告の半期（1: 上期、2: 下期）")
    .option("--format <list>", "html,pdf,xlsx のうち作るもの（カンマ区切り）", "html,pdf,xlsx")
    .requiredOption("--out <dir>", "出力先のフォルダー")
    .action(async (opts: { kind: string; fy: string; half?: string; format: string; out: string }) => {
      if (!(REPORT_KINDS as readonly string[]).includes(opts.kind))
        fail(`--kind は ${REPORT_KINDS.join("、")} のいずれかです`);
      const fy = Number(opts.fy.normalize("NFKC"));
      if (!Number.isInteger(fy) || fy < 2000 || fy > 2100) fail("--fy は2000〜2100の整数で指定してください");
      const half = opts.half === undefined ? undefined : Number(opts.half);
      const formats = opts.format.split(",").map((f) => f.trim().toLowerCase());
      const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
      if (unknown.length) fail(`--format に使えるのは html、pdf、xlsx です（${unknown.join("、")}）`);
      const config = readConfig();
      const kdb = await openTarget(config.database);
      try {
        await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
        const doc = await buildDocument(kdb, opts.kind as ReportKind, fy, half).catch((err: unknown) => {
          if (err instanceof AppError)
            return fail(err.fields ? Object.values(err.fields).join("\n") : err.message);
          throw err;
        });
        await mkdir(opts.out, { recursive: true });
        const base = reportFileBase(doc);
        for (const f of formats as Format[]) {
          const bytes =
            f === "html"
              ? renderReportHtml(doc)
              : f === "pdf"
                ? await renderReportPdf(doc)
                : await renderReportXlsx(doc);
          const file = join(opts.out, `${base}.${f}`);
          await writeFile(file, bytes);
          // as a download of the same file through the API is
          await recordCliAudit(kdb.db, { action: "file_exported", detail: file });
          process.stdout.write(`${file}\n`);
        }
      } finally {
        await kdb.close();
      }
    });

  program
    .command("publish")
    .description("公開済みの報告書の静的サイト（一覧、報告書ごとのページと PDF・Excel）を作ります")
    .requiredOption("--out <dir>", "出力先のフォルダー（koe が作ったサイトか空のフォルダー）")
    .action(async (opts: { out: string }) => {
      const config = readConfig();
      const kdb = await openTarget(config.database);
      try {
        await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
        const rows = await kdb.db
          .selectFrom("reports")
          .select(["id", "kind", "period_key", "version", "published_at"])
          .where("status", "=", "published")
          .orderBy("version", "desc")
          .execute();
        // the latest published version of each kind and period
        const latest = new Map<string, (typeof rows)[number]>();
        for (const r of rows) if (!latest.has(SLUG_OF(r))) latest.set(SLUG_OF(r), r);
        const reports: PublishedReport[] = [];
        for (const [slug, r] of latest)
          reports.push({
            slug,
            document: await reportDocument(kdb.db, r.id),
            publishedAt: iso(r.published_at),
          });
        await writePublishedSite(opts.out, reports);
        // as each report's download through the API is: one entry for the site, naming the reports it holds
        await recordCliAudit(kdb.db, {
          action: "file_exported",
          detail: `公開サイト: ${opts.out}（報告書 ${reports.length} 件${reports.length ? `: ${reports.map((r) => r.slug).join("、")}` : ""}）`,
        });
        process.stdout.write(
          `公開済みの報告書 ${reports.length} 件のサイトを ${opts.out} に書き出しました\n`,
        );
      } finally {
        await kdb.close();
      }
    });
}
