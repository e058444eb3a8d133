/** Reads one voice with its timeline; customer fields are masked by role and every unmasked view is audited. */
import type { Db } from "../../db/database.js";
import {
  type Actor,
  allowedActions,
  canSeeCustomer,
  complaintTypeChangedBy,
} from "../../domain/voice-workflow.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import type { Customer, TimelineEvent, VoiceDetail, VoiceReview } from "../../shared/api-contract.js";
import {
  maskAddress,
  maskEmail,
  maskKana,
  maskMemberNumber,
  maskName,
  maskPhone,
} from "../../shared/masking.js";
import { voiceReview } from "../classifier/voice-review.js";
import { type InsurerReportState, insurerReportState } from "../insurer-reports/report-state.js";
import { type TaxonomyIndex, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { loadMergedVoices, loadTimeline } from "./voice-events.js";
import { presentSummary, VOICE_ROW_COLUMNS, workflowVoice } from "./voice-presenter.js";

export async function loadVoiceRow(db: Db, id: number) {
  const row = await db
    .selectFrom("voices as v")
    .leftJoin("users as a", "a.id", "v.assignee_id")
    .leftJoin("users as c", "c.id", "v.created_by")
    .leftJoin("users as r", "r.id", "v.resolved_by")
    .select(VOICE_ROW_COLUMNS)
    .select([
      "v.remedy_sought",
      "v.customer_id",
      "v.resolved_by",
      "r.name as resolved_by_name",
      "v.response_count",
      "v.created_by",
      "c.name as created_by_name",
      "v.created_at",
      "v.updated_at",
      "v.void_reason",
      "v.insurer_name",
      "v.insurer_reported_at",
      "v.insurer_answer",
      "v.insurer_answered_at",
      "v.acknowledged_at",
      "v.fiscal_year",
      "v.external_id",
    ])
    .where("v.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("声");
  return row;
}

export type VoiceFullRow = Awaited<ReturnType<typeof loadVoiceRow>>;

async function loadCustomer(db: Db, customerId: number, masked: boolean): Promise<Customer | null> {
  const c = await db.selectFrom("customers").selectAll().where("id", "=", customerId).executeTakeFirst();
  if (!c) return null;
  return {
    name: masked ? maskName(c.name) : c.name,
    kana: masked ? maskKana(c.kana) : c.kana,
    memberNumber: masked ? maskMemberNumber(c.member_number) : c.member_number,
    phone: masked ? maskPhone(c.phone) : c.phone,
    email: masked ? maskEmail(c.email) : c.email,
    prefecture: c.prefecture,
    address: masked ? maskAddress(c.address) : c.address,
    ageBand: c.age_band,
    gender: c.gender,
    contactConsent: Boolean(c.contact_consent),
    masked,
  };
}

export function presentDetail(
  row: VoiceFullRow,
  tax: TaxonomyIndex,
  actor: Actor,
  customer: Customer | null,
  timeline: TimelineEvent[],
  now: Date,
  report: InsurerReportState,
  review: VoiceReview | null,
): VoiceDetail {
  return {
    ...presentSummary(row, tax, now),
    content: row.content,
    remedySought: row.remedy_sought,
    customer,
    insurerReport: {
      insurer: row.insurer_name,
      reportedAt: row.insurer_reported_at,
      answer: row.insurer_answer,
      answeredAt: row.insurer_answered_at,
      required: report.required,
      dueDate: report.dueDate,
      overdue: report.overdue,
    },
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "" } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedBy: row.resolved_by ? { id: row.resolved_by, name: row.resolved_by_name ?? "" } : null,
    voidReason: row.void_reason,
    timeline,
    allowedActions: allowedActions(
      {
        ...workflowVoice(row, tax),
        complaintTypeChangedById: complaintTypeChangedBy(timeline),
        insurerReportPending: report.pending,
      },
      actor,
    ),
    review,
  };
}

export async function getVoice(
  db: Db,
  actor: Actor,
  id: number,
  ctx: { ip?: string | null } = {},
): Promise<VoiceDetail> {
  // The reads that need only the id go out together: on a busy server each round trip also waits its turn.
  const tax = await taxonomyIndex(db);
  const [row, timeline, review] = await Promise.all([
    loadVoiceRow(db, id),
    loadTimeline(db, id),
    voiceReview(db, id, tax),
  ]);
  const unmasked = canSeeCustomer(actor, { departmentId: row.department_id });
  const now = new Date();
  const [customer, report] = await Promise.all([
    row.customer_id === null ? null : loadCustomer(db, row.customer_id, !unmasked),
    insurerReportState(db, row, tax, now),
  ]);
  if (customer && unmasked) {
    await recordAudit(db, { userId: actor.id, action: "customer_viewed", voiceId: id, ip: ctx.ip ?? null });
  }
  const detail = presentDetail(row, tax, actor, customer, timeline, now, report, review);
  // A voice that absorbed duplicates shows their timelines too.
  if (timeline.some((e) => e.kind === "merged" && e.data.role === "survivor")) {
    detail.mergedVoices = await loadMergedVoices(db, timeline);
  }
  return detail;
}
