import { describe, expect, it } from "vitest";
import {
  checkTransition,
  dueDateProblem,
  IMPROVEMENT_STATUSES,
  type ImprovementStatus,
  isImprovementOverdue,
  nextStatuses,
} from "./improvement-workflow.js";

const TODAY = "2026-12-04";
const none = { result: null };

describe("improvement status machine", () => {
  it("walks 提案 → 検討中 → 実施中 → 完了 → 効果確認済", () => {
    const path: ImprovementStatus[] = [
      "proposed",
      "under_review",
      "in_progress",
      "completed",
      "effect_confirmed",
    ];
    for (let i = 0; i + 1 < path.length; i++) {
      const to = path[i + 1] as ImprovementStatus;
      const r = checkTransition(
        path[i] as ImprovementStatus,
        none,
        {
          to,
          result: "受付業務を改善しました",
          verdict: "effective",
        },
        TODAY,
      );
      expect(r, `${path[i]} → ${to}`).toEqual({ ok: true });
    }
  });

  it("refuses skipping a step and moving out of 効果確認済 or 見送り", () => {
    const skip = checkTransition("proposed", none, { to: "completed", result: "x" }, TODAY);
    expect(skip).toMatchObject({ ok: false, kind: "refused" });
    if (!skip.ok && skip.kind === "refused")
      expect(skip.message).toContain("「提案」から「完了」には変更できません");
    for (const to of IMPROVEMENT_STATUSES) {
      expect(checkTransition("effect_confirmed", none, { to, reason: "r" }, TODAY).ok).toBe(false);
      expect(checkTransition("dropped", none, { to, reason: "r" }, TODAY).ok).toBe(false);
    }
    expect(nextStatuses("completed")).toEqual(["effect_confirmed"]);
  });

  it("見送り needs a reason from every open status, and is refused once completed", () => {
    for (const from of ["proposed", "under_review", "in_progress"] as const) {
      expect(checkTransition(from, none, { to: "dropped", reason: "  " }, TODAY)).toEqual({
        ok: false,
        kind: "invalid",
        fields: { reason: "見送りにする理由を入力してください" },
      });
      expect(checkTransition(from, none, { to: "dropped", reason: "予算がつかないため" }, TODAY)).toEqual({
        ok: true,
      });
    }
    expect(checkTransition("completed", none, { to: "dropped", reason: "r" }, TODAY).ok).toBe(false);
  });

  it("完了 needs 改善したこと (given now or before) and no future completion date", () => {
    expect(checkTransition("in_progress", none, { to: "completed" }, TODAY)).toMatchObject({
      kind: "invalid",
      fields: { result: expect.stringContaining("改善したこと") },
    });
    expect(checkTransition("in_progress", { result: "記録済み" }, { to: "completed" }, TODAY)).toEqual({
      ok: true,
    });
    expect(
      checkTransition(
        "in_progress",
        none,
        { to: "completed", result: "x", completedOn: "2026-12-05" },
        TODAY,
      ),
    ).toMatchObject({ kind: "invalid", fields: { completedOn: expect.any(String) } });
  });

  it("効果確認済 needs a verdict", () => {
    expect(checkTransition("completed", none, { to: "effect_confirmed" }, TODAY)).toMatchObject({
      kind: "invalid",
      fields: { verdict: expect.stringContaining("効果あり") },
    });
  });

  it("due dates: not before today on creation; overdue only while open", () => {
    expect(dueDateProblem("2026-12-03", TODAY)).toContain("過去の日付");
    expect(dueDateProblem(TODAY, TODAY)).toBeNull();
    expect(isImprovementOverdue({ status: "in_progress", dueDate: "2026-12-03" }, TODAY)).toBe(true);
    expect(isImprovementOverdue({ status: "completed", dueDate: "2026-12-03" }, TODAY)).toBe(false);
    expect(isImprovementOverdue({ status: "proposed", dueDate: TODAY }, TODAY)).toBe(false);
  });
});
