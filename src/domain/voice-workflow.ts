// The voice workflow: which action may move a voice from which status, and who may take it.
// 受付 received → 対応中 in_progress → 対応済 resolved → 完了 closed; 取消 voided from any status.
import { VOICE_ACTIONS, type VoiceActionName, type VoiceStatus } from "../shared/api-contract.js";
import { STATUS_LABELS } from "../shared/labels-ja.js";
import { INSURER_REPORT_MESSAGES } from "./insurer-report.js";
import { type Actor, canChangeComplaintType, canHandle, canVoid, isLeadOf } from "./roles.js";

export type { Actor } from "./roles.js";
export {
  canChangeComplaintType,
  canEditVoice,
  canHandle,
  canRegister,
  canSeeCustomer,
  canVoid,
} from "./roles.js";

export interface WorkflowVoice {
  status: VoiceStatus;
  typeCode: string;
  departmentId: number;
  assigneeId: number | null;
  resolvedById: number | null;
  /** how many times what the customer was told has been recorded (respond) */
  responseCount: number;
  createdById: number | null;
  /**
   * Who last changed the type away from complaint (their "type_changed" event), so that they cannot also
   * close the voice alone; null or absent when nobody did.
   */
  complaintTypeChangedById?: number | null;
  /** the insurer report settings ask for a report that is not yet sent (insurer-report.ts reportPending) */
  insurerReportPending?: boolean;
}

export type Decision =
  | { ok: true; nextStatus: VoiceStatus }
  | { ok: false; code: "forbidden" | "transition_refused"; message: string }
  /** an input the action needs is missing (reported on that field, 400) */
  | { ok: false; code: "invalid_input"; field: string; message: string };

export const COMPLAINT_TYPE_CODE = "complaint";
export const PRAISE_TYPE_CODE = "praise";
/** The timeline event of a change of type away from complaint (its own event: it carries the reason). */
export const TYPE_CHANGED_EVENT = "type_changed";

export const MESSAGES = {
  viewer: "閲覧者の権限では声の対応操作はできません",
  notHandler: "この声は他部署の担当のため操作できません（対応部署の職員、担当者、CS部門が操作できます）",
  approveRole: "苦情の完了承認は、対応部署の責任者またはCS部門のみが行えます",
  voidRole: "取消は、対応部署の責任者、CS部門または管理者のみが行えます",
  selfApproval: "対応済にした本人は承認できません。別の責任者またはCS部門の承認が必要です",
  complaintClose: "苦情は責任者またはCS部門の承認で完了します。「承認して完了」を使ってください",
  noResponse: "顧客への回答記録がないため完了できません。先に「回答を記録」してください",
  voided: "取り消された声は操作できません",
  alreadyVoided: "この声はすでに取り消されています",
  alreadyClosed: "この声はすでに完了しています",
  complaintTypeRole:
    "苦情の種別は、対応部署の責任者、CS部門または管理者のみが変更できます。種別の変更が必要な場合は責任者に依頼してください",
  complaintTypeReason: "苦情から種別を変更する理由を入力してください（対応履歴に残ります）",
  closeAfterOwnTypeChange:
    "苦情から種別を変更した本人は、この声を完了にできません。ほかの職員（担当者・責任者・CS部門）が完了にしてください",
  mergeRole: "重複の統合は、対応部署の責任者、CS部門または管理者のみが行えます",
  mergeOtherDepartment:
    "この声は他部署の声のため、統合（取消）できません。統合できるのは、この声の対応部署の責任者、CS部門または管理者です",
  mergeIntoOtherDepartment:
    "統合先の声は他部署の声のため、統合できません。統合は、両方の声の対応部署の責任者、CS部門または管理者が行えます",
  mergeClosed: "完了した声は統合できません。重複として統合する場合は、先に再開してください",
  mergeIntoVoided: "取り消された声には統合できません",
  mergeIntoClosed: "完了した声には統合できません。統合先の声を再開するか、別の声を選んでください",
} as const;

