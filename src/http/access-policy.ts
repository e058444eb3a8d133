/**
 * Who may call each /api/v1 route, and over which department's records (issue 17): one declared policy per
 * route, keyed like the typed client's route map. buildApp refuses to start when a registered /api route has
 * none, and enforces `caller` before the route's body is validated; the record rules (`department`) are
 * checked by the use cases, which alone know the record. tests/api/access-matrix.test.ts calls every route as
 * every role on a record of the caller's own and of another department and checks the answers against this.
 * The rules themselves come from src/domain/roles.ts: this file names them, it never lists roles.
 */
import {
  type Actor,
  analyticsScopeFor,
  canAdminister,
  canApprovePrincipleReview,
  canEditPrincipleReview,
  canEditReport,
  canEnterSurveyAnswers,
  canHandle,
  canHandlePersonalDataRequests,
  canImport,
  canManageClassifier,
  canManageImprovement,
  canManageKpis,
  canManageSurveys,
  canProposeImprovement,
  canPublishReport,
  canReadSurveyResults,
  canRecordActivities,
  canRecordInsurerReport,
  canRegister,
  canRunCommittee,
  canSendCirculation,
  canUseTwoFactor,
  canViewActivities,
  canViewKpis,
  canVoid,
  isInDepartment,
  isOrganizationWide,
  mayApproveReports,
} from "../domain/roles.js";
import type { RouteKey } from "../shared/api-routes.js";

/** The record a route acts on, as the rules see it: the department it belongs to, and its assignee. */
export interface PolicyRecord {
  departmentId: number;
  assigneeId: number | null;
}

/**
 * - "public": no account (the members' form, survey answering, signing in);
 * - "signed-in": any signed-in user;
 * - a rule of roles.ts over the caller alone.
 */
export type CallerRule = "public" | "signed-in" | ((actor: Actor) => boolean);

export interface AccessPolicy {
  caller: CallerRule;
  /**
   * The rule over the record's department (the path's record, or the department a query names); absent when
   * the route holds no department's records or the caller rule alone decides for every department. A caller
   * the rule refuses gets 403 (koe does not hide that a record exists: its ids and receipt numbers are known
   * to every signed-in user from the voice list).
   */
  department?: (actor: Actor, record: PolicyRecord) => boolean;
  /**
   * Customer details (name, kana, member number, phone, e-mail, address) in the answer: "none" — never, for
   * anyone; "by-role" — only of voices whose department the caller may see unmasked (canSeeCustomer).
   */
  customer: "none" | "by-role";
  /** the 403 message when the caller rule refuses, where the route has its own words for it */
  refusal?: string;
}

const TWO_FACTOR_REFUSAL = "二段階認証は管理者とCS部門のアカウントで使えます";
const pub: AccessPolicy = { caller: "public", customer: "none" };
const signedIn: AccessPolicy = { caller: "signed-in", customer: "none" };
const signedInByRole: AccessPolicy = { caller: "signed-in", customer: "by-role" };
const only = (
  caller: (actor: Actor) => boolean,
  customer: AccessPolicy["customer"] = "none",
): AccessPolicy => ({
  caller,
  customer,
});

/** Counts over one department: every department's for whom analyticsScopeFor says organization, else their own. */
function countsDepartment(actor: Actor, record: PolicyRecord): boolean {
  const scope = analyticsScopeFor(actor);
  return (
    scope.kind === "organization" ||
    (scope.kind === "department" && scope.departmentId === record.departmentId)
  );
}
const counts: AccessPolicy = { caller: "signed-in", department: countsDepartment, customer: "none" };

/**
 * A circulation "belongs" to the department it was sent to: its members read it and comment on it, and so do
 * the organization-wide roles (canSeeCirculation); only a recipient marks it read.
 */
const circulationReader = (actor: Actor, r: PolicyRecord) =>
  isOrganizationWide(actor) || isInDepartment(actor, r.departmentId);
