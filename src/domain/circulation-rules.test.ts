import { describe, expect, it } from "vitest";
import { latestSentAtForReminder, reminderDue } from "./circulation-rules.js";

describe("reminderDue", () => {
  // sent Friday 2026-12-04 10:00 JST
  const sent = "2026-12-04T01:00:00.000Z";
  it("counts business days: 2 days after a Friday is Tuesday", () => {
    expect(reminderDue(sent, 2, new Date("2026-12-07T03:00:00.000Z"))).toBe(false); // Monday
    expect(reminderDue(sent, 2, new Date("2026-12-08T00:00:00.000Z"))).toBe(true); // Tuesday 9:00 JST
  });
  it("never without a reminder setting", () => {
    expect(reminderDue(sent, null, new Date("2027-12-08T00:00:00.000Z"))).toBe(false);
  });
  it("the database pre-filter never drops a due one", () => {
    const now = new Date("2026-12-08T00:00:00.000Z");
    expect(sent < latestSentAtForReminder(1, now)).toBe(true);
  });
});
