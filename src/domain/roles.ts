// Who may do what with a voice, by role and department (the permission half of the workflow).
import type { Role, VoiceStatus } from "../shared/api-contract.js";

export interface Actor {
  id: number;
  role: Role;
  departmentId: number | null;
}

/** Roles that see and act on every voice regardless of department. */
const ORGANIZATION_WIDE: readonly Role[] = ["admin", "cs"];

export function isOrganizationWide(actor: Actor): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

export function isInDepartment(actor: Actor, departmentId: number): boolean {
  return actor.departmentId !== null && actor.departmentId === departmentId;
}

/** A lead (責任者) of the voice's handling department. */
export function isLeadOf(actor: Actor, departmentId: number): boolean {
  return actor.role === "lead" && isInDepartment(actor, departmentId);
}

/**
 * Voiding (取消) takes a voice out of every count and every queue: a lead of the voice's department, cs or
 * an admin. Merging a duplicate voids it, so the same rule holds there (for both voices).
 */
export function canVoid(actor: Actor, departmentId: number): boolean {
  return isOrganizationWide(actor) || isLeadOf(actor, departmentId);
}

/**
 * Changing a complaint (苦情) to another type takes it out of the complaint rules (a recorded response and a
 * second person's approval before it closes), so it is as weighty as voiding it: the same people decide.
 */
export function canChangeComplaintType(actor: Actor, departmentId: number): boolean {
  return canVoid(actor, departmentId);
}

export function canRegister(actor: Actor): boolean {
  return actor.role !== "viewer";
}

/** A handler: cs/admin for every voice; lead/staff for voices of their department or assigned to them. */
export function canHandle(actor: Actor, v: { departmentId: number; assigneeId: number | null }): boolean {
  if (isOrganizationWide(actor)) return true;
  if (actor.role !== "lead" && actor.role !== "staff") return false;
  return isInDepartment(actor, v.departmentId) || (v.assigneeId !== null && v.assigneeId === actor.id);
}

/** Unmasked personal data: cs, admin, and lead/staff of the handling department (APPI: need to know). */
export function canSeeCustomer(actor: Actor, v: { departmentId: number }): boolean {
  if (isOrganizationWide(actor)) return true;
  if (actor.role !== "lead" && actor.role !== "staff") return false;
  return isInDepartment(actor, v.departmentId);
}

/** Editing the voice's fields: handlers, while the voice is not closed or voided. */
export function canEditVoice(
  actor: Actor,
  v: { departmentId: number; assigneeId: number | null; status: VoiceStatus },
): boolean {
  return canHandle(actor, v) && v.status !== "closed" && v.status !== "voided";
}

/** Taxonomy, departments, users, settings and API tokens. */
export function canAdminister(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin";
}

/**
 * Two-factor login (TOTP) is offered to the roles that see every member's personal data and change who may do
 * what: cs and admins.
 */
