import { describe, expect, it } from "vitest";
import {
  type Actor,
  canAdminister,
  canChangeComplaintType,
  canChangeOwnAccount,
  canEditVoice,
  canExportCustomers,
  canHandle,
  canImport,
  canManageClassifier,
  canRegister,
  canSeeCustomer,
  canVoid,
  isLeadOf,
  isOrganizationWide,
  roleNeedsDepartment,
} from "./roles.js";

const a = (role: Actor["role"], departmentId: number | null, id = 1): Actor => ({ id, role, departmentId });
const v = { departmentId: 10, assigneeId: 7 };

describe("roles", () => {
  it("canRegister: admin, cs, lead, staff", () => {
    expect(
      ["admin", "cs", "lead", "staff", "viewer"].map((r) => canRegister(a(r as Actor["role"], 10))),
    ).toEqual([true, true, true, true, false]);
  });
  it("canHandle: department, assignment, organization-wide roles", () => {
    expect(canHandle(a("staff", 10), v)).toBe(true);
    expect(canHandle(a("staff", 20), v)).toBe(false);
    expect(canHandle(a("staff", 20, 7), v)).toBe(true);
    expect(canHandle(a("lead", null, 7), v)).toBe(true);
    expect(canHandle(a("staff", null), { departmentId: 10, assigneeId: null })).toBe(false);
    expect(canHandle(a("cs", null), v)).toBe(true);
    expect(canHandle(a("admin", null), v)).toBe(true);
    expect(canHandle(a("viewer", 10, 7), v)).toBe(false);
  });
  it("canSeeCustomer: only the handling department, cs and admin", () => {
    expect(canSeeCustomer(a("staff", 10), v)).toBe(true);
    expect(canSeeCustomer(a("lead", 10), v)).toBe(true);
    expect(canSeeCustomer(a("staff", 20, 7), v)).toBe(false);
    expect(canSeeCustomer(a("cs", 1), v)).toBe(true);
    expect(canSeeCustomer(a("admin", null), v)).toBe(true);
    expect(canSeeCustomer(a("viewer", 10), v)).toBe(false);
  });
  it("canEditVoice: handler and not closed/voided", () => {
    for (const status of ["received", "in_progress", "resolved"] as const) {
      expect(canEditVoice(a("staff", 10), { ...v, status })).toBe(true);
    }
    for (const status of ["closed", "voided"] as const) {
      expect(canEditVoice(a("admin", null), { ...v, status })).toBe(false);
    }
    expect(canEditVoice(a("viewer", 10), { ...v, status: "received" })).toBe(false);
  });
  it("canVoid: a lead of the voice's department, cs and admin", () => {
    expect(canVoid(a("lead", 10), 10)).toBe(true);
    expect(canVoid(a("lead", 20, 7), 10)).toBe(false);
    expect(canVoid(a("lead", null), 10)).toBe(false);
    expect(canVoid(a("staff", 10), 10)).toBe(false);
    expect(canVoid(a("cs", 1), 10)).toBe(true);
    expect(canVoid(a("admin", null), 10)).toBe(true);
    expect(canVoid(a("viewer", 10), 10)).toBe(false);
  });
  it("canChangeComplaintType: as weighty as voiding, so the same people", () => {
    for (const actor of [a("lead", 10), a("lead", 20), a("staff", 10), a("cs", 1), a("admin", null)]) {
      expect(canChangeComplaintType(actor, 10)).toBe(canVoid(actor, 10));
    }
    expect(canChangeComplaintType(a("staff", 10), 10)).toBe(false);
  });
  it("helpers", () => {
    expect(isLeadOf(a("lead", 10), 10)).toBe(true);
    expect(isLeadOf(a("lead", 20), 10)).toBe(false);
    expect(isLeadOf(a("staff", 10), 10)).toBe(false);
    expect(isLeadOf(a("lead", null), 10)).toBe(false);
    expect(isOrganizationWide(a("cs", null))).toBe(true);
    expect(isOrganizationWide(a("lead", 10))).toBe(false);
    expect(canAdminister(a("admin", null))).toBe(true);
    expect(canAdminister(a("cs", null))).toBe(false);
  });
  it("organization-wide work: import, customer export and the classifier are for cs and admins", () => {
    for (const rule of [canImport, canExportCustomers, canManageClassifier]) {
      expect(
        ["admin", "cs", "lead", "staff", "viewer"].filter((r) => rule({ role: r as Actor["role"] })),
      ).toEqual(["admin", "cs"]);
    }
  });
  it("staff and leads need a department; an admin cannot remove their own rights", () => {
    expect(roleNeedsDepartment("staff")).toBe(true);
    expect(roleNeedsDepartment("lead")).toBe(true);
    expect(roleNeedsDepartment("cs")).toBe(false);
    const admin = a("admin", null, 5);
    expect(canChangeOwnAccount(admin, 5, { active: false })).toBe(false);
    expect(canChangeOwnAccount(admin, 5, { role: "cs" })).toBe(false);
    expect(canChangeOwnAccount(admin, 5, { role: "admin", active: true })).toBe(true);
    expect(canChangeOwnAccount(admin, 6, { active: false, role: "viewer" })).toBe(true);
  });
});
