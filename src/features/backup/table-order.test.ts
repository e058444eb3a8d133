import { describe, expect, it } from "vitest";
import { planLoadOrder } from "./table-order.js";

const ref = (column: string, table: string, nullable = true) => ({ column, table, nullable });

describe("planLoadOrder", () => {
  it("puts every table after the tables it references", () => {
    const plan = planLoadOrder([
      { name: "voice_events", references: [ref("voice_id", "voices", false), ref("actor_id", "users")] },
      {
        name: "voices",
        references: [ref("department_id", "departments", false), ref("created_by", "users")],
      },
      { name: "users", references: [ref("department_id", "departments")] },
      { name: "departments", references: [] },
    ]);
    expect(plan.order).toEqual(["departments", "users", "voices", "voice_events"]);
    expect(plan.deferred.size).toBe(0);
  });

  it("defers a table's reference to itself", () => {
    const plan = planLoadOrder([{ name: "voices", references: [ref("merged_into", "voices")] }]);
    expect(plan.order).toEqual(["voices"]);
    expect(plan.deferred.get("voices")).toEqual(["merged_into"]);
  });

  it("breaks a loop between two tables at a nullable column", () => {
    const plan = planLoadOrder([
      { name: "improvements", references: [ref("meeting_id", "meetings")] },
      { name: "meetings", references: [ref("improvement_id", "improvements")] },
    ]);
    expect(plan.order).toHaveLength(2);
    const deferredColumns = [...plan.deferred.values()].flat();
    expect(deferredColumns).toHaveLength(1);
  });

  it("refuses a loop that only non-null columns could break", () => {
    expect(() =>
      planLoadOrder([
        { name: "a", references: [ref("b_id", "b", false)] },
        { name: "b", references: [ref("a_id", "a", false)] },
      ]),
    ).toThrow(/循環参照/);
  });

  it("ignores references to tables outside the set", () => {
    const plan = planLoadOrder([{ name: "voices", references: [ref("x", "voice_search")] }]);
    expect(plan.order).toEqual(["voices"]);
  });
});
