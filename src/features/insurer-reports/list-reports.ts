/**
 * The insurer reports still to send (未報告), with their due dates, for the user's scope; the overdue ones first.
 * The database narrows to unreported voices of the rule's types (and, for overdue, old enough to be late); the
 * rule itself decides each voice (insurer-report.ts).
 */
import type { Db } from "../../db/database.js";
import { type InsurerReportRule, lastOverdueReceiptDate } from "../../domain/insurer-report.js";
import { addCalendarDays, jstDateTimeToIso } from "../../domain/jst.js";
import { type Actor, insurerReportScopeFor } from "../../domain/roles.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { InsurerReportList } from "./contract.js";
import { reportableVoice, stateOf } from "./report-state.js";
import { getInsurerReportRule } from "./rule-settings.js";

const MAX_ITEMS = 500;

export async function listInsurerReports(
  db: Db,
  actor: Actor | null,
  opts: { state?: "overdue" | "pending"; now: Date; rule?: InsurerReportRule },
): Promise<InsurerReportList> {
  const rule = opts.rule ?? (await getInsurerReportRule(db));
  const tax = await taxonomyIndex(db);
  const scope = actor ? insurerReportScopeFor(actor) : { kind: "organization" as const };
  const typeIds = tax
    .list("type")
    .filter((l) => rule.typeCodes.includes(l.code))
    .map((l) => l.id);
  if (!rule.enabled || scope.kind === "none" || typeIds.length === 0) return { items: [], overdue: 0, rule };

  let q = db
    .selectFrom("voices as v")
    .leftJoin("users as a", "a.id", "v.assignee_id")
    .select([
      "v.id",
      "v.receipt_number",
      "v.received_at",
      "v.type_id",
      "v.product_line_id",
      "v.department_id",
      "v.status",
      "v.insurer_reported_at",
      "v.assignee_id",
      "a.name as assignee_name",
    ])
    .where("v.insurer_reported_at", "is", null)
    .where("v.status", "!=", "voided")
    .where("v.type_id", "in", typeIds);
  if (scope.kind === "department") q = q.where("v.department_id", "=", scope.departmentId);
  if (opts.state === "overdue") {
    const last = lastOverdueReceiptDate(rule, opts.now);
    q = q.where("v.received_at", "<", jstDateTimeToIso(addCalendarDays(last, 1)));
  }
  const rows = await q
    .orderBy("v.received_at")
    .orderBy("v.id")
    .limit(MAX_ITEMS * 4)
    .execute();

  const items: InsurerReportList["items"] = [];
  for (const r of rows) {
    const state = stateOf(reportableVoice(r, tax), rule, opts.now);
    if (!state.required || state.dueDate === null) continue;
    if (opts.state === "overdue" && !state.overdue) continue;
    const ref = (kind: "type" | "product_line" | "department", id: number | null) => {
      const l = tax.byId(kind, id);
      return l ? { id: l.id, code: l.code, name: l.name } : null;
    };
    items.push({
      voiceId: r.id,
      receiptNumber: r.receipt_number,
      receivedAt: r.received_at,
      type: ref("type", r.type_id) ?? { id: r.type_id, code: "unknown", name: "（不明）" },
      productLine: ref("product_line", r.product_line_id),
      department: ref("department", r.department_id) ?? {
        id: r.department_id,
        code: "unknown",
        name: "（不明）",
      },
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? "" } : null,
      status: r.status,
      dueDate: state.dueDate,
      overdue: state.overdue,
    });
  }
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate));
  return { items: items.slice(0, MAX_ITEMS), overdue: items.filter((i) => i.overdue).length, rule };
}