const ok = (nextStatus: VoiceStatus): Decision => ({ ok: true, nextStatus });
const forbidden = (message: string): Decision => ({ ok: false, code: "forbidden", message });
const refused = (message: string): Decision => ({ ok: false, code: "transition_refused", message });
const reportFirst: Decision = {
  ok: false,
  code: "invalid_input",
  field: "insurerReport.reportedAt",
  message: INSURER_REPORT_MESSAGES.closeBeforeReport,
};
const reopenHint = (what: string) => `完了した声は${what}できません。必要な場合は再開してください`;

/** null when the actor's role and department allow the action at all; else why not. */
function permissionProblem(v: WorkflowVoice, action: VoiceActionName, actor: Actor): string | null {
  if (actor.role === "viewer") return MESSAGES.viewer;
  switch (action) {
    case "approve":
      return actor.role === "cs" || isLeadOf(actor, v.departmentId) ? null : MESSAGES.approveRole;
    case "void":
      return canVoid(actor, v.departmentId) ? null : MESSAGES.voidRole;
    default:
      return canHandle(actor, v) ? null : MESSAGES.notHandler;
  }
}

/** Whether actor may take action on v now, and the status it leads to. */
export function decideAction(v: WorkflowVoice, action: VoiceActionName, actor: Actor): Decision {
  const problem = permissionProblem(v, action, actor);
  if (problem) return forbidden(problem);
  const s = v.status;
  if (s === "voided") return refused(action === "void" ? MESSAGES.alreadyVoided : MESSAGES.voided);

  switch (action) {
    case "assign":
      return s === "closed" ? refused(reopenHint("担当者を変更")) : ok(s);
    case "start":
      if (s === "received") return ok("in_progress");
      if (s === "in_progress") return refused("この声はすでに対応中です");
      if (s === "resolved")
        return refused("対応済の声は対応開始できません。追加の対応が必要な場合は再開してください");
      return refused(reopenHint("対応開始"));
    case "respond":
      if (s === "received") return ok("in_progress");
      if (s === "closed") return refused(reopenHint("回答を記録"));
      return ok(s);
    case "comment":
      return ok(s);
    case "resolve":
      if (s === "received" || s === "in_progress") return ok("resolved");
      if (s === "resolved") return refused("この声はすでに対応済です");
      return refused(reopenHint("対応済に"));
    case "close":
      if (s === "closed") return refused(MESSAGES.alreadyClosed);
      // The current type decides: a voice changed into a complaint closes only by approval.
      if (v.typeCode === COMPLAINT_TYPE_CODE) return refused(MESSAGES.complaintClose);
      if (s !== "resolved" && v.typeCode !== PRAISE_TYPE_CODE) {
        return refused(`${STATUS_LABELS[s]}の声はまだ完了にできません。対応済にしてから完了にしてください`);
      }
      // Four eyes again: whoever took it out of the complaint rules is not also the one who closes it.
      if (v.complaintTypeChangedById != null && v.complaintTypeChangedById === actor.id) {
        return forbidden(MESSAGES.closeAfterOwnTypeChange);
      }
      if (v.insurerReportPending) return reportFirst;
      return ok("closed");
    case "approve":
      if (v.typeCode !== COMPLAINT_TYPE_CODE) {
        return refused("承認が必要なのは苦情だけです。この声は「完了にする」で完了してください");
      }
      if (s === "closed") return refused(MESSAGES.alreadyClosed);
      if (s !== "resolved") {
        return refused(`${STATUS_LABELS[s]}の苦情は承認できません。対応済にしてから承認してください`);
      }
      // Four eyes: the one who marked it resolved cannot also sign it off.
      if (v.resolvedById !== null && v.resolvedById === actor.id) return forbidden(MESSAGES.selfApproval);
      if (v.responseCount < 1) return refused(MESSAGES.noResponse);
      if (v.insurerReportPending) return reportFirst;
      return ok("closed");
    case "reopen":
      if (s === "resolved" || s === "closed") return ok("in_progress");
      return refused(`再開できるのは対応済または完了の声だけです（現在: ${STATUS_LABELS[s]}）`);
    case "void":
      return ok("voided");
  }
}

