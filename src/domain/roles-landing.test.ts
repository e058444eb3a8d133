import { describe, expect, it } from "vitest";
import type { Role } from "../shared/api-contract.js";
import { startsOnDashboard } from "./roles.js";

describe("startsOnDashboard", () => {
  it("starts leads, cs and admins on the dashboard, staff and viewers on the voice list", () => {
    const roles: Role[] = ["admin", "cs", "lead", "staff", "viewer"];
    expect(roles.filter((role) => startsOnDashboard({ role }))).toEqual(["admin", "cs", "lead"]);
  });
});
