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

/** Taxonomy, departments, users and settings. */
export function canAdminister(actor: Actor): boolean {
  return actor.role === "admin";
}
