/**
 * Starting a report from its kind's template for a period, and making a new version of an approved or published
 * one (a new draft, version + 1, with the same sections and chosen voices, counted afresh).
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, staleVersion } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { periodName } from "../kpi/reporting-period.js";
import type { CreateReportInput } from "./contract.js";
import { REPORT_KIND_LABELS } from "./report-document.js";
import { reportPeriod } from "./report-period.js";
import { featuredRows, reportRow, sectionRows } from "./report-rows.js";
import { reportTemplate } from "./report-templates.js";

export async function createReport(
  trx: Db,
  actor: Actor,
  input: CreateReportInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const period = await reportPeriod(trx, input.kind, input.fiscalYear, input.half);
  if (period.from > jstToday(now))
    throw new AppError(
      "transition_refused",
      `${period.label}はまだ始まっていないため、報告書を作成できません`,
    );
  // a KPI report over a calendar year is named 2023年, as seed 000 is
  const label = input.kind === "kpi" ? periodName(period) : period.label;
  const existing = await trx
    .selectFrom("reports")
    .select(["version"])
    .where("kind", "=", input.kind)
    .where("period_key", "=", period.key)
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (existing)
    throw new AppError(
      "conflict",
      `${label}の${REPORT_KIND_LABELS[input.kind]}はすでにあります（第${existing.version}版）。内容を変えるには新しい版を作成してください`,
    );
  const previousName = await trx
    .selectFrom("reports")
    .select("organisation_name")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const at = now.toISOString();
  const { id } = await trx
    .insertInto("reports")
    .values({
      kind: input.kind,
      fiscal_year: input.fiscalYear,
      half: input.kind === "half-year-review" ? (input.half ?? 0) : 0,
      period_key: period.key,
      period_label: label,
      period_from: period.from,
      period_to: period.to,
      title: input.title || `${label} ${REPORT_KIND_LABELS[input.kind]}`,
      organisation_name: input.organisationName ?? previousName?.organisation_name ?? "",
      status: "draft",
      version: 1,
      previous_id: null,
      created_by: actor.id,
      created_at: at,
      updated_by: actor.id,
      updated_at: at,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const template = reportTemplate(input.kind);
  await trx
    .insertInto("report_sections")
    .values(
      template.map((t, i) => ({
        report_id: id,
        sort_order: i,
        kind: t.kind,
        block: t.block,
        heading: t.heading,
        body: t.body,
        config: JSON.stringify(t.config),
      })),
    )
    .execute();
  await recordAudit(trx, {
    userId: actor.id,
    action: "report_created",
    detail: `${label} ${REPORT_KIND_LABELS[input.kind]}`,
    ip: opts.ip ?? null,
  });
  return id;
}

export async function newReportVersion(
  trx: Db,
  actor: Actor,
  id: number,
  input: { revision: number },
  opts: { now?: Date; ip?: string | null } = {},
): Promise<number> {
  const row = await reportRow(trx, id);
  if (row.revision !== input.revision) throw staleVersion();
  if (row.status === "draft")
    throw new AppError("transition_refused", "下書きはそのまま編集できます（新しい版は承認後に作成します）");
  const later = await trx
    .selectFrom("reports")
    .select("version")
    .where("previous_id", "=", id)
    .executeTakeFirst();
  if (later) throw new AppError("conflict", `この報告書の新しい版（第${later.version}版）がすでにあります`);
  const at = (opts.now ?? new Date()).toISOString();
  const { id: newId } = await trx
    .insertInto("reports")
    .values({
      kind: row.kind,
      fiscal_year: row.fiscal_year,
      half: row.half,
      period_key: row.period_key,
      period_label: row.period_label,
      period_from: row.period_from,
      period_to: row.period_to,
      title: row.title,
      organisation_name: row.organisation_name,
      status: "draft",
      version: row.version + 1,
      previous_id: row.id,
      created_by: actor.id,
      created_at: at,
      updated_by: actor.id,
      updated_at: at,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sections = await sectionRows(trx, id);
  const featured = await featuredRows(
    trx,
    sections.map((s) => s.id),
  );
  for (const s of sections) {
    const { id: sectionId } = await trx
      .insertInto("report_sections")
      .values({
        report_id: newId,
        sort_order: s.sort_order,
        kind: s.kind,
        block: s.block,
        heading: s.heading,
        body: s.body,
        config: s.config,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mine = featured.filter((f) => f.section_id === s.id);
    if (mine.length)
      await trx
        .insertInto("report_featured_voices")
        .values(mine.map(({ id: _id, section_id: _s, ...f }) => ({ ...f, section_id: sectionId })))
        .execute();
  }
  await recordAudit(trx, {
    userId: actor.id,
    action: "report_new_version",
    detail: `${row.title}（第${row.version + 1}版）`,
    ip: opts.ip ?? null,
  });
  return newId;
}
