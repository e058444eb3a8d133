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

/** The voice's own row with the names of its assignee, creator and resolver. */
function voiceRowQuery(db: Db, id: number) {
  return db
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
    .where("v.id", "=", id);
}

export async function loadVoiceRow(db: Db, id: number) {
  const row = await voiceRowQuery(db, id).executeTakeFirst();
  if (!row) throw notFound("声");
  return row;
}

export type VoiceFullRow = Awaited<ReturnType<typeof loadVoiceRow>>;

/** The row and its customer in one statement (each statement is a round trip; a voice is opened constantly). */
async function loadVoiceRowWithCustomer(db: Db, id: number) {
  const row = await voiceRowQuery(db, id)
    .leftJoin("customers as cu", "cu.id", "v.customer_id")
    .select([
      "cu.id as cu_id",
      "cu.name as cu_name",
      "cu.kana as cu_kana",
      "cu.member_number as cu_member_number",
      "cu.phone as cu_phone",
      "cu.email as cu_email",
      "cu.prefecture as cu_prefecture",
      "cu.address as cu_address",
      "cu.age_band as cu_age_band",
      "cu.gender as cu_gender",
      "cu.contact_consent as cu_contact_consent",
    ])
    .executeTakeFirst();
  if (!row) throw notFound("声");
  return row;
}

type CustomerColumns = Pick<
  Awaited<ReturnType<typeof loadVoiceRowWithCustomer>>,
  | "cu_id"
  | "cu_name"
  | "cu_kana"
  | "cu_member_number"
  | "cu_phone"
  | "cu_email"
  | "cu_prefecture"
  | "cu_address"
  | "cu_age_band"
  | "cu_gender"
  | "cu_contact_consent"
>;

function presentCustomer(r: CustomerColumns, masked: boolean): Customer | null {
  if (r.cu_id === null) return null;
  return {
    name: masked ? maskName(r.cu_name) : r.cu_name,
    kana: masked ? maskKana(r.cu_kana) : r.cu_kana,
    memberNumber: masked ? maskMemberNumber(r.cu_member_number) : r.cu_member_number,
    phone: masked ? maskPhone(r.cu_phone) : r.cu_phone,
    email: masked ? maskEmail(r.cu_email) : r.cu_email,
    prefecture: r.cu_prefecture,
    address: masked ? maskAddress(r.cu_address) : r.cu_address,
    ageBand: r.cu_age_band,
    gender: r.cu_gender,
    contactConsent: Boolean(r.cu_contact_consent),
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
    loadVoiceRowWithCustomer(db, id),
    loadTimeline(db, id),
    voiceReview(db, id, tax),
  ]);
  const unmasked = canSeeCustomer(actor, { departmentId: row.department_id });
  const now = new Date();
  const customer = presentCustomer(row, !unmasked);
  const report = await insurerReportState(db, row, tax, now);
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
