/** Shapes voice rows into the API's VoiceSummary / VoiceDetail; database names stay below this line. */
import type { Selectable } from "kysely";
import { overdueState } from "../../domain/deadlines.js";
import type { Actor, WorkflowVoice } from "../../domain/voice-workflow.js";
import type { LabelRef, Priority, VoiceStatus, VoiceSummary } from "../../shared/api-contract.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { VoicesTable } from "./tables.js";

/**
 * The one list of a voice's columns that a list row, an export row and a similar-voice hit read (over `voices as v`);
 * each adds what only it needs.
 */
export const VOICE_COLUMNS = [
  "v.id",
  "v.receipt_number",
  "v.received_at",
  "v.channel_id",
  "v.type_id",
  "v.category_id",
  "v.product_line_id",
  "v.department_id",
  "v.content",
  "v.status",
  "v.priority",
  "v.assignee_id",
  "v.acknowledge_by",
  "v.resolve_by",
  "v.version",
] as const;

/** A voice's list row: VOICE_COLUMNS and the assignee's name (`users as a` joined on `v.assignee_id`). */
export const VOICE_ROW_COLUMNS = [...VOICE_COLUMNS, "a.name as assignee_name"] as const;

type ColumnName<T> = T extends `v.${infer C}` ? C : never;

/** A row read with VOICE_ROW_COLUMNS, typed from the table (./tables.ts). */
export type VoiceRow = Pick<Selectable<VoicesTable>, ColumnName<(typeof VOICE_COLUMNS)[number]>> & {
  assignee_name: string | null;
};

const EXCERPT_LENGTH = 120;

function ref(l: { id: number; code: string; name: string } | null): LabelRef | null {
  return l ? { id: l.id, code: l.code, name: l.name } : null;
}

function refOrUnknown(l: { id: number; code: string; name: string } | null, id: number): LabelRef {
  return ref(l) ?? { id, code: "unknown", name: "（不明）" };
}

export function presentSummary(r: VoiceRow, tax: TaxonomyIndex, now: Date): VoiceSummary {
  const status = r.status as VoiceStatus;
  const chars = Array.from(r.content);
  return {
    id: r.id,
    receiptNumber: r.receipt_number,
    receivedAt: r.received_at,
    channel: refOrUnknown(tax.byId("channel", r.channel_id), r.channel_id),
    type: refOrUnknown(tax.byId("type", r.type_id), r.type_id),
    category: ref(tax.byId("category", r.category_id)),
    productLine: ref(tax.byId("product_line", r.product_line_id)),
    department: refOrUnknown(tax.byId("department", r.department_id), r.department_id),
    status,
    priority: r.priority as Priority,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "" } : null,
    acknowledgeBy: r.acknowledge_by,
    resolveBy: r.resolve_by,
    overdue: overdueState({ status, acknowledgeBy: r.acknowledge_by, resolveBy: r.resolve_by }, now).overdue,
    excerpt: chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join("")}…` : r.content,
    version: r.version,
  };
}

export function workflowVoice(
  r: {
    status: string;
    department_id: number;
    assignee_id: number | null;
    resolved_by: number | null;
    response_count: number;
    created_by: number | null;
    type_id: number;
  },
  tax: TaxonomyIndex,
): WorkflowVoice {
  return {
    status: r.status as VoiceStatus,
    typeCode: tax.byId("type", r.type_id)?.code ?? "other",
    departmentId: r.department_id,
    assigneeId: r.assignee_id,
    resolvedById: r.resolved_by,
    responseCount: r.response_count,
    createdById: r.created_by,
  };
}

export type { Actor };