export function canUseTwoFactor(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Importing voices from files writes many voices at once into any department: organization-wide roles only. */
export function canImport(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Personal data in an exported file leaves every access control behind: only organization-wide roles get it. */
export function canExportCustomers(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * APPI requests (開示・訂正・利用停止・消去) see every record of one member and can erase them: admins only, the
 * organisation's 個人情報保護管理者 or whom they appoint.
 */
export function canHandlePersonalDataRequests(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin";
}

/** Training the classifier and reading its state shape every user's suggestions: cs and admins. */
export function canManageClassifier(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Staff and leads act for a department, so their account must name one. */
export function roleNeedsDepartment(role: Role): boolean {
  return role === "staff" || role === "lead";
}

/**
 * An admin may not take away their own admin rights (deactivate themselves or change their own role): the
 * organization would be left without anyone able to undo it.
 */
export function canChangeOwnAccount(
  actor: Pick<Actor, "id" | "role">,
  targetId: number,
  patch: { active?: boolean; role?: Role | string },
): boolean {
  if (targetId !== actor.id) return true;
  return patch.active !== false && (patch.role === undefined || patch.role === actor.role);
}

/**
 * Whose voices a user's counts (analytics, dashboard, `koe stats`) cover. Counts carry no personal data, so a
 * viewer sees them like a lead, cs or an admin; staff see their own department's only (a staff member without
 * a department sees none).
 */
export type AnalyticsScope =
  | { kind: "organization" }
  | { kind: "department"; departmentId: number }
  | { kind: "none" };

export function analyticsScopeFor(actor: Actor): AnalyticsScope {
  if (actor.role !== "staff") return { kind: "organization" };
  return actor.departmentId === null
    ? { kind: "none" }
    : { kind: "department", departmentId: actor.departmentId };
}

/**
 * Where a user starts after login: leads, cs and admins on the dashboard (what waits for their approval, what is
 * late, what is changing); staff and viewers on the voice list.
 */
export function startsOnDashboard(actor: Pick<Actor, "role">): boolean {
  return actor.role === "lead" || ORGANIZATION_WIDE.includes(actor.role);
}

export type WorkQueueKind = "awaiting_approval" | "unassigned" | "overdue" | "assigned_to_me" | "my_overdue";

/**
 * The work queues at the top of a user's dashboard, each over one department (departmentId) or all (null):
 * a lead sees what waits in their department (complaints to approve, voices nobody has taken, voices past a
 * deadline); staff see their own open and overdue voices and their department's unassigned and overdue ones;
 * cs and admins see every department's; a viewer handles nothing and has none.
 */
export function workQueuesFor(actor: Actor): { kind: WorkQueueKind; departmentId: number | null }[] {
  const over = (departmentId: number | null, ...kinds: WorkQueueKind[]) =>
    kinds.map((kind) => ({ kind, departmentId }));
  const dept = actor.departmentId;
  if (isOrganizationWide(actor)) return over(null, "awaiting_approval", "unassigned", "overdue");
  if (actor.role === "lead" && dept !== null) return over(dept, "awaiting_approval", "unassigned", "overdue");
  if (actor.role !== "lead" && actor.role !== "staff") return [];
  const mine = over(null, "assigned_to_me", "my_overdue");
  return actor.role === "staff" && dept !== null ? [...mine, ...over(dept, "unassigned", "overdue")] : mine;
}

/** Who signs off a complaint of a department: its leads and cs (the workflow's approve rule). */
export function canApproveComplaintOf(actor: Actor, departmentId: number): boolean {
  return actor.role === "cs" || isLeadOf(actor, departmentId);
}

/**
 * Whom to ask for a complaint's approval (or tell that a voice of the department needs attention, such as an
 * overdue insurer report): the department's leads; when it has none, cs.
 */
export function departmentAttentionRecipients<U extends Actor>(
  users: readonly U[],
  departmentId: number,
): U[] {
  const leads = users.filter((u) => isLeadOf(u, departmentId));
  return leads.length > 0 ? leads : users.filter((u) => u.role === "cs");
}

/** 回覧: everyone who handles voices sends them round (a viewer reads what is sent to them). */
export function canSendCirculation(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "viewer";
}

/** A circulation is read by its sender, its recipients, and the organization-wide roles. */
export function canSeeCirculation(
  actor: Actor,
  c: { senderId: number; recipientIds: readonly number[] },
): boolean {
  return isOrganizationWide(actor) || c.senderId === actor.id || c.recipientIds.includes(actor.id);
}

/** The users holding any of the given roles (a circulation sent "to every lead", for example). */
export function usersInRoles<U extends Pick<Actor, "role">>(
  users: readonly U[],
  roles: readonly Role[],
): U[] {
  return users.filter((u) => roles.includes(u.role));
}

/**
 * Whose insurer reports a user lists (the overdue list, the dashboard): cs and admins every department's; leads
 * and staff their own department's; others none (a report is handling work).
 */
export function insurerReportScopeFor(actor: Actor): AnalyticsScope {
  if (isOrganizationWide(actor)) return { kind: "organization" };
  if ((actor.role === "lead" || actor.role === "staff") && actor.departmentId !== null)
    return { kind: "department", departmentId: actor.departmentId };
  return { kind: "none" };
}

/** Recording the report sent to the insurer and its answer: the voice's handlers (even after it closed). */
export function canRecordInsurerReport(actor: Actor, v: { departmentId: number; assigneeId: number | null }) {
  return canHandle(actor, v);
}

/** Who receives a department's weekly 声の日 digest: its members (leads and staff; viewers have no department). */
export function receivesDepartmentDigest(user: Actor, departmentId: number): boolean {
  return isInDepartment(user, departmentId);
}

/**
 * The KPI register (values, breakdowns, year-over-year wording) carries no personal data: every signed-in user
 * reads it. Defining KPIs, entering values and narratives, and the reporting setting: cs and admins.
 */
export function canViewKpis(_actor: Pick<Actor, "role">): boolean {
  return true;
}

export function canManageKpis(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * Activity records (the staff roster with names, trainings, audits and their findings, customer-protection
 * records): cs and admins keep them; leads read them (they run the trainings and answer the audits).
 */
export function canRecordActivities(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

export function canViewActivities(actor: Pick<Actor, "role">): boolean {
  return actor.role === "lead" || ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * The half-year review by FSA principle: everyone who handles voices writes the draft (a staff member adds the
 * case they handled); viewers only read it.
 */
export function canEditPrincipleReview(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "viewer";
}

/** Approving a review freezes it as the organisation's record for the half: cs and admins. */
export function canApprovePrincipleReview(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * Proposing an improvement (業務改善課題) from voices or insights: anyone who handles voices. A viewer reads only.
 * (Recording a staff insight, 職員の気づき, is open to every signed-in user.)
 */
export function canProposeImprovement(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "viewer";
}

/**
 * Moving an improvement along, writing its progress, result, effect verdict and public summary: cs and admins, a
 * lead of the owning department, or the person named as its owner.
 */
export function canManageImprovement(
  actor: Actor,
  i: { ownerDepartmentId: number; ownerUserId: number | null },
): boolean {
  if (isOrganizationWide(actor)) return true;
  if (isLeadOf(actor, i.ownerDepartmentId)) return true;
  return actor.role !== "viewer" && i.ownerUserId !== null && i.ownerUserId === actor.id;
}

/** The CS committee's secretary work (meetings, agenda, decisions, minutes): cs and admins. */
export function canRunCommittee(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Surveys: creating and editing them, their kinds and their one-time links (mailings) — cs and admins. */
export function canManageSurveys(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Entering a member's paper answer writes an answer, and maybe a voice: anyone who may register a voice. */
export function canEnterSurveyAnswers(actor: Actor): boolean {
  return canRegister(actor);
}

/**
 * Survey results are counts and free-text comments without contact details (those stay on the voices the loop
 * creates, behind the voice's own rules): every signed-in role reads them, as every staff member reads voices.
 */
export function canReadSurveyResults(_actor: Pick<Actor, "role">): boolean {
  return true;
}

/**
 * Published reports (年次報告書, KPI 報告, 半期の取組み報告): the CS department writes them; cs and admins edit drafts.
 * Everyone signed in may read them.
 */
export function canEditReport(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * Approving a report freezes its numbers for publication: cs or an admin who is a second person — neither the one
 * who created this version nor the one who last changed it (the four-eyes check before anything is disclosed).
 */
export function canApproveReport(
  actor: Pick<Actor, "id" | "role">,
  report: { createdBy: number | null; updatedBy: number | null },
): boolean {
  return (
    ORGANIZATION_WIDE.includes(actor.role) && actor.id !== report.createdBy && actor.id !== report.updatedBy
  );
}

/** Whether the approval role is held at all (the second-person part is asked of canApproveReport). */
export function mayApproveReports(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/** Publishing an approved report: cs and admins. */
export function canPublishReport(actor: Pick<Actor, "role">): boolean {
  return ORGANIZATION_WIDE.includes(actor.role);
}

/**
 * Who a report's numbers are counted as: the whole organisation, whoever previews or approves it (a published
 * report is the organisation's, never one department's view).
 */
export const REPORT_READER: Actor = { id: 0, role: "cs", departmentId: null };
