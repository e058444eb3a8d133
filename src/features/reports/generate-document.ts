/**
 * Generation: a report's sections, counted and resolved now, as the finished document (ReportDocument). Each
 * source is read once and only when a section needs it: the analytics' counts, the KPI register, the review of
 * the half, the public improvement summaries, and the voices staff chose.
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { REPORT_READER } from "../../domain/roles.js";
import { countVoices } from "../analytics/count-voices.js";
import { publicImprovements } from "../improvements/public-improvements.js";
import { kpiRegister } from "../kpi/kpi-register.js";
import { reportingPeriod } from "../kpi/reporting-period.js";
import {
  type AnnualCounts,
  channels,
  typeCategories,
  typeTotals,
  yearOverYearSection,
} from "./annual-voice-blocks.js";
import { kpiTable, principleBlocks, reviewOfHalf } from "./kpi-principle-blocks.js";
import type { FeaturedVoice, ReportDocument, ReportKind, ReportSection } from "./report-document.js";
import { periodWords } from "./report-period.js";
import { featuredRows, parseConfig, type ReportRow, reportRow, sectionRows } from "./report-rows.js";
import type { ReportBlock, ReportStatus } from "./report-templates.js";

/** What a staff reply is printed under: thanks get 「感謝の声をいただいて」 (seeds 003/004), requests and complaints our action. */
export const REPLY_LABELS = {
  featured_thanks: "感謝の声をいただいて",
  voices_by_theme: "私たちの対応",
} as const;

/** Memoised sources: a report with several count blocks counts once. */
function sources(db: Db, report: ReportRow, now: Date) {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>) => {
    if (!memo.has(key)) memo.set(key, f());
    return memo.get(key) as Promise<T>;
  };
  const range = { from: report.period_from, to: report.period_to, compare: "previous_year" as const };
  const periodDays = async () => {
    // improvements are counted over the report's own days, not today's fiscal settings
    const p = await reportingPeriod(db, report.fiscal_year);
    return { ...p, from: report.period_from, to: report.period_to, toExclusive: nextDay(report.period_to) };
  };
  return {
    annual: () =>
      once<AnnualCounts>("annual", async () => {
        const [byTypeCategory, byChannel] = await Promise.all([
          countVoices(db, REPORT_READER, { ...range, by: "type,category" }, { now }),
          countVoices(db, REPORT_READER, { ...range, by: "channel", compare: "none" }, { now }),
        ]);
        return { periodLabel: report.period_label, byTypeCategory, byChannel };
      }),
    kpi: () => once("kpi", () => kpiRegister(db, report.fiscal_year, { today: jstToday(now) })),
    review: () => once("review", () => reviewOfHalf(db, report.fiscal_year, report.half, now)),
    improvements: () => once("improvements", async () => publicImprovements(db, await periodDays())),
  };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function generateDocument(
  db: Db,
  reportId: number,
  opts: { now?: Date } = {},
): Promise<ReportDocument> {
  const now = opts.now ?? new Date();
  const report = await reportRow(db, reportId);
  const sections = await sectionRows(db, reportId);
  const featured = await featuredRows(
    db,
    sections.map((s) => s.id),
  );
  const src = sources(db, report, now);

  const built = await Promise.all(
    sections.map(async (s): Promise<ReportSection> => {
      const id = `s${s.sort_order + 1}`;
      const { heading, body } = s;
      const config = parseConfig(s.config);
      switch (s.block as ReportBlock) {
        case "text":
          return { kind: "text", id, heading, body };
        case "type_totals":
          return typeTotals(id, heading, body, await src.annual());
        case "type_categories":
          return typeCategories(id, heading, body, await src.annual(), config);
        case "channels":
          return channels(id, heading, body, await src.annual());
        case "year_over_year":
          return yearOverYearSection(id, heading, body, await src.annual());
        case "featured_thanks":
        case "voices_by_theme": {
          const voices: FeaturedVoice[] = featured
            .filter((f) => f.section_id === s.id)
            .map((f) => ({
              text: f.text,
              ...(f.reply ? { reply: f.reply } : {}),
              ...(f.attribution ? { attribution: f.attribution } : {}),
              ...(f.theme ? { theme: f.theme } : {}),
            }));
          const replyLabel = REPLY_LABELS[s.block as "featured_thanks" | "voices_by_theme"];
          return { kind: "voices", id, heading, voices, replyLabel, ...(body ? { body } : {}) };
        }
        case "improvement_cases": {
          const list = await src.improvements();
          const cases = list.items.map((i) => ({
            voiceSummary: i.voice,
            improvement: i.result,
            ...(i.kind ? { theme: i.kind } : {}),
          }));
          return { kind: "improvements", id, heading, cases, ...(body ? { body } : {}) };
        }
        case "kpi_table":
          return kpiTable(id, heading, body, await src.kpi());
        case "principles":
          return principleBlocks(id, heading, await src.review());
        default:
          return { kind: "text", id, heading, body };
      }
    }),
  );

  return {
    kind: report.kind as ReportKind,
    title: report.title,
    organisationName: report.organisation_name,
    periodLabel: periodWords(report.period_label, report.period_from, report.period_to),
    periodStart: report.period_from,
    periodEnd: report.period_to,
    version: report.version,
    generatedAt: now.toISOString(),
    status: report.status as ReportStatus,
    sections: built,
  };
}
