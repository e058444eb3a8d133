/** Reading reports: the list, one report with its sections and chosen voices, and its personal-data findings. */
import type { Db } from "../../db/database.js";
import type { FeaturedVoiceOut, ReportDetail, ReportSummary } from "./contract.js";
import { checkFeaturedVoices } from "./personal-data-check.js";
import { REPORT_KIND_LABELS, type ReportKind } from "./report-document.js";
import {
  featuredRows,
  iso,
  isoOrNull,
  parseConfig,
  type ReportRow,
  reportRow,
  sectionRows,
} from "./report-rows.js";
import {
  REPORT_BLOCK_LABELS,
  REPORT_STATUS_LABELS,
  type ReportBlock,
  type ReportStatus,
} from "./report-templates.js";

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const userIds = (r: ReportRow) => [r.created_by, r.updated_by, r.approved_by, r.published_by];

function summaryOf(r: ReportRow, names: Map<number, string>): ReportSummary {
  const ref = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? "" });
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    kindLabel: REPORT_KIND_LABELS[r.kind as ReportKind] ?? r.kind,
    fiscalYear: r.fiscal_year,
    half: r.half,
    periodKey: r.period_key,
    periodLabel: r.period_label,
    from: r.period_from,
    to: r.period_to,
    title: r.title,
    organisationName: r.organisation_name,
    status: r.status as ReportStatus,
    statusLabel: REPORT_STATUS_LABELS[r.status as ReportStatus] ?? r.status,
    version: r.version,
    revision: r.revision,
    previousId: r.previous_id,
    createdBy: ref(r.created_by),
    createdAt: iso(r.created_at),
    updatedBy: ref(r.updated_by),
    updatedAt: iso(r.updated_at),
    approvedBy: ref(r.approved_by),
    approvedAt: isoOrNull(r.approved_at),
    publishedBy: ref(r.published_by),
    publishedAt: isoOrNull(r.published_at),
  };
}

export async function listReports(db: Db): Promise<{ reports: ReportSummary[] }> {
  const rows = await db
    .selectFrom("reports")
    .selectAll()
    .orderBy("fiscal_year", "desc")
    .orderBy("half", "desc")
    .orderBy("kind")
    .orderBy("version", "desc")
    .execute();
  const names = await userNames(db, rows.flatMap(userIds));
  return { reports: rows.map((r) => summaryOf(r, names)) };
}

export async function getReport(db: Db, id: number): Promise<ReportDetail> {
  const row = await reportRow(db, id);
  const sections = await sectionRows(db, id);
  const featured = await featuredRows(
    db,
    sections.map((s) => s.id),
  );
  const receipts = new Map<number, string>();
  if (featured.length) {
    const rows = await db
      .selectFrom("voices")
      .select(["id", "receipt_number"])
      .where("id", "in", [...new Set(featured.map((f) => f.voice_id))])
      .execute();
    for (const r of rows) receipts.set(r.id, r.receipt_number);
  }
  const [names, personalData, next] = await Promise.all([
    userNames(db, userIds(row)),
    checkFeaturedVoices(db, id),
    db.selectFrom("reports").select("id").where("previous_id", "=", id).executeTakeFirst(),
  ]);
  return {
    ...summaryOf(row, names),
    sections: sections.map((s) => ({
      id: s.id,
      kind: s.kind === "text" ? "text" : "generated",
      block: s.block as ReportBlock,
      blockLabel: REPORT_BLOCK_LABELS[s.block as ReportBlock] ?? s.block,
      heading: s.heading,
      body: s.body,
      config: parseConfig(s.config),
      voices: featured
        .filter((f) => f.section_id === s.id)
        .map(
          (f): FeaturedVoiceOut => ({
            id: f.id,
            voiceId: f.voice_id,
            receiptNumber: receipts.get(f.voice_id) ?? null,
            text: f.text,
            reply: f.reply,
            attribution: f.attribution,
            theme: f.theme,
          }),
        ),
    })),
    personalData,
    nextId: next?.id ?? null,
  };
}
