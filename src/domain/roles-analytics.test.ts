import { describe, expect, it } from "vitest";
import { type Actor, analyticsScopeFor, workQueuesFor } from "./roles.js";

const a = (role: Actor["role"], departmentId: number | null, id = 1): Actor => ({ id, role, departmentId });
const kinds = (actor: Actor) => workQueuesFor(actor).map((q) => `${q.kind}@${q.departmentId ?? "all"}`);

describe("analytics scope and work queues by role", () => {
  it("limits staff to their own department's counts; everyone else sees the organisation's", () => {
    expect(analyticsScopeFor(a("staff", 10))).toEqual({ kind: "department", departmentId: 10 });
    expect(analyticsScopeFor(a("staff", null))).toEqual({ kind: "none" });
    for (const role of ["lead", "cs", "admin", "viewer"] as const)
      expect(analyticsScopeFor(a(role, role === "viewer" ? null : 10))).toEqual({ kind: "organization" });
  });

  it("gives a lead their department's approvals, unassigned and overdue voices", () => {
    expect(kinds(a("lead", 10))).toEqual(["awaiting_approval@10", "unassigned@10", "overdue@10"]);
    expect(kinds(a("lead", null))).toEqual(["assigned_to_me@all", "my_overdue@all"]);
  });

  it("gives staff their own voices and their department's; cs and admin every department's; a viewer none", () => {
    expect(kinds(a("staff", 10))).toEqual([
      "assigned_to_me@all",
      "my_overdue@all",
      "unassigned@10",
      "overdue@10",
    ]);
    expect(kinds(a("staff", null))).toEqual(["assigned_to_me@all", "my_overdue@all"]);
    for (const role of ["cs", "admin"] as const)
      expect(kinds(a(role, 10))).toEqual(["awaiting_approval@all", "unassigned@all", "overdue@all"]);
    expect(kinds(a("viewer", 10))).toEqual([]);
  });
});
