/** A voice's insurer report as the rule sees it: required, due date, pending (closing waits), overdue. */
import type { Db } from "../../db/database.js";
import {
  type InsurerReportRule,
  type ReportableVoice,
  reportDueDate,
  reportOverdue,
  reportPending,
} from "../../domain/insurer-report.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import { getInsurerReportRule } from "./rule-settings.js";

export interface InsurerReportState {
  required: boolean;
  dueDate: string | null;
  pending: boolean;
  overdue: boolean;
}

export function reportableVoice(
  row: {
    type_id: number;
    product_line_id: number | null;
    status: string;
    received_at: string;
    insurer_reported_at: string | null;
  },
  tax: TaxonomyIndex,
): ReportableVoice {
  return {
    typeCode: tax.byId("type", row.type_id)?.code ?? "other",
    productLineCode: tax.byId("product_line", row.product_line_id)?.code ?? null,
    status: row.status,
    receivedAt: row.received_at,
    reportedAt: row.insurer_reported_at,
  };
}

export function stateOf(v: ReportableVoice, rule: InsurerReportRule, now: Date): InsurerReportState {
  const dueDate = reportDueDate(v, rule);
  return {
    required: dueDate !== null,
    dueDate,
    pending: reportPending(v, rule),
    overdue: reportOverdue(v, rule, now),
  };
}

/** Reads the rule and answers for one voice row (the workflow guard and the voice's detail). */
export async function insurerReportState(
  db: Db,
  row: Parameters<typeof reportableVoice>[0],
  tax: TaxonomyIndex,
  now: Date,
): Promise<InsurerReportState> {
  return stateOf(reportableVoice(row, tax), await getInsurerReportRule(db), now);
}