const circulationRecipient = (actor: Actor, r: PolicyRecord) => isInDepartment(actor, r.departmentId);

/** An improvement's department is its owning department (canManageImprovement, without a named owner). */
const manageImprovement = (actor: Actor, r: PolicyRecord) =>
  canManageImprovement(actor, { ownerDepartmentId: r.departmentId, ownerUserId: r.assigneeId });

export const ACCESS_POLICIES = {
  // sessions
  "POST /api/v1/session": pub,
  "POST /api/v1/session/two-factor": pub,
  "DELETE /api/v1/session/all": signedIn,
  "GET /api/v1/account/two-factor": signedIn,
  "POST /api/v1/account/two-factor/setup": { ...only(canUseTwoFactor), refusal: TWO_FACTOR_REFUSAL },
  "POST /api/v1/account/two-factor/confirm": { ...only(canUseTwoFactor), refusal: TWO_FACTOR_REFUSAL },
  // whoever has it on may turn it off, even after their role changed
  "POST /api/v1/account/two-factor/disable": signedIn,
  "GET /api/v1/session": signedIn,
  "DELETE /api/v1/session": signedIn,

  // voices: every signed-in user reads every voice, customer details masked by role
  "GET /api/v1/voices": signedInByRole,
  "POST /api/v1/voices": { ...only(canRegister, "by-role"), refusal: "声を登録する権限がありません" },
  "GET /api/v1/voices/:id": signedInByRole,
  "PATCH /api/v1/voices/:id": { caller: "signed-in", department: canHandle, customer: "by-role" },
  // the matrix acts with a comment, the action every handler may take
  "POST /api/v1/voices/:id/actions": { caller: "signed-in", department: canHandle, customer: "by-role" },
  "POST /api/v1/voices/:id/insurer-report": {
    caller: "signed-in",
    department: canRecordInsurerReport,
    customer: "by-role",
  },
  "POST /api/v1/voices/:id/merge": {
    caller: "signed-in",
    department: (actor, r) => canVoid(actor, r.departmentId),
    customer: "by-role",
  },
  "POST /api/v1/voices/similar": signedIn,
  "GET /api/v1/voices/:id/similar": signedIn,
  "GET /api/v1/voices/:id/improvements": signedIn,

  // taxonomy, departments, users, settings, audit, tokens, synonyms, aliases
  "GET /api/v1/taxonomy": signedIn,
  "POST /api/v1/taxonomy/:kind": only(canAdminister),
  "PATCH /api/v1/taxonomy/:kind/:id": only(canAdminister),
  "GET /api/v1/departments": signedIn,
  "POST /api/v1/departments": only(canAdminister),
  "PATCH /api/v1/departments/:id": only(canAdminister),
  "GET /api/v1/users/options": signedIn,
  "GET /api/v1/users": only(canAdminister),
  "DELETE /api/v1/users/:id/sessions": only(canAdminister),
  "DELETE /api/v1/users/:id/two-factor": only(canAdminister),
  "POST /api/v1/users": only(canAdminister),
  "PATCH /api/v1/users/:id": only(canAdminister),
  "GET /api/v1/settings": signedIn,
  "PUT /api/v1/settings": only(canAdminister),
  "GET /api/v1/audit": only(canAdminister),
  "GET /api/v1/tokens": only(canAdminister),
  "POST /api/v1/tokens": only(canAdminister),
  "DELETE /api/v1/tokens/:id": only(canAdminister),
  "GET /api/v1/search/synonyms": only(canAdminister),
  "PUT /api/v1/search/synonyms": only(canAdminister),
  "GET /api/v1/label-aliases": signedIn,
  "PUT /api/v1/label-aliases/:kind/:id": only(canAdminister),

  // import and export: customer columns only for the organization-wide roles (canExportCustomers)
  "POST /api/v1/imports": only(canImport),
  "GET /api/v1/exports/voices": signedInByRole,

  // the members' form and status page
  "POST /api/v1/public/voices": pub,
  "GET /api/v1/public/voices/:receiptNumber": pub,

  // text: classification, the classifier's learning, words
  "POST /api/v1/classify": signedIn,
  "GET /api/v1/model": only(canManageClassifier),
  "POST /api/v1/model/train": only(canManageClassifier),
  "GET /api/v1/model/settings": only(canManageClassifier),
  "PUT /api/v1/model/settings": only(canManageClassifier),
  "GET /api/v1/model/report": only(canManageClassifier),
  "POST /api/v1/model/retrain": only(canManageClassifier),
  "GET /api/v1/model/retrain": only(canManageClassifier),
  "POST /api/v1/model/restore": only(canManageClassifier),
  "GET /api/v1/complaint-reviews": only(canManageClassifier),
  "GET /api/v1/complaint-reviews/count": only(canManageClassifier),
  "POST /api/v1/complaint-reviews/:id/confirm": only(canManageClassifier),

  // analytics: counts carry no personal data; staff count their own department only
  "GET /api/v1/analysis/words": counts,
  "GET /api/v1/analysis/counts": counts,
  "GET /api/v1/analysis/handling": counts,
  "GET /api/v1/analysis/queues": signedIn,
  "GET /api/v1/analysis/counts/download": counts,
  "GET /api/v1/analysis/words/download": counts,

  // improvements and staff insights
  "GET /api/v1/insights": signedIn,
  "POST /api/v1/insights": signedIn,
  "GET /api/v1/insights/:id": signedIn,
  "GET /api/v1/improvements": signedIn,
  "POST /api/v1/improvements": only(canProposeImprovement, "by-role"),
  "GET /api/v1/improvements/count": signedIn,
  "GET /api/v1/improvements/public": signedIn,
  "GET /api/v1/improvements/:id": signedInByRole,
  "PATCH /api/v1/improvements/:id": {
    caller: "signed-in",
    department: manageImprovement,
    customer: "by-role",
  },
  // more evidence for any improvement: whoever may propose one (linkRecords), whichever department owns it
  "POST /api/v1/improvements/:id/links": only(canProposeImprovement, "by-role"),
  "POST /api/v1/improvements/:id/status": {
    caller: "signed-in",
    department: manageImprovement,
    customer: "by-role",
  },
  "POST /api/v1/improvements/:id/notes": {
    caller: "signed-in",
    department: manageImprovement,
    customer: "by-role",
  },
  "GET /api/v1/improvements/:id/effect": signedIn,

  // the CS committee
  "GET /api/v1/committees": signedIn,
  "POST /api/v1/committees": only(canAdminister),
  "PATCH /api/v1/committees/:id": only(canAdminister),
  "GET /api/v1/meetings": signedIn,
  "POST /api/v1/meetings": only(canRunCommittee),
  "GET /api/v1/meetings/:id": signedIn,
  "GET /api/v1/meetings/:id/proposed-agenda": only(canRunCommittee),
  "PUT /api/v1/meetings/:id/agenda": only(canRunCommittee),
  "POST /api/v1/meetings/:id/decisions": only(canRunCommittee),

  // notifications: each user's own
  "GET /api/v1/notifications": signedIn,
  "GET /api/v1/notifications/unread-count": signedIn,
  "POST /api/v1/notifications/read": signedIn,
  "GET /api/v1/notifications/preferences": signedIn,
  "PUT /api/v1/notifications/preferences": signedIn,

  // insurer reports: each user lists their scope's (insurerReportScopeFor)
  "GET /api/v1/insurer-reports": signedIn,
  "GET /api/v1/settings/insurer-reports": signedIn,
  "PUT /api/v1/settings/insurer-reports": only(canAdminister),

  // circulation and the weekly digest
  "POST /api/v1/circulations": { ...only(canSendCirculation), refusal: "閲覧者は回覧を送れません" },
  "GET /api/v1/circulations": signedIn,
  "GET /api/v1/circulations/:id": { caller: "signed-in", department: circulationReader, customer: "by-role" },
  "POST /api/v1/circulations/:id/read": {
    caller: "signed-in",
    department: circulationRecipient,
    customer: "none",
  },
  "POST /api/v1/circulations/:id/comments": {
    caller: "signed-in",
    department: circulationReader,
    customer: "by-role",
  },
  "GET /api/v1/settings/digest": signedIn,
  "PUT /api/v1/settings/digest": only(canAdminister),

  // published reports: everyone reads them; cs and admins write, approve (a second person) and publish
  "GET /api/v1/reports": signedIn,
  "POST /api/v1/reports": only(canEditReport),
  "GET /api/v1/reports/:id": signedIn,
  "PUT /api/v1/reports/:id": only(canEditReport),
  "POST /api/v1/reports/:id/sections/order": only(canEditReport),
  "PUT /api/v1/reports/:id/sections/:sectionId/voices": only(canEditReport),
  "GET /api/v1/reports/:id/sections/:sectionId/suggestions": only(canEditReport),
  "POST /api/v1/reports/:id/approve": only(mayApproveReports),
  "POST /api/v1/reports/:id/publish": only(canPublishReport),
  "POST /api/v1/reports/:id/new-version": only(canEditReport),
  "GET /api/v1/reports/:id/document": signedIn,
  "GET /api/v1/reports/:id/preview": signedIn,
  "GET /api/v1/reports/:id/file": signedIn,

  // the half-year review by FSA principle
  "GET /api/v1/reviews": signedIn,
  "POST /api/v1/reviews": only(canEditPrincipleReview),
  "GET /api/v1/reviews/voice-example": only(canEditPrincipleReview),
  "GET /api/v1/reviews/:id": signedIn,
  "PUT /api/v1/reviews/:id": only(canEditPrincipleReview),
  "POST /api/v1/reviews/:id/approve": only(canApprovePrincipleReview),
  "GET /api/v1/reviews/:id/figures": signedIn,

  // surveys: results carry no contact details
  "POST /api/v1/surveys/:id/answers/import": only(canImport),
  "GET /api/v1/surveys": only(canReadSurveyResults),
  "POST /api/v1/surveys": only(canManageSurveys),
  "GET /api/v1/surveys/kinds": only(canReadSurveyResults),
  "POST /api/v1/surveys/kinds": only(canManageSurveys),
  "PATCH /api/v1/surveys/kinds/:id": only(canManageSurveys),
  "GET /api/v1/surveys/figures": only(canReadSurveyResults),
  "GET /api/v1/surveys/:id": only(canReadSurveyResults),
  "PATCH /api/v1/surveys/:id": only(canManageSurveys),
  "POST /api/v1/surveys/:id/answers": only(canEnterSurveyAnswers),
  "GET /api/v1/surveys/:id/links": only(canManageSurveys),
  "POST /api/v1/surveys/:id/links": only(canManageSurveys),
  "GET /api/v1/surveys/:id/results": only(canReadSurveyResults),
  "GET /api/v1/surveys/:id/results/download": only(canReadSurveyResults),
  "GET /api/v1/public/surveys/:code": pub,
  "POST /api/v1/public/surveys/:code/answers": pub,
  "GET /api/v1/public/survey-links/:code": pub,
  "POST /api/v1/public/survey-links/:code/answers": pub,

  // the KPI register
  "GET /api/v1/kpis": only(canViewKpis),
  "GET /api/v1/kpis/:id/history": only(canViewKpis),
  "POST /api/v1/kpis": only(canManageKpis),
  "GET /api/v1/kpis/definitions": only(canViewKpis),
  "POST /api/v1/kpis/themes": only(canManageKpis),
  "PATCH /api/v1/kpis/themes/:id": only(canManageKpis),
  "POST /api/v1/kpis/themes/:id/retire": only(canManageKpis),
  "PATCH /api/v1/kpis/:id": only(canManageKpis),
  "GET /api/v1/kpis/settings": only(canViewKpis),
  "PUT /api/v1/kpis/settings": only(canManageKpis),
  "POST /api/v1/kpis/template": only(canManageKpis),
  "POST /api/v1/kpis/:id/retire": only(canManageKpis),
  "GET /api/v1/kpis/:id/value": only(canViewKpis),
  "PUT /api/v1/kpis/:id/entries": only(canManageKpis),

  // activity records (the staff roster names staff, not customers)
  "GET /api/v1/activities/labels": only(canViewActivities),
  "POST /api/v1/activities/labels": only(canRecordActivities),
  "PATCH /api/v1/activities/labels/:id": only(canRecordActivities),
  "GET /api/v1/activities/staff": only(canViewActivities),
  "POST /api/v1/activities/staff": only(canRecordActivities),
  "GET /api/v1/activities/trainings": only(canViewActivities),
  "POST /api/v1/activities/trainings": only(canRecordActivities),
  "DELETE /api/v1/activities/trainings/:id": only(canRecordActivities),
  "PATCH /api/v1/activities/trainings/:id": only(canRecordActivities),
  "GET /api/v1/activities/events": only(canViewActivities),
  "POST /api/v1/activities/events": only(canRecordActivities),
  "DELETE /api/v1/activities/events/:id": only(canRecordActivities),
  "PATCH /api/v1/activities/events/:id": only(canRecordActivities),
  "GET /api/v1/activities/business-figures": only(canViewActivities),
  "PUT /api/v1/activities/business-figures": only(canRecordActivities),
  "DELETE /api/v1/activities/business-figures/:id": only(canRecordActivities),
  "PUT /api/v1/activities/staff/:id": only(canRecordActivities),
  "POST /api/v1/activities/audit-items/:id/improvement": only(canRecordActivities),
  "POST /api/v1/activities/business-figures/import": only(canRecordActivities),
  "GET /api/v1/activities/audits": only(canViewActivities),
  "POST /api/v1/activities/audits": only(canRecordActivities),
  "DELETE /api/v1/activities/audits/:id": only(canRecordActivities),
  "PATCH /api/v1/activities/audits/:id": only(canRecordActivities),
  "POST /api/v1/activities/audit-items/:id/improvement-link": only(canRecordActivities),
  "GET /api/v1/activities/elderly-handlings": only(canViewActivities),
  "POST /api/v1/activities/elderly-handlings": only(canRecordActivities),
  "PATCH /api/v1/activities/elderly-handlings/:id": only(canRecordActivities),
  "DELETE /api/v1/activities/elderly-handlings/:id": only(canRecordActivities),
  "GET /api/v1/activities/intent-records": only(canViewActivities),
  "POST /api/v1/activities/intent-records": only(canRecordActivities),
  "PATCH /api/v1/activities/intent-records/:id": only(canRecordActivities),
  "DELETE /api/v1/activities/intent-records/:id": only(canRecordActivities),

  // APPI requests: every record of one member, so only whom roles.ts names
  "POST /api/v1/personal-data-requests/lookup": only(canHandlePersonalDataRequests, "by-role"),
  "GET /api/v1/personal-data-requests": only(canHandlePersonalDataRequests, "by-role"),
  "POST /api/v1/personal-data-requests": only(canHandlePersonalDataRequests, "by-role"),
  "POST /api/v1/personal-data-requests/disclosure-file": only(canHandlePersonalDataRequests, "by-role"),
} satisfies Record<RouteKey, AccessPolicy>;

/** The declared policy of a route ("METHOD /path" as Fastify registers it), or undefined. */
export function accessPolicyOf(routeKey: string): AccessPolicy | undefined {
  return (ACCESS_POLICIES as Record<string, AccessPolicy>)[routeKey];
}