/** The actions actor may take on v now, in display order (the contract's VOICE_ACTIONS order). */
export function allowedActions(v: WorkflowVoice, actor: Actor): VoiceActionName[] {
  return VOICE_ACTIONS.filter((a) => decideAction(v, a, actor).ok);
}

/** What merging needs to know of each of the two voices. */
export type MergeVoice = Pick<WorkflowVoice, "status" | "departmentId">;

export type MergeDecision =
  | { ok: true }
  | { ok: false; code: "forbidden" | "transition_refused"; message: string }
  /** the voice chosen to merge into cannot take it: reported on the intoId field */
  | { ok: false; code: "invalid_input"; field: "intoId"; message: string };

/**
 * Whether actor may merge duplicate into survivor. A merge voids the duplicate and writes on the survivor's
 * timeline, so the department rules of voiding hold for both voices; a closed voice takes part in neither
 * side (its handling was signed off; reopen it first).
 */
export function decideMerge(duplicate: MergeVoice, survivor: MergeVoice, actor: Actor): MergeDecision {
  if (!canVoid(actor, duplicate.departmentId)) {
    const message = actor.role === "lead" ? MESSAGES.mergeOtherDepartment : MESSAGES.mergeRole;
    return { ok: false, code: "forbidden", message };
  }
  if (!canVoid(actor, survivor.departmentId))
    return { ok: false, code: "forbidden", message: MESSAGES.mergeIntoOtherDepartment };
  if (duplicate.status === "voided")
    return { ok: false, code: "transition_refused", message: MESSAGES.alreadyVoided };
  if (duplicate.status === "closed")
    return { ok: false, code: "transition_refused", message: MESSAGES.mergeClosed };
  if (survivor.status === "voided")
    return { ok: false, code: "invalid_input", field: "intoId", message: MESSAGES.mergeIntoVoided };
  if (survivor.status === "closed")
    return { ok: false, code: "invalid_input", field: "intoId", message: MESSAGES.mergeIntoClosed };
  return { ok: true };
}

export type TypeChangeDecision =
  /** leavesComplaint: the change takes the voice out of the complaint rules; record it as its own event */
  | { ok: true; leavesComplaint: boolean }
  | { ok: false; code: "forbidden"; message: string }
  | { ok: false; code: "invalid_input"; field: "typeChangeReason"; message: string };

/**
 * Whether actor may change a voice's type from fromCode to toCode (the edit rules apply besides). A complaint
 * closes only with a recorded response and a second person's approval; changing it to another type would
 * skip both, so only those who may void it (a lead of its department, cs, an admin) may, and they must say
 * why. Any other change of type, including into a complaint, is an ordinary edit.
 */
export function decideTypeChange(
  change: { fromCode: string; toCode: string; departmentId: number; reason?: string | null },
  actor: Actor,
): TypeChangeDecision {
  if (change.fromCode !== COMPLAINT_TYPE_CODE || change.toCode === COMPLAINT_TYPE_CODE) {
    return { ok: true, leavesComplaint: false };
  }
  if (!canChangeComplaintType(actor, change.departmentId)) {
    return { ok: false, code: "forbidden", message: MESSAGES.complaintTypeRole };
  }
  if (!change.reason?.trim()) {
    return {
      ok: false,
      code: "invalid_input",
      field: "typeChangeReason",
      message: MESSAGES.complaintTypeReason,
    };
  }
  return { ok: true, leavesComplaint: true };
}

/** Who last changed the type away from complaint, read from the timeline (oldest first); null if nobody. */
export function complaintTypeChangedBy(
  timeline: readonly { kind: string; actor: { id: number } | null; data: Record<string, unknown> }[],
): number | null {
  let by: number | null = null;
  for (const e of timeline) {
    if (e.kind === TYPE_CHANGED_EVENT && e.data.fromCode === COMPLAINT_TYPE_CODE) by = e.actor?.id ?? null;
  }
  return by;
}
